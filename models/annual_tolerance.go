package models

import "context"

// annualTolerance is the error-tolerance (容错免责) cases' part, shown
// apart from everything else with the rule that they do not count against
// awards (不影响评先评优): its indicators are never compared. Not wired
// yet: tolerance cases (issue 17) are built elsewhere, so it returns nil
// and every profile reads "no data" here. To wire it, return sc.wiredFor()
// with the cases as Secret lines (they are confidential).
func (s *Store) annualTolerance(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	return nil, nil
}
