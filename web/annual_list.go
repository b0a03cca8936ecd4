package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/ganshi/ganshi/models"
)

// annualList is the people whose profiles the visitor may open.
type annualList struct {
	Year   int
	Units  []models.Unit // for admins choosing a unit
	Unit   *models.Unit
	Cadres []models.Cadre
}

// showAnnualList is GET /annual[?unit=ID]: a cadre goes to their own
// profile; a principal sees the unit's people; an admin picks a unit.
func (s *Server) showAnnualList(w http.ResponseWriter, r *http.Request, v *visitor) {
	year := models.AnnualYearAt(s.st.Now(), s.loc)
	if !v.me.AtLeast(models.RoleLeader) {
		http.Redirect(w, r, "/annual/"+strconv.FormatInt(v.me.ID, 10), http.StatusSeeOther)
		return
	}
	data := annualList{Year: year}
	unitID := v.me.UnitID
	if v.me.Role == models.RoleAdmin {
		unitID = nil
		if id, err := strconv.ParseInt(r.FormValue("unit"), 10, 64); err == nil {
			unitID = &id
		}
	}
	var err error
	if unitID == nil {
		data.Units, err = s.st.Units(r.Context())
	} else {
		var u models.Unit
		if u, err = s.st.GetUnit(r.Context(), *unitID); err == nil {
			data.Unit = &u
			data.Cadres, err = s.st.UnitCadres(r.Context(), u.ID)
		}
	}
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.render(w, r, http.StatusOK, "annual_list", s.newPage(v, "web_annual_list_title", "annual", data))
}
