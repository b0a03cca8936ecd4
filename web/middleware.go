package web

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
)

// csp allows nothing but this site's own files: no inline script or
// style, no frames, forms that post here only.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

// formLimit bounds the body of an ordinary form; uploads get MaxUpload.
const formLimit = 1 << 20

// middleware wraps every request: recovery, security headers, the body
// limit, the visitor, and the CSRF check for everything but GET and HEAD.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer s.recoverPanic(w, r)
		s.securityHeaders(w.Header())
		if strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store") // pages hold personal data
		limit := int64(formLimit)
		if isUpload(r) {
			limit = s.maxUp + 1<<20 // the file and the multipart framing around it
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		v, err := s.visitorFrom(w, r)
		if err != nil {
			s.serverError(w, r, nil, err)
			return
		}
		r = withVisitor(r, v)
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.checkCSRF(w, r, v) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer") // a login link in a Referer would hand it out
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.secure {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// recoverPanic turns a panic in a handler into a 500 page and a log line
// with the stack, and keeps the server serving.
func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request) {
	if p := recover(); p != nil {
		if p == http.ErrAbortHandler {
			panic(p)
		}
		s.log.Error("web: handler panicked", "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		s.fail(w, r, visitorOf(r), http.StatusInternalServerError, "web_err_server")
	}
}
