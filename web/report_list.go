package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// stateOrder is how a unit's list is sorted and filtered: what needs the
// principal first, as /reports does in chat.
var stateOrder = []string{models.StateSubmitted, models.StateReturned, models.StateInProgress,
	models.StateNotStarted, models.StateExempt, models.StateSigned}

// reportsPage is 月度实绩: one unit's reports for a month, filtered by
// state; admins first pick the unit.
type reportsPage struct {
	Month   string
	State   string
	States  []string
	Counts  map[string]int
	Unit    *models.Unit
	CanSign bool
	Rows    []models.BoardRow
	Query   string
	Found   []models.Unit
	AllRows bool // false for cadres, who see signed reports and their own
}

// showReports is GET /reports?month=&unit=&state=.
func (s *Server) showReports(w http.ResponseWriter, r *http.Request, v *visitor) {
	p, ok := s.period(r)
	state := r.URL.Query().Get("state")
	if !ok || (state != "" && !slices.Contains(stateOrder, state)) {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_filter")
		return
	}
	data := reportsPage{Month: p.String(), State: state, States: stateOrder}
	unitID := queryID(r, "unit")
	if unitID == 0 && v.me.UnitID != nil && v.me.Role != models.RoleAdmin {
		unitID = *v.me.UnitID
	}
	if unitID == 0 {
		s.pickUnit(w, r, v, data)
		return
	}
	u, err := s.st.GetUnit(r.Context(), unitID)
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if !v.me.InUnit(u.ID) {
		s.refuse(w, r, v, "reports of unit "+u.Name)
		return
	}
	data.Unit, data.CanSign, data.AllRows = &u, v.me.MayJudgeReport(u), v.me.MayActOnUnit(u.ID)
	rows, err := s.st.Board(r.Context(), p, &u.ID)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data.Rows, data.Counts = filterBoard(rows, v.me, data.AllRows, state)
	s.render(w, r, http.StatusOK, "reports", s.newPage(v, "web_nav_reports", "reports", data))
}

// filterBoard keeps the rows the visitor may see (all, or signed ones and
// their own), counts them by state, and returns those in the asked-for
// state, most urgent first.
func filterBoard(rows []models.BoardRow, me models.Cadre, all bool, state string) ([]models.BoardRow, map[string]int) {
	counts := map[string]int{}
	var out []models.BoardRow
	for _, row := range rows {
		st := row.State()
		if !all && st != models.StateSigned && row.CadreID != me.ID {
			continue
		}
		counts[st]++
		if state == "" || st == state {
			out = append(out, row)
		}
	}
	slices.SortStableFunc(out, func(a, b models.BoardRow) int {
		return slices.Index(stateOrder, a.State()) - slices.Index(stateOrder, b.State())
	})
	return out, counts
}

// pickUnit is what an admin sees before choosing a unit: a search by name.
func (s *Server) pickUnit(w http.ResponseWriter, r *http.Request, v *visitor, data reportsPage) {
	if v.me.Role != models.RoleAdmin {
		s.fail(w, r, v, http.StatusNotFound, "web_err_no_unit")
		return
	}
	data.Query = strings.TrimSpace(r.URL.Query().Get("q"))
	if data.Query != "" {
		found, err := s.st.FindUnits(r.Context(), data.Query, pageSize)
		if err != nil {
			s.serverError(w, r, v, err)
			return
		}
		data.Found = found
	}
	s.render(w, r, http.StatusOK, "reports_pick", s.newPage(v, "web_nav_reports", "reports", data))
}
