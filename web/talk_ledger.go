package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/ganshi/ganshi/models"
)

// ledgerPage is the 谈话台账: talks held in a date range, filtered by unit
// and reason. It lists who, when and why; a record opens on the talk's
// page, for its holder and admins only.
type ledgerPage struct {
	From, To string
	Unit     int64
	Reason   string
	Reasons  []string
	Rows     []ledgerRow
	Pager    pager
}

type ledgerRow struct {
	models.TalkRow
	MayRead bool
}

// showLedger is GET /talks/ledger?from=&to=&unit=&reason=: admins see the
// county, leaders their unit; cadres are refused.
func (s *Server) showLedger(w http.ResponseWriter, r *http.Request, v *visitor) {
	if !v.me.AtLeast(models.RoleLeader) || (v.me.Role != models.RoleAdmin && v.me.UnitID == nil) {
		s.refuse(w, r, v, "talk ledger")
		return
	}
	q := r.URL.Query()
	from, to, ok := s.ledgerRange(q)
	reason := q.Get("reason")
	if !ok || (reason != "" && !slices.Contains(models.TalkReasons, reason)) {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_filter")
		return
	}
	data := ledgerPage{From: from.Format(time.DateOnly), To: to.AddDate(0, 0, -1).Format(time.DateOnly), Unit: queryID(r, "unit"),
		Reason: reason, Reasons: models.TalkReasons}
	if v.me.Role != models.RoleAdmin {
		data.Unit = *v.me.UnitID
	}
	rows, err := s.st.TalksHeldBetween(r.Context(), from, to)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	var keep []ledgerRow
	for _, t := range rows {
		if (data.Unit == 0 || (t.UnitID != nil && *t.UnitID == data.Unit)) && (reason == "" || t.Reason == reason) {
			keep = append(keep, ledgerRow{TalkRow: t, MayRead: v.me.MayReadTalkRecord(t.Talk)})
		}
	}
	var lo, hi int
	data.Pager, lo, hi = paginate(r, len(keep), func(page int) string {
		q.Set("page", itoa(page))
		return "/talks/ledger?" + q.Encode()
	})
	data.Rows = keep[lo:hi]
	s.render(w, r, http.StatusOK, "ledger", s.newPage(v, "web_ledger", "talks", data))
}

// ledgerRange reads from and to (days, to included) in the console's
// zone; by default this month. to comes back as the next day's start.
func (s *Server) ledgerRange(q url.Values) (time.Time, time.Time, bool) {
	now := s.st.Now().In(s.loc)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, s.loc)
	to := from.AddDate(0, 1, 0)
	var err error
	if f := q.Get("from"); f != "" {
		if from, err = time.ParseInLocation(time.DateOnly, f, s.loc); err != nil {
			return from, to, false
		}
	}
	if t := q.Get("to"); t != "" {
		day, err := time.ParseInLocation(time.DateOnly, t, s.loc)
		if err != nil {
			return from, to, false
		}
		to = day.AddDate(0, 0, 1)
	}
	return from, to, to.After(from) && to.Sub(from) <= 400*24*time.Hour
}
