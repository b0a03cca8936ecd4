package models

import "context"

// annualCheckups is the quarterly check-up's part of the profile:
// confirmed items by dimension and how they were resolved, open items
// flagged. Not wired yet: the check-up (issue 13) is built elsewhere, so
// it returns nil and every profile reads "no data" here. To wire it,
// return sc.wiredFor() filled from the check-up's tables, filtered with
// "cadre_id "+inScopeSQL; nothing else changes.
func (s *Store) annualCheckups(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	return nil, nil
}
