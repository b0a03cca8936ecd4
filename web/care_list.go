package web

import (
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// carePage is 关心关爱: the visitor's own leave, check-up and 疗养 of the
// year, their unit's for a principal, the county's for the department.
// Dates and done/not done only; entering and confirming leave, and
// "不再提醒", are done in chat (/care).
type carePage struct {
	Year   int
	Mine   *models.CareSummary
	Unit   []models.CareSummary
	County []careRow
}

type careRow struct {
	Unit string
	models.CareSummary
}

// showCare is GET /care.
func (s *Server) showCare(w http.ResponseWriter, r *http.Request, v *visitor) {
	ctx := r.Context()
	data := carePage{Year: s.st.Now().In(s.loc).Year()}
	if v.me.UnitID != nil {
		mine, err := s.st.CareOf(ctx, v.me.ID, data.Year)
		if err != nil {
			s.serverError(w, r, v, err)
			return
		}
		data.Mine = &mine
	}
	var err error
	switch {
	case v.me.Role == models.RoleAdmin:
		err = s.countyCare(r, &data)
	case v.me.Role == models.RoleLeader && v.me.UnitID != nil:
		data.Unit, err = s.st.UnitCare(ctx, *v.me.UnitID, data.Year)
	}
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.render(w, r, http.StatusOK, "care", s.newPage(v, "web_nav_care", "care", data))
}

func (s *Server) countyCare(r *http.Request, data *carePage) error {
	rows, err := s.st.CountyCare(r.Context(), data.Year)
	if err != nil {
		return err
	}
	units, err := s.st.Units(r.Context())
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	for _, c := range rows {
		row := careRow{CareSummary: c}
		if c.Cadre.UnitID != nil {
			row.Unit = names[*c.Cadre.UnitID]
		}
		data.County = append(data.County, row)
	}
	return nil
}
