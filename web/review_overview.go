package web

import (
	"errors"
	"net/http"
	"sort"

	"github.com/ganshi/ganshi/models"
)

// reviewPage is 季度体检 for the organization department: the round, who
// has answered (counts by source), the county by dimension (counts, never
// a ranking), and the cadres with something raised, by unit and name.
type reviewPage struct {
	Round    models.ReviewRound
	Progress []reviewProgress
	Dims     []reviewDimRow
	Raised   []reviewCadreRow
	Guard    int
	Sat      string
	SatN     int
}

type reviewProgress struct {
	Source      string
	Done, Total int
}

type reviewDimRow struct {
	Dim                  string
	Raised, Corroborated int
}

type reviewCadreRow struct {
	ID         int64
	Name, Unit string
	Dims       []string // raised
	Corrob     []string
	Open       int
}

// showReview is GET /review, for admins.
func (s *Server) showReview(w http.ResponseWriter, r *http.Request, v *visitor) {
	if !v.me.MayReadReviewAnswers() {
		s.refuse(w, r, v, "review")
		return
	}
	ctx := r.Context()
	round, err := s.st.LatestRound(ctx)
	if errors.Is(err, models.ErrNoRound) {
		s.fail(w, r, v, http.StatusNotFound, "review_no_round_admin")
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data, err := s.reviewData(r, round)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	p := s.newPage(v, "web_nav_review", "review", data)
	s.render(w, r, http.StatusOK, "review", p)
}

func (s *Server) reviewData(r *http.Request, round models.ReviewRound) (reviewPage, error) {
	ctx := r.Context()
	data := reviewPage{Round: round}
	prog, err := s.st.Completeness(ctx, round.ID)
	if err != nil {
		return data, err
	}
	for _, src := range []string{models.SrcPrincipal, models.SrcColleague, models.SrcDepartment} {
		data.Progress = append(data.Progress, reviewProgress{Source: src, Done: prog[src][0], Total: prog[src][1]})
	}
	ms, err := s.st.Matrices(ctx, round, nil)
	if err != nil {
		return data, err
	}
	sums, err := s.st.Summaries(ctx, round, ms)
	if err != nil {
		return data, err
	}
	c := sums[0]
	for i, d := range models.ReviewDims {
		data.Dims = append(data.Dims, reviewDimRow{Dim: d, Raised: c.Raised[i], Corroborated: c.Corroborated[i]})
	}
	data.Guard, data.SatN = c.OpenItems, c.SatAnswers
	if c.SatAnswers > 0 {
		data.Sat = formatSat(c.Satisfaction)
	}
	cadres, err := s.st.RoundCadres(ctx, round)
	if err != nil {
		return data, err
	}
	units, err := s.st.Units(ctx)
	if err != nil {
		return data, err
	}
	unitName := map[int64]string{}
	for _, u := range units {
		unitName[u.ID] = u.Name
	}
	for _, cd := range cadres {
		m := ms[cd.ID]
		row := reviewCadreRow{ID: cd.ID, Name: cd.Name, Unit: unitName[*cd.UnitID], Open: m.OpenItems()}
		for i, d := range models.ReviewDims {
			if m.Raised(i) {
				row.Dims = append(row.Dims, d)
			}
			if m.Corroborated(i) {
				row.Corrob = append(row.Corrob, d)
			}
		}
		if len(row.Dims) > 0 || row.Open > 0 {
			data.Raised = append(data.Raised, row)
		}
	}
	sort.SliceStable(data.Raised, func(i, j int) bool { return data.Raised[i].Unit < data.Raised[j].Unit })
	return data, nil
}
