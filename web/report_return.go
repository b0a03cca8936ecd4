package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganshi/ganshi/models"
)

// maxComment bounds a return's comment or a reopening's reason.
const maxComment = 1000

// returnReport is POST /reports/{id}/return: the principal sends a
// submitted report back with a comment, through models.ReturnReport as
// /return does in chat; the cadre is told there.
func (s *Server) returnReport(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	version, err := strconv.Atoi(r.PostFormValue("version"))
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	if !ok || err != nil {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_bad_form")
		return
	}
	if comment == "" || utf8.RuneCountInString(comment) > maxComment {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_comment", maxComment)
		return
	}
	if _, err := s.judgeable(r, v, id, models.Cadre.MayJudgeReport); err != nil {
		s.judgeFailed(w, r, v, id, err)
		return
	}
	rep, err := s.st.ReturnReport(r.Context(), id, version, v.me, comment)
	if s.changedMeanwhile(w, r, v, id, err) {
		return
	}
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.tallies.forget()
	s.redirectDone(w, r, "/reports/"+strconv.FormatInt(id, 10), "web_done_returned", s.ownerName(r, rep))
}

// changedMeanwhile answers a change refused because the report moved on
// (a double click, or an action in chat) with where it stands now.
func (s *Server) changedMeanwhile(w http.ResponseWriter, r *http.Request, v *visitor, id int64, err error) bool {
	if !errors.Is(err, models.ErrStale) && !errors.Is(err, models.ErrConflict) {
		return false
	}
	s.redirectDone(w, r, "/reports/"+strconv.FormatInt(id, 10), "web_done_changed")
	return true
}

// ownerName names the report's owner for a notice, or "" if unknown.
func (s *Server) ownerName(r *http.Request, rep models.Report) string {
	c, err := s.st.GetCadre(r.Context(), rep.CadreID)
	if err != nil {
		return ""
	}
	return c.Name
}
