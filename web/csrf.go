package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
)

// csrfField is the hidden field every form carries.
const csrfField = "csrf"

// checkCSRF is the one check every state-changing request passes: it must
// come from this site (when the browser says where from) and carry the
// session's token — or, on the login page where there is no session yet,
// the token of a short-lived cookie that page set (so another site cannot
// log a browser in as someone else either). A refusal is a 403 page.
func (s *Server) checkCSRF(w http.ResponseWriter, r *http.Request, v *visitor) bool {
	if !s.sameOrigin(r) {
		s.log.Warn("web: refused a POST from another site", "origin", r.Header.Get("Origin"),
			"sec_fetch_site", r.Header.Get("Sec-Fetch-Site"), "path", r.URL.Path)
		s.fail(w, r, v, http.StatusForbidden, "web_err_csrf")
		return false
	}
	if err := parseForm(r, s.maxUp); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, r, v, http.StatusRequestEntityTooLarge, "web_err_too_large", s.maxUp>>20)
		} else {
			s.fail(w, r, v, http.StatusBadRequest, "web_err_bad_form")
		}
		return false
	}
	want := ""
	if v != nil {
		want = v.session.CSRF
	} else if c, err := r.Cookie(s.preCookieName()); err == nil {
		want = c.Value
	}
	got := r.PostFormValue(csrfField)
	if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
		s.log.Warn("web: refused a POST without a valid CSRF token", "path", r.URL.Path, "logged_in", v != nil)
		s.fail(w, r, v, http.StatusForbidden, "web_err_csrf")
		return false
	}
	return true
}

// sameOrigin tells whether the browser says the request comes from one
// of our pages. Browsers send Sec-Fetch-Site; with Referrer-Policy
// no-referrer they send "Origin: null" for our own forms, so only another
// origin named outright is refused there. Clients that send neither (not
// a browser) still need the token.
func (s *Server) sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return false
	}
	origin := r.Header.Get("Origin")
	return origin == "" || origin == "null" || origin == s.origin
}

// parseForm reads the body once, a file upload included, within the
// limit the middleware set; a form that is too large fails here.
func parseForm(r *http.Request, maxUpload int64) error {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseMultipartForm(maxUpload + 1<<20)
	}
	return r.ParseForm()
}

func (s *Server) preCookieName() string {
	if s.secure {
		return "__Host-ganshi_login"
	}
	return "ganshi_login"
}

// setPreToken gives a browser without a session a token for the login
// form, in a cookie that lives a quarter of an hour.
func (s *Server) setPreToken(w http.ResponseWriter) string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	token := base64.RawURLEncoding.EncodeToString(b[:])
	http.SetCookie(w, &http.Cookie{Name: s.preCookieName(), Value: token, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteStrictMode, MaxAge: 15 * 60})
	return token
}

func (s *Server) clearPreToken(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.preCookieName(), Value: "", Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
}
