package web

import (
	"errors"
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// postingPage is the unit's 公示 for a month: every signed report with
// its items, laid out to print on A4. Like the posting in the unit's
// group, it never says who was late or who has not reported.
type postingPage struct {
	Month string
	Unit  models.Unit
	Rows  []postingRow
}

type postingRow struct {
	models.BoardRow
	Ach, Plan []models.ReportItem
}

// showPosting is GET /units/{id}/posting?month=: for everyone in the unit
// (it is posted there) and admins.
func (s *Server) showPosting(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	p, okMonth := s.period(r)
	if !ok || !okMonth {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_month")
		return
	}
	u, err := s.st.GetUnit(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if !v.me.InUnit(u.ID) {
		s.refuse(w, r, v, "posting of unit "+u.Name)
		return
	}
	rows, err := s.st.Board(r.Context(), p, &u.ID)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	items, err := s.st.ItemsForPeriod(r.Context(), p, &u.ID)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data := postingPage{Month: p.String(), Unit: u}
	for _, row := range rows {
		if row.State() != models.StateSigned {
			continue
		}
		pr := postingRow{BoardRow: row}
		for _, it := range items[*row.ReportID] {
			if it.Section == models.SectionPlan {
				pr.Plan = append(pr.Plan, it)
			} else {
				pr.Ach = append(pr.Ach, it)
			}
		}
		data.Rows = append(data.Rows, pr)
	}
	pg := s.newPage(v, "web_posting", "reports", data)
	pg.Title = u.Name + " · " + pg.T("web_posting_title", pg.Month(p.String()))
	s.render(w, r, http.StatusOK, "posting", pg)
}
