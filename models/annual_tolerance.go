package models

import (
	"context"
	"fmt"
)

// annualTolerance is the error-tolerance (容错免责) cases' part, shown
// apart from everything else with the rule that they do not count against
// awards (不影响评先评优): its indicator is never compared, and each case
// is a Secret line (cases are confidential).
func (s *Store) annualTolerance(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	// An empty register this year: no data.
	var cases int64
	if err := s.with(ctx).Model(&ToleranceCase{}).Where("year = ?", sc.year).Count(&cases).Error; err != nil {
		return nil, fmt.Errorf("tolerance: %w", err)
	}
	if cases == 0 {
		return nil, nil
	}
	var cs []ToleranceCase
	if err := s.with(ctx).Where("cadre_id "+inScopeSQL, sc.category).
		Where("year = ? AND decision = ?", sc.year, DecisionExempt).Order("id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("tolerance: %w", err)
	}
	by := map[int64][]ToleranceCase{}
	for _, c := range cs {
		by[c.CadreID] = append(by[c.CadreID], c)
	}
	out := sc.wiredFor()
	for _, c := range sc.cadres {
		ms := by[c.ID]
		sec := AnnualSection{Wired: true}
		var refs []SourceRef
		for _, m := range ms {
			ref := SourceRef{Kind: RefTolerance, ID: m.ID, Label: m.DeterminedOn}
			refs = append(refs, ref)
			sec.Lines = append(sec.Lines, AnnualLine{Key: "tolerated", Args: []any{m.Matter}, Secret: true, Sources: []SourceRef{ref}})
		}
		in := count("tolerated", len(ms), refs)
		in.Secret = true
		sec.Indicators = []Indicator{in}
		out[c.ID] = sec
	}
	return out, nil
}
