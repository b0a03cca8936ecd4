package web

import (
	"errors"
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// loginPage asks the person to press a button: only the POST spends the
// link. Other is set when this browser is logged in as someone else.
type loginPage struct {
	Name  string
	Token string
	Other string
}

// showLogin is what the link from /web opens: a confirmation page, or why
// the link no longer works. Nothing is spent here — chat apps and mail
// scanners fetch links before people click them.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request) {
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
	owner, err := s.st.GetCadre(r.Context(), link.CadreID)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data := loginPage{Name: owner.Name, Token: token}
	status := http.StatusOK
	if v != nil && v.me.ID != owner.ID {
		data.Other, status = v.me.Name, http.StatusForbidden
	}
	p := s.newPage(v, "web_title_login", "", data)
	if v == nil {
		p.CSRF = s.setPreToken(w)
	}
	w.Header().Set("X-Robots-Tag", "noindex")
	s.render(w, r, status, "login", p)
}

// linkProblem says why a link does not log in, and what to do instead.
func (s *Server) linkProblem(w http.ResponseWriter, r *http.Request, v *visitor, err error) {
	switch {
	case errors.Is(err, models.ErrLinkUsed):
		s.fail(w, r, v, http.StatusGone, "web_err_link_used")
	case errors.Is(err, models.ErrLinkExpired):
		s.fail(w, r, v, http.StatusGone, "web_err_link_expired")
	case errors.Is(err, models.ErrLinkUnknown):
		s.fail(w, r, v, http.StatusNotFound, "web_err_link_unknown")
	default:
		s.serverError(w, r, v, err)
	}
}
