package web

import "net/http"

// showTrainings is GET /training: the sessions the visitor runs (every
// recent session for an admin).
func (s *Server) showTrainings(w http.ResponseWriter, r *http.Request, v *visitor) {
	ts, err := s.st.TrainingsOrganisedBy(r.Context(), v.me)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.render(w, r, http.StatusOK, "trainings", s.newPage(v, "web_training_title", "training", ts))
}
