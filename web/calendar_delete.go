package web

import (
	"errors"
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// deleteCalendarDay is POST /calendar/{date}/delete: an admin's decision
// about a day is undone; the day falls back to the official calendar or
// to Monday to Friday, as /holiday del does in chat.
func (s *Server) deleteCalendarDay(w http.ResponseWriter, r *http.Request, v *visitor) {
	if v.me.Role != models.RoleAdmin {
		s.refuse(w, r, v, "calendar")
		return
	}
	date := r.PathValue("date")
	err := s.st.DeleteCalendarDay(r.Context(), date, &v.me.ID)
	switch {
	case errors.Is(err, models.ErrNotFound):
		s.fail(w, r, v, http.StatusNotFound, "web_err_no_admin_day", date)
	case err != nil:
		s.fail(w, r, v, http.StatusBadRequest, "web_err_day")
	default:
		s.redirectDone(w, r, "/calendar?year="+date[:4], "web_done_day_deleted", date)
	}
}
