package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets/roster"
)

// rosterPage is 名册 for admins: how many of each category's and unit's
// cadres are bound, the upload form, invitations. After a refused upload
// it lists every problem with its line.
type rosterPage struct {
	Cats      []catCoverage
	Category  string
	Units     []models.UnitCoverage
	Pager     pager
	MaxMB     int64
	MaxBytes  int64
	CanInvite bool
	File      string
	Problems  roster.Problems
}

type catCoverage struct {
	Category                     string
	Units, Total, Bound, Unreach int
}

// showRoster is GET /roster: admins see the county; a principal goes to
// their unit's list; cadres are refused.
func (s *Server) showRoster(w http.ResponseWriter, r *http.Request, v *visitor) {
	switch {
	case v.me.Role == models.RoleAdmin:
	case v.me.AtLeast(models.RoleLeader) && v.me.UnitID != nil:
		http.Redirect(w, r, "/roster/units/"+strconv.FormatInt(*v.me.UnitID, 10), http.StatusSeeOther)
		return
	default:
		s.refuse(w, r, v, "roster")
		return
	}
	data, err := s.rosterData(r)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.render(w, r, http.StatusOK, "roster", s.newPage(v, "web_nav_roster", "roster", data))
}

// rosterData reads the coverage of every unit, summed by category, with
// one category's units on the page.
func (s *Server) rosterData(r *http.Request) (rosterPage, error) {
	data := rosterPage{MaxMB: s.maxUp >> 20, MaxBytes: s.maxUp, CanInvite: s.botName != nil}
	cov, err := s.st.Coverage(r.Context())
	if err != nil {
		return data, err
	}
	for _, u := range cov {
		if n := len(data.Cats); n == 0 || data.Cats[n-1].Category != u.Category {
			data.Cats = append(data.Cats, catCoverage{Category: u.Category})
		}
		c := &data.Cats[len(data.Cats)-1]
		c.Units, c.Total, c.Bound, c.Unreach = c.Units+1, c.Total+u.Total, c.Bound+u.Bound, c.Unreach+u.Unreachable
	}
	data.Category = r.URL.Query().Get("category")
	if data.Category == "" && len(data.Cats) > 0 {
		data.Category = data.Cats[0].Category
	}
	var units []models.UnitCoverage
	for _, u := range cov {
		if u.Category == data.Category {
			units = append(units, u)
		}
	}
	var from, to int
	data.Pager, from, to = paginate(r, len(units), func(page int) string {
		return "/roster?" + url.Values{"category": {data.Category}, "page": {itoa(page)}}.Encode()
	})
	data.Units = units[from:to]
	return data, nil
}
