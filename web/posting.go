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
	data := postingPage{Month: p.String(), Unit: u}
	if data.Rows, err = s.postingRows(r, p, u.ID); err != nil {
		s.serverError(w, r, v, err)
		return
	}
	pg := s.newPage(v, "web_posting", "reports", data)
	pg.Title = u.Name + " · " + pg.T("web_posting_title", pg.Month(p.String()))
	s.render(w, r, http.StatusOK, "posting", pg)
}

// postingRows are the unit's signed reports for p with their items.
func (s *Server) postingRows(r *http.Request, p models.Period, unitID int64) ([]postingRow, error) {
	rows, err := s.st.Board(r.Context(), p, &unitID)
	if err != nil {
		return nil, err
	}
	items, err := s.st.ItemsForPeriod(r.Context(), p, &unitID)
	if err != nil {
		return nil, err
	}
	var out []postingRow
	for _, row := range rows {
		if row.State() != models.StateSigned {
			continue
		}
		pr := postingRow{BoardRow: row}
		pr.Ach, pr.Plan = bySection(items[*row.ReportID])
		out = append(out, pr)
	}
	return out, nil
}

// bySection splits a report's items into achievements and plan.
func bySection(its []models.ReportItem) (ach, plan []models.ReportItem) {
	for _, it := range its {
		if it.Section == models.SectionPlan {
			plan = append(plan, it)
		} else {
			ach = append(ach, it)
		}
	}
	return ach, plan
}
