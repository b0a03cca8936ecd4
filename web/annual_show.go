package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/ganshi/ganshi/models"
)

// annualPage is a cadre's year on one printable A4 page, with the forms
// of the judgement for those who may fill them.
type annualPage struct {
	Cadre     models.Cadre
	Year      int
	View      models.AnnualView
	Judgement *models.AnnualJudgement
	MayAssess bool // the principal's assessment form
	MayJudge  bool // the department's grade, confirm and correct forms
	Admin     bool // the sources behind check-up items and training hours link to their pages
	Grades    []string
	Uses      []string
}

// showAnnual is GET /annual/{id}?year=2026: the profile (年度实绩画像) for
// the cadre, the unit's principal or an admin (whose read is audited).
func (s *Server) showAnnual(w http.ResponseWriter, r *http.Request, v *visitor) {
	c, year, ok := s.annualSubject(w, r, v)
	if !ok {
		return
	}
	p, _, err := s.st.AnnualProfileOf(r.Context(), c.ID, year, s.loc)
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if v.me.Role == models.RoleAdmin {
		if err := s.st.Audit(r.Context(), &v.me.ID, "annual.view", fmt.Sprintf("cadre %d", c.ID), "web "+strconv.Itoa(year)); err != nil {
			s.serverError(w, r, v, err)
			return
		}
	}
	pg := s.newPage(v, "web_annual_title", "annual", nil)
	data := annualPage{Cadre: c, Year: year, View: p.Redact(v.me).View(pg.Lang), Judgement: p.Judgement,
		MayAssess: v.me.MayAssess(c), MayJudge: v.me.MayJudge(), Admin: v.me.Role == models.RoleAdmin, Grades: models.Grades, Uses: models.Uses}
	pg.Data = data
	pg.Title = data.View.Title
	s.render(w, r, http.StatusOK, "annual", pg)
}

// annualSubject reads the cadre and the year of an /annual/{id} request
// and checks the visitor may see them; false when it has answered.
func (s *Server) annualSubject(w http.ResponseWriter, r *http.Request, v *visitor) (models.Cadre, int, bool) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return models.Cadre{}, 0, false
	}
	year := models.AnnualYearAt(s.st.Now(), s.loc)
	if y := r.FormValue("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			s.fail(w, r, v, http.StatusBadRequest, "web_err_bad_form")
			return models.Cadre{}, 0, false
		}
		year = n
	}
	c, err := s.st.GetCadre(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return models.Cadre{}, 0, false
	} else if err != nil {
		s.serverError(w, r, v, err)
		return models.Cadre{}, 0, false
	}
	if !v.me.MayActOnCadre(c) {
		s.refuse(w, r, v, fmt.Sprintf("annual profile %d", id))
		return models.Cadre{}, 0, false
	}
	return c, year, true
}

// sourceHref links a figure's source row, "" for rows without a page the
// reader may open: the check-up matrix and a training session's page are
// the department's (the cadre is the profile's).
func sourceHref(ref models.SourceRef, admin bool, cadre int64) string {
	switch {
	case ref.Kind == models.RefReport:
		return "/reports/" + strconv.FormatInt(ref.ID, 10)
	case ref.Kind == models.RefItem:
		return "/reports/" + strconv.FormatInt(ref.Parent, 10)
	case ref.Kind == models.RefTalk:
		return "/talks/" + strconv.FormatInt(ref.ID, 10)
	case ref.Kind == models.RefCheckup && admin:
		return "/review/cadres/" + strconv.FormatInt(cadre, 10)
	case ref.Kind == models.RefTraining && admin:
		return "/training/" + strconv.FormatInt(ref.ID, 10)
	}
	return ""
}
