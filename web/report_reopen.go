package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganshi/ganshi/models"
)

// reopenReport is POST /reports/{id}/reopen: the principal or an admin
// unlocks a signed report for a correction, with a reason, through
// models.ReopenReport as /reopen does in chat; the cadre is told there.
func (s *Server) reopenReport(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if !ok {
		s.notFound(w, r)
		return
	}
	if reason == "" || utf8.RuneCountInString(reason) > maxComment {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_comment", maxComment)
		return
	}
	if _, err := s.judgeable(r, v, id, models.Cadre.MayReopenReport); err != nil {
		s.judgeFailed(w, r, v, id, err)
		return
	}
	rep, err := s.st.ReopenReport(r.Context(), id, v.me, reason)
	if s.changedMeanwhile(w, r, v, id, err) {
		return
	}
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.tallies.forget()
	s.redirectDone(w, r, "/reports/"+strconv.FormatInt(id, 10), "web_done_reopened", s.ownerName(r, rep))
}
