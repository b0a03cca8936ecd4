package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/ganshi/ganshi/models"
)

// errorPage is what the error template shows: what went wrong and what
// to do next, in one or two sentences.
type errorPage struct {
	Status  int
	Message string
}

// fail shows an error page. The visitor (nil when nobody is logged in)
// keeps the menu, so a refused page is not a dead end.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, v *visitor, status int, key string, args ...any) {
	p := s.newPage(v, "web_title_error", "", nil)
	p.Data = errorPage{Status: status, Message: p.T(key, args...)}
	p.Title = p.T("web_title_error_" + strconv.Itoa(status))
	s.render(w, r, status, "error", p)
}

// refuse answers a request outside the visitor's role or scope with 403,
// logs it and writes it to the audit log, as the bot does: a refused URL
// may be a forged one.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, v *visitor, what string) {
	s.log.Warn("web: refused", "cadre_id", v.me.ID, "role", v.me.Role, "what", what)
	if err := s.st.Audit(r.Context(), &v.me.ID, "refused", "web: "+what, ""); err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.fail(w, r, v, http.StatusForbidden, "web_err_forbidden")
}

// storeError answers a store error: "not found" for ErrNotFound (the
// thing asked for is gone or never was), else a 500 page.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, v *visitor, err error) {
	if errors.Is(err, models.ErrNotFound) {
		s.fail(w, r, v, http.StatusNotFound, "web_err_not_found")
		return
	}
	s.serverError(w, r, v, err)
}

// serverError logs err and shows a 500 page without its details.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, v *visitor, err error) {
	s.log.Error("web: request failed", "path", r.URL.Path, "error", err)
	if v == nil {
		v = visitorOf(r)
	}
	p := s.newPage(v, "web_title_error_500", "", errorPage{Status: 500})
	p.Data = errorPage{Status: 500, Message: p.T("web_err_server")}
	if tpl, ok := s.tpl.byName["error"]; ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		if err := tpl.ExecuteTemplate(w, "layout", p); err == nil {
			return
		}
	}
	http.Error(w, fmt.Sprint(http.StatusInternalServerError), http.StatusInternalServerError)
}
