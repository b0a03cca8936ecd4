package models

import "context"

// annualCompetition is the paired competition's part: the unit's standing
// against target and within its group, per task. Not wired yet: the
// competition (issue 14) is built elsewhere, so it returns nil and every
// profile reads "no data" here. To wire it, return sc.wiredFor() with
// each cadre's section taken from their unit's standing (sc.units).
func (s *Store) annualCompetition(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	return nil, nil
}
