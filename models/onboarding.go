package models

import (
	"context"
	"fmt"
)

// UnitOnboarding is how far a unit's cadres are reachable by the bot.
type UnitOnboarding struct {
	Unit        Unit
	Total       int
	Bound       int
	NotBound    []Cadre
	Unreachable []Cadre
}

// Onboarding reports every unit (or one when unitID is set) with two
// queries, whatever the number of units.
func (s *Store) Onboarding(ctx context.Context, unitID *int64) ([]UnitOnboarding, error) {
	uq, cq := s.with(ctx).Order("category, name"), s.with(ctx).Where("active AND unit_id IS NOT NULL").Order("name, id")
	if unitID != nil {
		uq, cq = uq.Where("id = ?", *unitID), cq.Where("unit_id = ?", *unitID)
	}
	var units []Unit
	if err := uq.Find(&units).Error; err != nil {
		return nil, fmt.Errorf("onboarding units: %w", err)
	}
	var cadres []Cadre
	if err := cq.Find(&cadres).Error; err != nil {
		return nil, fmt.Errorf("onboarding cadres: %w", err)
	}
	idx := make(map[int64]int, len(units))
	out := make([]UnitOnboarding, len(units))
	for i, u := range units {
		idx[u.ID], out[i].Unit = i, u
	}
	for _, c := range cadres {
		o := &out[idx[*c.UnitID]]
		o.Total++
		switch {
		case !c.Bound():
			o.NotBound = append(o.NotBound, c)
		case c.Unreachable:
			o.Bound++
			o.Unreachable = append(o.Unreachable, c)
		default:
			o.Bound++
		}
	}
	return out, nil
}
