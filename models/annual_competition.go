package models

import (
	"context"
	"fmt"
)

// annualCompetition is the paired competition's part: the year's result
// of each contest the cadre's unit took part in (kept by `ganshi contest
// results`): completion against target and the place within its group.
// It is the unit's result, shown on each of its cadres' profiles, and not
// compared between cadres (every cadre of a unit has the same figure).
func (s *Store) annualCompetition(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	var rs []struct {
		ContestID int64
		UnitID    int64
		Percent   float64
		GroupRank int
		Name      string
	}
	err := s.with(ctx).Table("contest_results r").Select("r.contest_id, r.unit_id, r.percent, r.group_rank, c.name").
		Joins("JOIN contests c ON c.id = r.contest_id").Joins("JOIN units u ON u.id = r.unit_id").
		Where("r.year = ? AND u.category = ?", sc.year, sc.category).Order("r.contest_id").Scan(&rs).Error
	if err != nil {
		return nil, fmt.Errorf("competition results: %w", err)
	}
	if len(rs) == 0 { // no result kept this year: no data
		return nil, nil
	}
	byUnit := map[int64][]AnnualLine{}
	for _, r := range rs {
		byUnit[r.UnitID] = append(byUnit[r.UnitID], AnnualLine{Key: "contest_result", Args: []any{r.Name, round1(r.Percent), r.GroupRank}})
	}
	out := sc.wiredFor()
	for _, c := range sc.cadres {
		if c.UnitID == nil {
			continue
		}
		out[c.ID] = AnnualSection{Wired: true, Lines: byUnit[*c.UnitID]}
	}
	return out, nil
}
