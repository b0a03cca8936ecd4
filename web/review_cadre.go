package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/ganshi/ganshi/models"
)

// reviewCadrePage is one cadre's 5×5 matrix (组织部门审), every concern in
// full and their 反向体检清单. Admins only; every read is audited.
type reviewCadrePage struct {
	Cadre    models.Cadre
	Unit     string
	Round    models.ReviewRound
	Matrix   *models.ReviewMatrix
	Rows     []matrixRow
	Concerns []models.ReviewConcern
	Notes    []anonNote
	Cases    map[int64][]caseLink // the error-tolerance cases linked to each item
}

// caseLink is an error-tolerance case as an item of the list shows it.
type caseLink struct {
	ID       int64
	Decision string // a text key
}

type matrixRow struct {
	Dim          string
	Cells        []string
	Corroborated bool
}

type anonNote struct{ Dim, Source, Note string }

// showReviewCadre is GET /review/cadres/{id}.
func (s *Server) showReviewCadre(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	if !v.me.MayReadReviewAnswers() {
		s.refuse(w, r, v, fmt.Sprintf("review cadre %d", id))
		return
	}
	ctx := r.Context()
	c, err := s.st.GetCadre(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	round, err := s.st.LatestRound(ctx)
	if err != nil {
		s.notFound(w, r)
		return
	}
	m, err := s.st.Matrix(ctx, round, id)
	if errors.Is(err, models.ErrNotInScope) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if err := s.st.Audit(ctx, &v.me.ID, "review.read", c.ExternalID, round.Code+" web"); err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data := reviewCadrePage{Cadre: c, Round: round, Matrix: m, Concerns: m.Concerns, Cases: map[int64][]caseLink{}}
	ids := make([]int64, len(m.Items))
	for i, it := range m.Items {
		ids[i] = it.ID
	}
	cases, err := s.st.CasesOfItems(ctx, ids)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	for id, list := range cases {
		for _, k := range list {
			key := "tol_undecided"
			if k.Decision != "" {
				key = "tol_decision_" + k.Decision
			}
			data.Cases[id] = append(data.Cases[id], caseLink{ID: k.ID, Decision: key})
		}
	}
	if c.UnitID != nil {
		if u, err := s.st.GetUnit(ctx, *c.UnitID); err == nil {
			data.Unit = u.Name
		}
	}
	for i, d := range models.ReviewDims {
		row := matrixRow{Dim: d, Corroborated: m.Corroborated(i)}
		for j, src := range models.ReviewSources {
			cell := strconv.Itoa(m.Cells[i][j].Count)
			if src == models.SrcColleague && m.Hidden {
				cell = "—"
			}
			row.Cells = append(row.Cells, cell)
			if src == models.SrcColleague || src == models.SrcPublic {
				for _, n := range m.Cells[i][j].Notes {
					data.Notes = append(data.Notes, anonNote{Dim: d, Source: src, Note: n})
				}
			}
		}
		data.Rows = append(data.Rows, row)
	}
	p := s.newPage(v, "web_nav_review", "review", data)
	p.Title = c.Name + " · " + round.Code
	s.render(w, r, http.StatusOK, "review_cadre", p)
}

func formatSat(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
