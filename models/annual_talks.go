package models

import (
	"context"
	"fmt"
	"time"
)

// annualTalks is the heart-to-heart talks' part: talks held with the cadre
// this year by reason; for the organization department only, the
// close-attention flags, follow-ups and life events (talk records are
// confidential, see MayReadTalkRecord); for a principal, the talks they
// held with their people, compared with other principals.
func (s *Store) annualTalks(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	from := time.Date(sc.year, 1, 1, 0, 0, 0, 0, sc.loc).UTC()
	to := time.Date(sc.year+1, 1, 1, 0, 0, 0, 0, sc.loc).UTC()
	held := []string{TalkHeld, TalkRecorded, TalkClosed}
	var with []Talk
	err := s.with(ctx).Select("id, cadre_id, leader_id, reason, status, attention, follow_up_id, follow_up_on, held_at").
		Where("cadre_id "+inScopeSQL, sc.category).
		Where("status IN ? AND held_at >= ? AND held_at < ?", held, from, to).Order("held_at, id").Find(&with).Error
	if err != nil {
		return nil, fmt.Errorf("talks: %w", err)
	}
	var led []Talk
	err = s.with(ctx).Select("id, leader_id, held_at").Where("leader_id "+inScopeSQL, sc.category).
		Where("status IN ? AND held_at >= ? AND held_at < ?", held, from, to).Order("held_at, id").Find(&led).Error
	if err != nil {
		return nil, fmt.Errorf("talks held by principals: %w", err)
	}
	var events []LifeEvent
	err = s.with(ctx).Select("id, cadre_id, reason, day").Where("cadre_id "+inScopeSQL, sc.category).
		Where("day BETWEEN ? AND ?", fmt.Sprintf("%04d-01-01", sc.year), fmt.Sprintf("%04d-12-31", sc.year)).Order("day, id").Find(&events).Error
	if err != nil {
		return nil, fmt.Errorf("life events: %w", err)
	}
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(sc.loc).Format(dateLayout)
	}
	withBy := map[int64][]Talk{}
	for _, t := range with {
		withBy[t.CadreID] = append(withBy[t.CadreID], t)
	}
	ledBy := map[int64][]SourceRef{}
	for _, t := range led {
		ledBy[t.LeaderID] = append(ledBy[t.LeaderID], SourceRef{Kind: RefTalk, ID: t.ID, Label: day(t.HeldAt)})
	}
	eventsBy := map[int64][]LifeEvent{}
	for _, e := range events {
		eventsBy[e.CadreID] = append(eventsBy[e.CadreID], e)
	}
	out := sc.wiredFor()
	for _, c := range sc.cadres {
		sec := AnnualSection{Wired: true}
		var all, attention, follow []SourceRef
		byReason := map[string][]SourceRef{}
		for _, t := range withBy[c.ID] {
			ref := SourceRef{Kind: RefTalk, ID: t.ID, Label: day(t.HeldAt)}
			all = append(all, ref)
			byReason[t.Reason] = append(byReason[t.Reason], ref)
			if t.Attention {
				attention = append(attention, ref)
			}
			if t.FollowUpID != nil || t.FollowUpOn != "" {
				follow = append(follow, ref)
			}
		}
		sec.Indicators = append(sec.Indicators, count("talks_held", len(all), all))
		for _, r := range TalkReasons {
			if refs := byReason[r]; len(refs) > 0 {
				sec.Lines = append(sec.Lines, AnnualLine{Key: "talks_" + r, Args: []any{len(refs)}, Sources: refs})
			}
		}
		att := count("attention", len(attention), attention)
		att.Secret = true
		fol := count("follow_ups", len(follow), follow)
		fol.Secret = true
		sec.Indicators = append(sec.Indicators, att, fol)
		evReason := map[string][]SourceRef{}
		for _, e := range eventsBy[c.ID] {
			evReason[e.Reason] = append(evReason[e.Reason], SourceRef{Kind: RefEvent, ID: e.ID, Label: e.Day})
		}
		for _, r := range EventReasons {
			if refs := evReason[r]; len(refs) > 0 {
				sec.Lines = append(sec.Lines, AnnualLine{Key: "events_" + r, Args: []any{len(refs)}, Secret: true, Sources: refs})
			}
		}
		if isPrincipal(c, sc.units[*c.UnitID]) {
			in := count("talks_led", len(ledBy[c.ID]), ledBy[c.ID])
			in.Compare = true
			sec.Indicators = append(sec.Indicators, in)
		}
		out[c.ID] = sec
	}
	return out, nil
}
