package models

import (
	"context"
	"fmt"
	"slices"
)

// ReviewCell is one dimension × source of a cadre's matrix: how many
// answers raised it and what they said.
type ReviewCell struct {
	Count int
	Notes []string
}

// ReviewMatrix is what the organization department sees of one cadre in
// a round (组织部门审): the 5×5 matrix, how many colleagues and outside
// respondents answered, and the named concerns in full. Colleagues'
// cells stay empty (Hidden) until MinAnonymous of them answered.
type ReviewMatrix struct {
	CadreID    int64
	UnitID     int64
	Cells      [5][5]ReviewCell // [dimension][source], in ReviewDims × ReviewSources order
	Colleagues int              // how many colleagues answered about the cadre
	Public     int              // outside answers naming the cadre
	Hidden     bool             // fewer than MinAnonymous colleagues: their cell is withheld
	Concerns   []ReviewConcern  // named answers that raise something
	Items      []ReviewItem     // the cadre's list: open items of any round and this round's decisions
}

// Raised tells whether any source raised the dimension.
func (m *ReviewMatrix) Raised(dim int) bool {
	for _, c := range m.Cells[dim] {
		if c.Count > 0 {
			return true
		}
	}
	return false
}

// Sources lists the sources that raised the dimension.
func (m *ReviewMatrix) Sources(dim int) []string {
	var out []string
	for i, c := range m.Cells[dim] {
		if c.Count > 0 {
			out = append(out, ReviewSources[i])
		}
	}
	return out
}

// Corroborated tells whether two or more independent sources raised the
// dimension (多方印证).
func (m *ReviewMatrix) Corroborated(dim int) bool { return len(m.Sources(dim)) >= 2 }

// OpenItems counts the cadre's open confirmed items that no case cleared
// (容错免责), as PromotionGuard does.
func (m *ReviewMatrix) OpenItems() int {
	n := 0
	for _, it := range m.Items {
		if it.State == ItemOpen && !it.Cleared {
			n++
		}
	}
	return n
}

func dimIndex(d string) int { return slices.Index(ReviewDims, d) }
func srcIndex(s string) int { return slices.Index(ReviewSources, s) }
func (m *ReviewMatrix) add(dim, src, note string) {
	di, si := dimIndex(dim), srcIndex(src)
	if di < 0 || si < 0 {
		return
	}
	c := &m.Cells[di][si]
	c.Count++
	if note != "" {
		c.Notes = append(c.Notes, note)
	}
}

// Matrices builds the matrix of every cadre of the round (cadreIDs nil) or
// of those given, in a fixed number of queries whatever the count.
func (s *Store) Matrices(ctx context.Context, r ReviewRound, cadreIDs []int64) (map[int64]*ReviewMatrix, error) {
	cadres, err := s.RoundCadres(ctx, r)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*ReviewMatrix, len(cadres))
	for _, c := range cadres {
		if cadreIDs == nil || slices.Contains(cadreIDs, c.ID) {
			out[c.ID] = &ReviewMatrix{CadreID: c.ID, UnitID: *c.UnitID}
		}
	}
	scope := func(q string) (string, []any) {
		if cadreIDs == nil {
			return q, []any{r.ID}
		}
		return q + " AND cadre_id IN ?", []any{r.ID, cadreIDs}
	}
	var ballots []ReviewBallot
	q, args := scope("round_id = ? AND cadre_id IS NOT NULL")
	if err := s.with(ctx).Select("cadre_id, source, no_issue, dims, note").Where(q, args...).Find(&ballots).Error; err != nil {
		return nil, fmt.Errorf("read ballots of round %s: %w", r.Code, err)
	}
	for _, b := range ballots {
		if m := out[*b.CadreID]; m != nil {
			if b.Source == SrcColleague {
				m.Colleagues++
			} else {
				m.Public++
			}
		}
	}
	for _, b := range ballots {
		m := out[*b.CadreID]
		if m == nil || (b.Source == SrcColleague && m.Colleagues < MinAnonymous) {
			continue
		}
		for _, d := range DimList(b.Dims) {
			m.add(d, b.Source, b.Note)
		}
	}
	var concerns []ReviewConcern
	q, args = scope("round_id = ? AND NOT no_issue")
	if err := s.with(ctx).Where(q, args...).Order("id").Find(&concerns).Error; err != nil {
		return nil, fmt.Errorf("read concerns of round %s: %w", r.Code, err)
	}
	for _, c := range concerns {
		if m := out[c.CadreID]; m != nil {
			m.Concerns = append(m.Concerns, c)
			for _, d := range DimList(c.Dims) {
				m.add(d, c.Source, c.Note)
			}
		}
	}
	var items []ReviewItem
	q, args = scope("(round_id = ? OR state = '" + ItemOpen + "')")
	if err := s.with(ctx).Where(q, args...).Order("id").Find(&items).Error; err != nil {
		return nil, fmt.Errorf("read items of round %s: %w", r.Code, err)
	}
	_, cleared, err := s.toleratedLinks(ctx)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if m := out[it.CadreID]; m != nil {
			_, it.Cleared = cleared[it.ID]
			m.Items = append(m.Items, it)
		}
	}
	for _, m := range out {
		m.Hidden = m.Colleagues < MinAnonymous
	}
	return out, nil
}

// Matrix is one cadre's matrix in the round.
func (s *Store) Matrix(ctx context.Context, r ReviewRound, cadreID int64) (*ReviewMatrix, error) {
	ms, err := s.Matrices(ctx, r, []int64{cadreID})
	if err != nil {
		return nil, err
	}
	m, ok := ms[cadreID]
	if !ok {
		return nil, ErrNotInScope
	}
	return m, nil
}

// ReviewSummary counts, per dimension, the cadres with something raised,
// corroborated, and open on the list — for the county or one unit. Counts
// only: never a ranking of people or units.
type ReviewSummary struct {
	UnitID       int64 // 0: the county
	Cadres       int
	Raised       [5]int
	Corroborated [5]int
	OpenItems    int // cadres carrying an open item
	Satisfaction float64
	SatAnswers   int
}

// Summaries sums the matrices by unit and for the county (key 0).
func (s *Store) Summaries(ctx context.Context, r ReviewRound, ms map[int64]*ReviewMatrix) (map[int64]*ReviewSummary, error) {
	out := map[int64]*ReviewSummary{0: {}}
	for _, m := range ms {
		u := out[m.UnitID]
		if u == nil {
			u = &ReviewSummary{UnitID: m.UnitID}
			out[m.UnitID] = u
		}
		for _, sum := range []*ReviewSummary{u, out[0]} {
			sum.Cadres++
			for d := range ReviewDims {
				if m.Raised(d) {
					sum.Raised[d]++
				}
				if m.Corroborated(d) {
					sum.Corroborated[d]++
				}
			}
			if m.OpenItems() > 0 {
				sum.OpenItems++
			}
		}
	}
	var sats []struct {
		UnitID int64
		N      int
		Total  int
	}
	if err := s.with(ctx).Model(&ReviewBallot{}).Select("unit_id, COUNT(*) AS n, SUM(satisfaction) AS total").
		Where("round_id = ? AND source = ? AND satisfaction > 0", r.ID, SrcPublic).Group("unit_id").Scan(&sats).Error; err != nil {
		return nil, fmt.Errorf("satisfaction of round %s: %w", r.Code, err)
	}
	var n, total int
	for _, x := range sats {
		n, total = n+x.N, total+x.Total
		if u := out[x.UnitID]; u != nil {
			u.SatAnswers, u.Satisfaction = x.N, float64(x.Total)/float64(x.N)
		}
	}
	if n > 0 {
		out[0].SatAnswers, out[0].Satisfaction = n, float64(total)/float64(n)
	}
	return out, nil
}
