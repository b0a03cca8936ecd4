package web

import (
	"net/http"
)

// checkLogin spends the link and starts a session for its owner. A
// browser logged in as someone else keeps its session and the link stays
// unspent for its owner; the same person logging in again gets a fresh
// session in place of the old one.
func (s *Server) checkLogin(w http.ResponseWriter, r *http.Request) {
	v := visitorOf(r)
	if !s.limiter.allow(clientIP(r)) {
		s.fail(w, r, v, http.StatusTooManyRequests, "web_err_rate")
		return
	}
	token := r.PathValue("token")
	link, err := s.st.PeekLoginLink(r.Context(), token)
	if err != nil {
		s.linkProblem(w, r, v, err)
		return
	}
	if v != nil && v.me.ID != link.CadreID {
		s.log.Warn("web: a login link opened in another person's session", "cadre_id", v.me.ID, "link_cadre_id", link.CadreID)
		s.fail(w, r, v, http.StatusForbidden, "web_err_link_other", v.me.Name)
		return
	}
	ws, secret, err := s.st.UseLoginLink(r.Context(), token)
	if err != nil {
		s.linkProblem(w, r, v, err)
		return
	}
	if v != nil {
		if err := s.st.EndWebSession(r.Context(), v.session.ID); err != nil {
			s.serverError(w, r, v, err)
			return
		}
	}
	s.log.Info("web: logged in", "cadre_id", ws.CadreID, "session_id", ws.ID)
	s.clearPreToken(w)
	s.setSession(w, secret)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
