package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// visitor is who is asking: the session and the cadre, read afresh on
// every request, so a change of role or unit applies at once and an
// inactive or unbound person is out.
type visitor struct {
	session models.WebSession
	me      models.Cadre
}

type visitorKey struct{}

func visitorOf(r *http.Request) *visitor {
	v, _ := r.Context().Value(visitorKey{}).(*visitor)
	return v
}

func withVisitor(r *http.Request, v *visitor) *http.Request {
	if v == nil {
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), visitorKey{}, v))
}

// cookieName is the session cookie. Over https it takes the __Host-
// prefix, which browsers only accept Secure, for this host, on path /.
func (s *Server) cookieName() string {
	if s.secure {
		return "__Host-ganshi_session"
	}
	return "ganshi_session"
}

// visitorFrom reads the session cookie. A cookie that names no live
// session, or a person no longer active and bound, is cleared and the
// request goes on without a visitor.
func (s *Server) visitorFrom(w http.ResponseWriter, r *http.Request) (*visitor, error) {
	c, err := r.Cookie(s.cookieName())
	if err != nil {
		return nil, nil
	}
	ws, err := s.st.WebSessionBySecret(r.Context(), c.Value)
	if errors.Is(err, models.ErrNoSession) {
		s.clearSession(w)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	me, err := s.st.GetCadre(r.Context(), ws.CadreID)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	if err != nil || !me.Active || !me.Bound() {
		if err := s.st.EndWebSession(r.Context(), ws.ID); err != nil {
			return nil, err
		}
		s.clearSession(w)
		return nil, nil
	}
	return &visitor{session: ws, me: me}, nil
}

func (s *Server) setSession(w http.ResponseWriter, secret string) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: secret, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(models.WebSessionTTL.Seconds())})
}

func (s *Server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}
