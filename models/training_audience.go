package models

import (
	"context"
	"fmt"
	"time"
)

// Audience picks whom a session is for: cadres of these units, of units in
// these categories, with these roles, and (when UnderAge > 0) born less
// than UnderAge years before On. Empty lists do not filter; cadres without
// a birth date are left out of an age filter.
type Audience struct {
	UnitIDs    []int64
	Categories []string
	Roles      []string
	UnderAge   int
	On         time.Time
}

// AudienceCadres lists the ids of the active cadres a picks.
func (s *Store) AudienceCadres(ctx context.Context, a Audience) ([]int64, error) {
	q := s.with(ctx).Model(&Cadre{}).Where("active")
	if len(a.UnitIDs) > 0 {
		q = q.Where("unit_id IN ?", a.UnitIDs)
	}
	if len(a.Categories) > 0 {
		q = q.Where("unit_id IN (?)", s.with(ctx).Model(&Unit{}).Select("id").Where("category IN ?", a.Categories))
	}
	if len(a.Roles) > 0 {
		q = q.Where("role IN ?", a.Roles)
	}
	if a.UnderAge > 0 {
		born := a.On.AddDate(-a.UnderAge, 0, 0).Format("2006-01-02")
		q = q.Where("birth_date <> '' AND birth_date > ?", born)
	}
	var ids []int64
	if err := q.Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("pick audience: %w", err)
	}
	return ids, nil
}
