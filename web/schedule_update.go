package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// updateSchedule is POST /schedules/{name}: action=spec with a new spec
// (validated by models.SetSpec, refused with the reason and an example),
// or action=enable / disable — the changes /schedule makes in chat, with
// the same audit entries.
func (s *Server) updateSchedule(w http.ResponseWriter, r *http.Request, v *visitor) {
	if v.me.Role != models.RoleAdmin {
		s.refuse(w, r, v, "schedules")
		return
	}
	name := r.PathValue("name")
	var err error
	switch r.PostFormValue("action") {
	case "spec":
		spec := strings.TrimSpace(r.PostFormValue("spec"))
		err = s.st.SetSpec(r.Context(), name, spec, &v.me.ID)
		var se *models.SpecError
		if errors.As(err, &se) {
			s.renderSchedules(w, r, v, http.StatusUnprocessableEntity, schedulesPage{Problem: se.Reason, For: name, Entered: spec})
			return
		}
	case "enable", "disable":
		_, err = s.st.SetEnabled(r.Context(), name, r.PostFormValue("action") == "enable", &v.me.ID)
	default:
		s.fail(w, r, v, http.StatusBadRequest, "web_err_bad_form")
		return
	}
	switch {
	case errors.Is(err, models.ErrNotFound):
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, v, err)
	default:
		s.redirectDone(w, r, "/schedules", "web_done_schedule", name)
	}
}
