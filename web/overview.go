package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/ganshi/ganshi/models"
)

// overviewPage is 总览: the county by category and unit for admins, the
// unit for its principal, one's own report for everyone; open talks.
type overviewPage struct {
	Month     string
	CountedAt time.Time
	County    *countyView
	Unit      *models.ReportTally
	Mine      *models.BoardRow
	Talks     talkCounts
}

type countyView struct {
	Total    models.ReportTally
	Cats     []models.CategoryTally
	Category string // the category whose units are listed
	Units    []models.ReportTally
	Pager    pager
}

// talkCounts are the talks a holder still has to do (for an admin, the
// county's open talks) and those the visitor is invited to.
type talkCounts struct {
	County                           bool
	Owed, Upcoming, Unrecorded, Mine int
}

// showOverview is GET /: the month's board from the same tally as
// /reports, the digests and the export.
func (s *Server) showOverview(w http.ResponseWriter, r *http.Request, v *visitor) {
	p, ok := s.period(r)
	if !ok {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_month")
		return
	}
	data := overviewPage{Month: p.String(), CountedAt: s.st.Now()}
	var err error
	if v.me.Role == models.RoleAdmin {
		data.County, data.CountedAt, err = s.county(r, p)
	}
	if err == nil && v.me.UnitID != nil {
		err = s.ownUnit(r, v, p, &data)
	}
	if err == nil {
		data.Talks, err = s.talkCounts(r, v)
	}
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.render(w, r, http.StatusOK, "overview", s.newPage(v, "web_nav_overview", "overview", data))
}

// county is the admins' view: every category, and the units of one.
func (s *Server) county(r *http.Request, p models.Period) (*countyView, time.Time, error) {
	ts, at, err := s.tallies.get(r.Context(), s.st, p)
	if err != nil {
		return nil, at, err
	}
	c := &countyView{}
	c.Cats, c.Total = models.ByCategory(ts)
	c.Category = r.URL.Query().Get("category")
	if c.Category == "" && len(c.Cats) > 0 {
		c.Category = c.Cats[0].Category
	}
	var units []models.ReportTally
	for _, t := range ts {
		if t.Category == c.Category {
			units = append(units, t)
		}
	}
	var from, to int
	c.Pager, from, to = paginate(r, len(units), func(page int) string {
		q := url.Values{"month": {p.String()}, "category": {c.Category}, "page": {strconv.Itoa(page)}}
		return "/?" + q.Encode()
	})
	c.Units = units[from:to]
	return c, at, nil
}

// ownUnit fills in the visitor's unit (for its principal) and their own
// report, from the unit's board.
func (s *Server) ownUnit(r *http.Request, v *visitor, p models.Period, data *overviewPage) error {
	rows, err := s.st.Board(r.Context(), p, v.me.UnitID)
	if err != nil {
		return err
	}
	if v.me.MayActOnUnit(*v.me.UnitID) {
		if ts := models.Tally(rows); len(ts) == 1 {
			data.Unit = &ts[0]
		}
	}
	for i := range rows {
		if rows[i].CadreID == v.me.ID {
			data.Mine = &rows[i]
		}
	}
	return nil
}

// talkCounts counts what the visitor holds (as a leader) and the talks
// they are invited to.
func (s *Server) talkCounts(r *http.Request, v *visitor) (talkCounts, error) {
	var c talkCounts
	mine, err := s.st.CadreUpcomingTalks(r.Context(), v.me.ID)
	if err != nil {
		return c, err
	}
	c.Mine = len(mine)
	if !v.me.AtLeast(models.RoleLeader) {
		return c, nil
	}
	if v.me.Role == models.RoleAdmin {
		return s.countyTalkCounts(r, c)
	}
	sec, err := s.leaderSections(r, v)
	if err != nil {
		return c, err
	}
	c.Owed, c.Upcoming, c.Unrecorded = len(sec.Owed), len(sec.Upcoming), len(sec.Unrecorded)
	return c, nil
}

// countyTalkCounts sums the county's open talks: owed as the digests and
// /talks count them (models.TalkCounts on today), scheduled, and held but
// not written down.
func (s *Server) countyTalkCounts(r *http.Request, c talkCounts) (talkCounts, error) {
	today, err := s.st.Today(r.Context())
	if err != nil {
		return c, err
	}
	counts, err := s.st.TalkCounts(r.Context(), today)
	if err != nil {
		return c, err
	}
	c.County = true
	for _, n := range counts {
		c.Owed += int(n.Owed)
		c.Upcoming += int(n.Scheduled)
		c.Unrecorded += int(n.Held)
	}
	return c, nil
}
