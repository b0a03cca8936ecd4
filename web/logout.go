package web

import (
	"net/http"
)

// logout ends this browser's session (the others stay; /web logout in
// chat ends them all) and says how to come back.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	v := visitorOf(r)
	if v != nil {
		if err := s.st.EndWebSession(r.Context(), v.session.ID); err != nil {
			s.serverError(w, r, v, err)
			return
		}
	}
	s.clearSession(w)
	p := s.newPage(nil, "web_title_logged_out", "", errorPage{})
	if v != nil {
		p.Lang = v.me.Lang
		p.Title = p.T("web_title_logged_out")
	}
	p.Data = errorPage{Message: p.T("web_logged_out_page")}
	s.render(w, r, http.StatusOK, "error", p)
}
