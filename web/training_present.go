package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/ganshi/ganshi/models"
)

// markPresent is POST /training/{id}/present/{inv}: the organiser marks an
// invitee present, as the chat's button does.
func (s *Server) markPresent(w http.ResponseWriter, r *http.Request, v *visitor) {
	t, ok := s.runnable(w, r, v)
	if !ok {
		return
	}
	invID, ok := pathID(r, "inv")
	if !ok {
		s.notFound(w, r)
		return
	}
	inv, _, err := s.st.GetTrainingInvitation(r.Context(), invID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && inv.SessionID != t.ID) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	back := "/training/" + strconv.FormatInt(t.ID, 10)
	_, _, err = s.st.MarkTrainingPresent(r.Context(), invID, v.me)
	switch {
	case errors.Is(err, models.ErrCheckedIn):
		s.redirectDone(w, r, back, "web_done_training_present_already")
	case errors.Is(err, models.ErrCheckinClosed), errors.Is(err, models.ErrTrainingCancelled):
		s.redirectDone(w, r, back, "web_done_training_present_not_yet")
	case err != nil:
		s.serverError(w, r, v, err)
	default:
		c, err := s.st.GetCadre(r.Context(), inv.CadreID)
		if err != nil {
			s.serverError(w, r, v, err)
			return
		}
		s.redirectDone(w, r, back, "web_done_training_present_done", c.Name, t.Title)
	}
}
