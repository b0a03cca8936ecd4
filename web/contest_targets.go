package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// setContestTargets is POST /contest/{id}/targets: every unit's target for
// every task, one field each (t{task}_{unit}), blank for unchanged. All
// are saved or none: a refused cell comes back marked, with every value
// as typed.
func (s *Server) setContestTargets(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if v.me.Role != models.RoleAdmin || !ok {
		s.refuse(w, r, v, "contest targets")
		return
	}
	in, fields, ok := targetInputs(r)
	if !ok {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_bad_form")
		return
	}
	n, err := s.st.SetContestTargets(r.Context(), id, in, &v.me.ID)
	var ref *models.EditRefusal
	switch {
	case errors.As(err, &ref):
		bad := map[string]bool{}
		for _, i := range ref.Bad {
			bad[fields[i]] = true
		}
		s.renderContestEdit(w, r, v, id, http.StatusUnprocessableEntity, editForm{Problems: ref.Msgs, Entered: r.PostForm, Bad: bad})
	case err != nil:
		s.storeError(w, r, v, err)
	default:
		s.redirectDone(w, r, "/contest/"+r.PathValue("id")+"/edit", "web_done_targets", n)
	}
}

// targetInputs reads the target fields in a fixed order, with each one's
// name; ok is false for a malformed field name.
func targetInputs(r *http.Request) ([]models.TargetInput, []string, bool) {
	var fields []string
	for k := range r.PostForm {
		if strings.HasPrefix(k, "t") {
			fields = append(fields, k)
		}
	}
	slices.Sort(fields)
	in := make([]models.TargetInput, len(fields))
	for i, f := range fields {
		task, unit, found := strings.Cut(f[1:], "_")
		t, err1 := strconv.ParseInt(task, 10, 64)
		u, err2 := strconv.ParseInt(unit, 10, 64)
		if !found || err1 != nil || err2 != nil {
			return nil, nil, false
		}
		in[i] = models.TargetInput{TaskID: t, UnitID: u, Value: r.PostForm.Get(f)}
	}
	return in, fields, true
}
