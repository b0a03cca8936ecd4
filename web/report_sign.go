package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// maxBulk bounds one bulk signature: a unit's reports, not a county's.
const maxBulk = 500

// judgedRef is a report as the form showed it: its id and version, so a
// report that changed since (returned in chat, signed by a double click)
// is not signed blind.
type judgedRef struct {
	rep     models.Report
	version int
}

// signReports is POST /reports/sign: the principal signs the ticked
// reports, each through models.SignReport as /sign does in chat, so the
// cadre and the unit's group are told the same way. Every report is
// checked before any is signed: one forged id refuses the whole request.
func (s *Server) signReports(w http.ResponseWriter, r *http.Request, v *visitor) {
	refs, ok := s.judgedRefs(w, r, v)
	if !ok {
		return
	}
	if len(refs) == 0 {
		http.Redirect(w, r, "/reports", http.StatusSeeOther)
		return
	}
	signed, changed := 0, 0
	for _, ref := range refs {
		_, err := s.st.SignReport(r.Context(), ref.rep.ID, ref.version, v.me)
		switch {
		case err == nil:
			signed++
		case errors.Is(err, models.ErrStale), errors.Is(err, models.ErrConflict):
			changed++
		default:
			s.serverError(w, r, v, err)
			return
		}
	}
	s.tallies.forget()
	back := url.Values{"month": {refs[0].rep.Period}, "unit": {strconv.FormatInt(refs[0].rep.UnitID, 10)}}
	s.redirectDone(w, r, "/reports?"+back.Encode(), "web_done_signed", signed, changed)
}

// judgedRefs reads the ticked "id:version" values and checks that the
// visitor may sign every one of them.
func (s *Server) judgedRefs(w http.ResponseWriter, r *http.Request, v *visitor) ([]judgedRef, bool) {
	vals := r.PostForm["id"]
	if len(vals) > maxBulk {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_too_many", maxBulk)
		return nil, false
	}
	var refs []judgedRef
	for _, val := range vals {
		idText, verText, _ := strings.Cut(val, ":")
		id, err1 := strconv.ParseInt(idText, 10, 64)
		ver, err2 := strconv.Atoi(verText)
		if err1 != nil || err2 != nil {
			s.fail(w, r, v, http.StatusBadRequest, "web_err_bad_form")
			return nil, false
		}
		rep, err := s.judgeable(r, v, id, models.Cadre.MayJudgeReport)
		if err != nil {
			s.judgeFailed(w, r, v, id, err)
			return nil, false
		}
		refs = append(refs, judgedRef{rep: rep, version: ver})
	}
	return refs, true
}

// errRefused marks a report the visitor may not judge.
var errRefused = errors.New("refused")

// judgeable loads a report the visitor may judge by may (MayJudgeReport
// or MayReopenReport), the rule the bot applies too.
func (s *Server) judgeable(r *http.Request, v *visitor, id int64, may func(models.Cadre, models.Unit) bool) (models.Report, error) {
	rep, err := s.st.GetReport(r.Context(), id)
	if err != nil {
		return rep, err
	}
	u, err := s.st.GetUnit(r.Context(), rep.UnitID)
	if err != nil {
		return rep, err
	}
	if !may(v.me, u) {
		return rep, errRefused
	}
	return rep, nil
}

// judgeFailed answers a report that could not be judged: gone (404),
// not the visitor's to judge (403, audited), or a failure.
func (s *Server) judgeFailed(w http.ResponseWriter, r *http.Request, v *visitor, id int64, err error) {
	switch {
	case errors.Is(err, models.ErrNotFound):
		s.notFound(w, r)
	case errors.Is(err, errRefused):
		s.refuse(w, r, v, fmt.Sprintf("judge report %d", id))
	default:
		s.serverError(w, r, v, err)
	}
}
