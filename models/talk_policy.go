package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ganshi/ganshi/texts"
)

// TalkPolicy is how long a talk may stay owed, in workdays, and the zone
// whose days count. Stored in the KV table; DefaultTalkPolicy otherwise.
type TalkPolicy struct {
	DueWorkdays int    `json:"due_workdays"`
	Zone        string `json:"zone"`
}

// DefaultTalkPolicy gives seven workdays, counted in Shanghai.
var DefaultTalkPolicy = TalkPolicy{DueWorkdays: 7, Zone: DefaultZone}

const keyTalkPolicy = "talk_policy"

// Location loads the policy's zone.
func (p TalkPolicy) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(p.Zone)
	if err != nil || p.Zone == "" {
		return nil, fmt.Errorf("talk policy: unknown time zone %q", p.Zone)
	}
	return loc, nil
}

// TalkPolicyNow reads the policy, or the default.
func (s *Store) TalkPolicyNow(ctx context.Context) (TalkPolicy, error) {
	v, err := s.GetKV(ctx, keyTalkPolicy)
	if errors.Is(err, ErrNotFound) {
		return DefaultTalkPolicy, nil
	}
	if err != nil {
		return TalkPolicy{}, err
	}
	p := DefaultTalkPolicy
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return TalkPolicy{}, fmt.Errorf("stored talk policy: %w", err)
	}
	return p, nil
}

// SetTalkPolicy stores a checked policy.
func (s *Store) SetTalkPolicy(ctx context.Context, p TalkPolicy) error {
	if p.DueWorkdays < 1 || p.DueWorkdays > 60 {
		return fmt.Errorf("talk policy: %w", texts.M("talk_policy_workdays", p.DueWorkdays))
	}
	if _, err := p.Location(); err != nil {
		return err
	}
	b, _ := json.Marshal(p)
	return s.PutKV(ctx, keyTalkPolicy, string(b))
}

// dueWindow is the day a talk is owed from (today when from is "") and the
// day it is due by, the policy's workdays later on the workday calendar.
func (s *Store) dueWindow(ctx context.Context, from string) (string, string, error) {
	p, err := s.TalkPolicyNow(ctx)
	if err != nil {
		return "", "", err
	}
	loc, err := p.Location()
	if err != nil {
		return "", "", err
	}
	day := s.Now().In(loc)
	if from != "" {
		if day, err = time.ParseInLocation(dateLayout, from, loc); err != nil {
			return "", "", fmt.Errorf("due date: %q is not a day", from)
		}
	}
	cal, err := s.LoadCalendar(ctx)
	if err != nil {
		return "", "", err
	}
	return day.Format(dateLayout), cal.AddWorkdays(day, p.DueWorkdays).Format(dateLayout), nil
}

// Today is today's date in the talk policy's zone, 2006-01-02.
func (s *Store) Today(ctx context.Context) (string, error) {
	return s.TalkDay(ctx, s.Now())
}

// TalkDay is the date of at in the talk policy's zone, 2006-01-02: the
// day whose talks are owed (Talk.OwedOn).
func (s *Store) TalkDay(ctx context.Context, at time.Time) (string, error) {
	p, err := s.TalkPolicyNow(ctx)
	if err != nil {
		return "", err
	}
	loc, err := p.Location()
	if err != nil {
		return "", err
	}
	return at.In(loc).Format(dateLayout), nil
}

// Triggers that raise a talk by themselves, and the reason each gives.
// Add a trigger here and call RaiseTriggered where it happens.
const TriggerReturnedTwice = "report_returned_twice" // the monthly report returned two months running

var TalkTriggers = map[string]string{
	TriggerReturnedTwice: TalkEarlySign,
}

// RaiseTalk makes a talk with the cadre's principal owed from today, due
// within the policy's workdays. When a talk of that reason is already
// owed, the note is added to it instead; created says which happened.
func (s *Store) RaiseTalk(ctx context.Context, cadreID int64, reason, note, source string) (Talk, bool, error) {
	if !validReason(reason) {
		return Talk{}, false, fmt.Errorf("raise talk: unknown reason %q", reason)
	}
	return s.openTalk(ctx, talkSpec{cadreID: cadreID, reason: reason, note: note, source: source, mergeWithOpenOfReason: true})
}

// RaiseTriggered raises the talk a trigger of TalkTriggers calls for.
func (s *Store) RaiseTriggered(ctx context.Context, trigger string, cadreID int64, note string) (Talk, bool, error) {
	reason, ok := TalkTriggers[trigger]
	if !ok {
		return Talk{}, false, fmt.Errorf("raise talk: unknown trigger %q", trigger)
	}
	return s.RaiseTalk(ctx, cadreID, reason, note, trigger)
}

// ReturnedTwiceInARow tells whether the cadre's report for p and the one
// for a month next to it were both returned at least once.
func (s *Store) ReturnedTwiceInARow(ctx context.Context, cadreID int64, p Period) (bool, error) {
	_, twice, err := s.ReturnedNextTo(ctx, cadreID, p)
	return twice, err
}

// ReturnedNextTo finds, when p's report was returned, a month next to it
// — the one before, else the one after — whose report was returned too:
// the pair is two months running whichever was returned second (a
// principal may well judge November before October).
func (s *Store) ReturnedNextTo(ctx context.Context, cadreID int64, p Period) (Period, bool, error) {
	var periods []string
	err := s.with(ctx).Table("reports r").Joins("JOIN report_events e ON e.report_id = r.id AND e.kind = ?", "returned").
		Where("r.cadre_id = ? AND r.period IN ?", cadreID, []string{p.Prev().String(), p.String(), p.Next().String()}).
		Distinct("r.period").Pluck("r.period", &periods).Error
	if err != nil {
		return Period{}, false, fmt.Errorf("returned reports of cadre %d: %w", cadreID, err)
	}
	if !slices.Contains(periods, p.String()) {
		return Period{}, false, nil
	}
	for _, q := range []Period{p.Prev(), p.Next()} {
		if slices.Contains(periods, q.String()) {
			return q, true, nil
		}
	}
	return Period{}, false, nil
}
