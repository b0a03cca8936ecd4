package web

import (
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// talksPage is 谈心谈话: what a holder still has to do, the county's open
// talks for admins, the talks a cadre is invited to. No record text here.
type talksPage struct {
	Sections *talkSections
	Mine     []models.TalkRow
	County   []unitTalks
	Pager    pager
	Today    string
}

// talkSections sorts a holder's open talks as /talks does in chat.
type talkSections struct {
	Owed, Planned, Upcoming, Unrecorded []models.TalkRow
}

type unitTalks struct {
	UnitID               int64
	Unit                 string
	Due, Scheduled, Held int64
}

// showTalks is GET /talks.
func (s *Server) showTalks(w http.ResponseWriter, r *http.Request, v *visitor) {
	data := talksPage{}
	var err error
	if data.Today, err = s.st.Today(r.Context()); err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if data.Mine, err = s.st.CadreUpcomingTalks(r.Context(), v.me.ID); err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if v.me.AtLeast(models.RoleLeader) {
		sec, err := s.leaderSections(r, v)
		if err != nil {
			s.serverError(w, r, v, err)
			return
		}
		data.Sections = &sec
	}
	if v.me.Role == models.RoleAdmin {
		if err := s.countyTalks(r, &data); err != nil {
			s.serverError(w, r, v, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "talks", s.newPage(v, "web_nav_talks", "talks", data))
}

// leaderSections reads the visitor's open talks as their holder.
func (s *Server) leaderSections(r *http.Request, v *visitor) (talkSections, error) {
	var sec talkSections
	rows, err := s.st.LeaderOpenTalks(r.Context(), v.me.ID)
	if err != nil {
		return sec, err
	}
	today, err := s.st.Today(r.Context())
	if err != nil {
		return sec, err
	}
	now := s.st.Now()
	for _, t := range rows {
		switch {
		case t.PlannedOn(today):
			sec.Planned = append(sec.Planned, t)
		case t.OwedOn(today):
			sec.Owed = append(sec.Owed, t)
		case t.Status == models.TalkScheduled && t.StartsAt.After(now):
			sec.Upcoming = append(sec.Upcoming, t)
		default:
			sec.Unrecorded = append(sec.Unrecorded, t)
		}
	}
	return sec, nil
}

// countyTalks adds the department's view: open talks per unit, owed as
// the digests and /talks count them, a page of units at a time.
func (s *Server) countyTalks(r *http.Request, data *talksPage) error {
	today, err := s.st.Today(r.Context())
	if err != nil {
		return err
	}
	counts, err := s.st.TalkCounts(r.Context(), today)
	if err != nil {
		return err
	}
	units := make([]unitTalks, len(counts))
	for i, c := range counts {
		units[i] = unitTalks{UnitID: c.UnitID, Unit: c.UnitName, Due: c.Owed, Scheduled: c.Scheduled, Held: c.Held}
	}
	var from, to int
	data.Pager, from, to = paginate(r, len(units), func(page int) string { return "/talks?page=" + itoa(page) })
	data.County = units[from:to]
	return nil
}
