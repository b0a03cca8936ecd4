package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/ganshi/ganshi/models"
)

// moveContestMember is POST /contest/{id}/members: unit joins group,
// which must be of the unit's category (同类同比).
func (s *Server) moveContestMember(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if v.me.Role != models.RoleAdmin || !ok {
		s.refuse(w, r, v, "contest group")
		return
	}
	unitID, err1 := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	groupID, err2 := strconv.ParseInt(r.PostFormValue("group"), 10, 64)
	if err1 != nil || err2 != nil {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_bad_form")
		return
	}
	u, g, err := s.st.MoveContestMember(r.Context(), id, unitID, groupID, &v.me.ID)
	var ref *models.EditRefusal
	switch {
	case errors.As(err, &ref):
		s.renderContestEdit(w, r, v, id, http.StatusUnprocessableEntity, editForm{Problems: ref.Msgs})
	case err != nil:
		s.storeError(w, r, v, err)
	default:
		s.redirectDone(w, r, "/contest/"+r.PathValue("id")+"/edit", "web_done_group", u.Name, g.Name)
	}
}
