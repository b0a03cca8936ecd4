package models

import (
	"context"
	"fmt"
	"time"
)

// annualTraining is training's part: the hours credited this year (only
// sessions attended count), compared within the category, each session
// behind the sum named with its date, title and hours. The sums are
// TrainingHoursAll's, the same as the training export's.
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
	attended, err := s.attendedSessions(ctx, sc)
	if err != nil {
		return nil, err
	}
	out := sc.wiredFor()
	for _, c := range sc.cadres {
		h := hours[c.ID]
		in := Indicator{Key: "training_hours", Value: h.Year, Has: true, Compare: true, Sources: attended[c.ID]}
		out[c.ID] = AnnualSection{Wired: true, Indicators: []Indicator{in}}
	}
	return out, nil
}

// attendedSessions are the sessions of the year each cadre of the scope
// was checked in at (the hours credited), in time order.
func (s *Store) attendedSessions(ctx context.Context, sc *annualScope) (map[int64][]SourceRef, error) {
	var rows []struct {
		CadreID  int64
		ID       int64
		Title    string
		StartsAt time.Time
		Hours    float64
	}
	err := s.with(ctx).Table("training_invitations i").
		Select("i.cadre_id, t.id, t.title, t.starts_at, t.hours").
		Joins("JOIN training_sessions t ON t.id = i.session_id").
		Where("i.cadre_id "+inScopeSQL, sc.category).
		Where("t.status = ? AND i.checked_in_at IS NOT NULL AND t.starts_at >= ? AND t.starts_at < ?", TrainingPlanned,
			time.Date(sc.year, 1, 1, 0, 0, 0, 0, sc.loc).UTC(), time.Date(sc.year+1, 1, 1, 0, 0, 0, 0, sc.loc).UTC()).
		Order("t.starts_at, t.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("attended sessions: %w", err)
	}
	out := map[int64][]SourceRef{}
	for _, r := range rows {
		label := r.StartsAt.In(sc.loc).Format(dateLayout) + " " + r.Title
		out[r.CadreID] = append(out[r.CadreID], SourceRef{Kind: RefTraining, ID: r.ID, Label: label})
	}
	return out, nil
}
