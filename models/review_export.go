package models

import (
	"context"
	"fmt"
	"sort"
)

// ReviewExportCadre is one cadre's row group in the 体检表.
type ReviewExportCadre struct {
	Cadre  Cadre
	Matrix *ReviewMatrix
	Guard  bool // carries an open confirmed item: not to be promoted
}

// ReviewExportUnit is one unit's 体检表 and summary.
type ReviewExportUnit struct {
	Unit    Unit
	Cadres  []ReviewExportCadre
	Summary *ReviewSummary
}

// ReviewExportItem is one line of the 反向体检清单 with names.
type ReviewExportItem struct {
	Item  ReviewItem
	Cadre Cadre
	Unit  string
	Round string
}

// ReviewExport is everything `ganshi export review` writes for a round.
type ReviewExport struct {
	Round  ReviewRound
	Units  []ReviewExportUnit
	County *ReviewSummary
	Items  []ReviewExportItem
	Dims   []ReviewDimension
}

// ReviewExportOf gathers a round for its export: units in name order,
// cadres in roster order, the list of every item decided in the round and
// every item still open from earlier ones.
func (s *Store) ReviewExportOf(ctx context.Context, r ReviewRound) (ReviewExport, error) {
	out := ReviewExport{Round: r}
	ms, err := s.Matrices(ctx, r, nil)
	if err != nil {
		return out, err
	}
	sums, err := s.Summaries(ctx, r, ms)
	if err != nil {
		return out, err
	}
	out.County = sums[0]
	guard, err := s.PromotionGuard(ctx)
	if err != nil {
		return out, err
	}
	cadres, err := s.RoundCadres(ctx, r)
	if err != nil {
		return out, err
	}
	units, err := s.Units(ctx)
	if err != nil {
		return out, err
	}
	byID := map[int64]int{}
	for _, u := range units {
		if r.Covers(&u.ID) {
			byID[u.ID] = len(out.Units)
			sum := sums[u.ID]
			if sum == nil {
				sum = &ReviewSummary{UnitID: u.ID}
			}
			out.Units = append(out.Units, ReviewExportUnit{Unit: u, Summary: sum})
		}
	}
	names := map[int64]Cadre{}
	for _, c := range cadres {
		names[c.ID] = c
		if i, ok := byID[*c.UnitID]; ok {
			out.Units[i].Cadres = append(out.Units[i].Cadres, ReviewExportCadre{Cadre: c, Matrix: ms[c.ID], Guard: guard[c.ID] > 0})
		}
	}
	var items []ReviewItem
	if err := s.with(ctx).Where("round_id = ? OR state = ?", r.ID, ItemOpen).Order("id").Find(&items).Error; err != nil {
		return out, fmt.Errorf("items of round %s: %w", r.Code, err)
	}
	var rounds []ReviewRound
	if err := s.with(ctx).Find(&rounds).Error; err != nil {
		return out, err
	}
	codes := map[int64]string{}
	for _, x := range rounds {
		codes[x.ID] = x.Code
	}
	unitNames := map[int64]string{}
	for _, u := range units {
		unitNames[u.ID] = u.Name
	}
	for _, it := range items {
		c, ok := names[it.CadreID]
		if !ok {
			if c, err = s.GetCadre(ctx, it.CadreID); err != nil {
				return out, err
			}
		}
		unit := ""
		if c.UnitID != nil {
			unit = unitNames[*c.UnitID]
		}
		out.Items = append(out.Items, ReviewExportItem{Item: it, Cadre: c, Unit: unit, Round: codes[it.RoundID]})
	}
	sort.SliceStable(out.Items, func(i, j int) bool { return out.Items[i].Unit < out.Items[j].Unit })
	out.Dims, err = s.ReviewDimensions(ctx)
	return out, err
}
