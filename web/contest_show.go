package web

import (
	"net/http"
)

// showContest is the live board inside the console, for anyone logged in:
// the newest active contest, all categories, without rotation. Principals
// reach it from the meeting reminder through /web.
func (s *Server) showContest(w http.ResponseWriter, r *http.Request, v *visitor) {
	cs, err := s.st.Contests(r.Context())
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	for _, c := range cs {
		if c.Active {
			s.renderBoard(w, r, c.ID, "", 0, "")
			return
		}
	}
	s.fail(w, r, v, http.StatusNotFound, "board_no_contest")
}
