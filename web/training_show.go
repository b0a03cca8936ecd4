package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// runnable reads a session the visitor may run (its organiser or an
// admin); ok is false when the answer was already written.
func (s *Server) runnable(w http.ResponseWriter, r *http.Request, v *visitor) (models.TrainingSession, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return models.TrainingSession{}, false
	}
	t, err := s.st.GetTraining(r.Context(), id)
	switch {
	case errors.Is(err, models.ErrNotFound):
		s.notFound(w, r)
		return t, false
	case err != nil:
		s.serverError(w, r, v, err)
		return t, false
	case !v.me.MayRunTraining(t):
		s.refuse(w, r, v, fmt.Sprintf("run training %d", id))
		return t, false
	}
	return t, true
}

// showTraining is GET /training/{id}: the attendance list, with a button
// to mark each invitee not yet checked in present.
func (s *Server) showTraining(w http.ResponseWriter, r *http.Request, v *visitor) {
	t, ok := s.runnable(w, r, v)
	if !ok {
		return
	}
	l, err := s.st.TrainingAttendance(r.Context(), t.ID)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	p := s.newPage(v, "web_training_title", "training", l)
	p.Title = t.Title
	s.render(w, r, http.StatusOK, "training", p)
}
