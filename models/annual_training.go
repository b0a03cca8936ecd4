package models

import (
	"context"
	"fmt"
)

// annualTraining is training's part: the hours credited this year (only
// sessions attended count), compared within the category. One reading of
// the year's invitations serves the whole scope (TrainingHoursAll, the
// same sums as the training export).
func (s *Store) annualTraining(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	all, err := s.TrainingHoursAll(ctx, sc.year, sc.loc)
	if err != nil {
		return nil, fmt.Errorf("training: %w", err)
	}
	if len(all) == 0 { // no session this year: no data, not zero hours
		return nil, nil
	}
	hours := make(map[int64]CadreHours, len(all))
	for _, h := range all {
		hours[h.CadreID] = h
	}
	out := sc.wiredFor()
	for _, c := range sc.cadres {
		h := hours[c.ID]
		in := Indicator{Key: "training_hours", Value: h.Year, Has: true, Compare: true}
		out[c.ID] = AnnualSection{Wired: true, Indicators: []Indicator{in}}
	}
	return out, nil
}
