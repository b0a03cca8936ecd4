package models

import (
	"context"
	"fmt"
	"time"
)

// annualCheckups is the quarterly check-up's part of the profile: the
// items of the reverse check-up list (反向体检清单) confirmed this year, by
// dimension, how many are resolved, and those still open (flagged: they
// stop a promotion). Raw answers never reach a profile. An item a case
// cleared (容错免责) counts in none of these: it is a confidential line
// apart, with the case.
func (s *Store) annualCheckups(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	// No round this year: no data, not a clean list.
	var rounds int64
	if err := s.with(ctx).Model(&ReviewRound{}).Where("code LIKE ?", fmt.Sprintf("%04dQ%%", sc.year)).Count(&rounds).Error; err != nil {
		return nil, fmt.Errorf("check-up rounds: %w", err)
	}
	if rounds == 0 {
		return nil, nil
	}
	from := time.Date(sc.year, 1, 1, 0, 0, 0, 0, sc.loc).UTC()
	to := time.Date(sc.year+1, 1, 1, 0, 0, 0, 0, sc.loc).UTC()
	var items []ReviewItem
	err := s.with(ctx).Select("id, cadre_id, state, dim, disposition, decided_at").
		Where("cadre_id "+inScopeSQL, sc.category).
		Where("state IN ? AND decided_at >= ? AND decided_at < ?", []string{ItemOpen, ItemResolved}, from, to).
		Order("decided_at, id").Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("check-up items: %w", err)
	}
	_, tolerated, err := s.toleratedLinks(ctx)
	if err != nil {
		return nil, err
	}
	by := map[int64][]ReviewItem{}
	for _, it := range items {
		by[it.CadreID] = append(by[it.CadreID], it)
	}
	out := sc.wiredFor()
	for _, c := range sc.cadres {
		sec := AnnualSection{Wired: true}
		var all, open []SourceRef
		byDim := map[string][]SourceRef{}
		for _, it := range by[c.ID] {
			ref := SourceRef{Kind: RefCheckup, ID: it.ID, Label: it.DecidedAt.In(sc.loc).Format(dateLayout)}
			if caseID, ok := tolerated[it.ID]; ok {
				sec.Lines = append(sec.Lines, AnnualLine{Key: "checkup_tolerated", Args: []any{it.ID, caseID}, Secret: true,
					Sources: []SourceRef{ref, {Kind: RefTolerance, ID: caseID}}})
				continue
			}
			all = append(all, ref)
			byDim[it.Dim] = append(byDim[it.Dim], ref)
			if it.State == ItemOpen {
				open = append(open, ref)
			}
		}
		sec.Indicators = append(sec.Indicators, count("checkup_items", len(all), all), count("checkup_open", len(open), open))
		for _, d := range ReviewDims {
			if refs := byDim[d]; len(refs) > 0 {
				sec.Lines = append(sec.Lines, AnnualLine{Key: "checkup_" + d, Args: []any{len(refs)}, Sources: refs})
			}
		}
		out[c.ID] = sec
	}
	return out, nil
}
