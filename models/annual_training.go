package models

import "context"

// annualTraining is the training hours' part. Not wired yet: training
// (issue 16) is built elsewhere, so it returns nil and every profile reads
// "no data" here. To wire it, return sc.wiredFor() with an Indicator
// "training_hours" (Compare: true) per cadre.
func (s *Store) annualTraining(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	return nil, nil
}
