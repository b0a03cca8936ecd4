package models

// Digests: a leader's weekly look at their unit and the department's
// monthly look at the county. Both are composed here as plain values from
// the same Board + Tally that /reports and the export read, with a fixed
// number of queries whatever the number of units; bot renders them.

import (
	"context"
	"fmt"
	"time"
)

// Notification kinds of the digests; the payload is DigestPayload.
const (
	KindDigestLeader = "digest_leader"
	KindDigestAdmin  = "digest_admin"
)

// DigestPayload is what a digest notification carries: the composed
// digest, so the sender only formats it.
type DigestPayload struct {
	ReaderID int64         `json:"reader_id,omitempty"` // 0 in payloads written before it was added
	Lang     string        `json:"lang"`
	Leader   *LeaderDigest `json:"leader,omitempty"`
	Admin    *AdminDigest  `json:"admin,omitempty"`
}

// DigestPerson is someone a digest names because something waits on them.
type DigestPerson struct {
	CadreID  int64  `json:"cadre_id"`
	Name     string `json:"name"`
	ReportID int64  `json:"report_id,omitempty"`
	Note     string `json:"note,omitempty"` // why unreachable
}

// DigestTalk is an open talk as a digest lists it. No record text: the
// record is confidential (MayReadTalkRecord).
type DigestTalk struct {
	ID       int64      `json:"id"`
	Cadre    string     `json:"cadre"`
	Leader   string     `json:"leader"`
	Reason   string     `json:"reason"`
	DueBy    string     `json:"due_by"`
	StartsAt *time.Time `json:"starts_at,omitempty"`
}

// LeaderDigest is one unit's week: its reports for the live period, its
// open talks and who the bot cannot reach.
type LeaderDigest struct {
	UnitID     int64          `json:"unit_id"`
	Unit       string         `json:"unit"`
	Period     string         `json:"period"`
	DueAt      time.Time      `json:"due_at"`
	Tally      ReportTally    `json:"tally"` // models.Tally of the unit's board
	InProgress int            `json:"in_progress"`
	NotStarted int            `json:"not_started"`
	Awaiting   []DigestPerson `json:"awaiting,omitempty"` // submitted, awaiting the principal's signature
	Returned   []DigestPerson `json:"returned,omitempty"`
	Missing    []DigestPerson `json:"missing,omitempty"` // in progress or not started
	TalksDue   []DigestTalk   `json:"talks_due,omitempty"`
	TalksWeek  []DigestTalk   `json:"talks_week,omitempty"` // scheduled from now to the end of the week
	Unrecorded []DigestTalk   `json:"unrecorded,omitempty"`
	Total      int            `json:"total"`
	Bound      int            `json:"bound"`
	NotBound   []DigestPerson `json:"not_bound,omitempty"`
	Unreach    []DigestPerson `json:"unreachable,omitempty"`
}

// UnitUnsigned is a unit with reports submitted but not signed after the
// deadline.
type UnitUnsigned struct {
	UnitID   int64  `json:"unit_id"`
	Unit     string `json:"unit"`
	Category string `json:"category"`
	N        int    `json:"n"`
}

// TalkReasonCount is the county's talks of one reason.
type TalkReasonCount struct {
	Reason    string `json:"reason"`
	Owed      int64  `json:"owed"`      // Talk.OwedOn the digest's day
	Overdue   int64  `json:"overdue"`   // of Owed, Talk.OverdueOn
	Scheduled int64  `json:"scheduled"` // a time is set, not yet held
	Held      int64  `json:"held"`      // held in the period's month
}

// UnitCoverage is how many of a unit's cadres the bot reaches.
type UnitCoverage struct {
	UnitID      int64  `json:"unit_id"`
	Unit        string `json:"unit"`
	Category    string `json:"category"`
	Total       int    `json:"total"`
	Bound       int    `json:"bound"`
	Unreachable int    `json:"unreachable"`
}

// AdminDigest is the county for the organization department. Units keep
// the board's order (category, then name): never ranked by performance.
type AdminDigest struct {
	Period      string            `json:"period"`
	DueAt       time.Time         `json:"due_at"`
	PastDue     bool              `json:"past_due"`
	Units       []ReportTally     `json:"units"` // models.Tally of the county board
	Unsigned    []UnitUnsigned    `json:"unsigned,omitempty"`
	Talks       []TalkReasonCount `json:"talks"`
	Coverage    []UnitCoverage    `json:"coverage"`
	Failed      int64             `json:"failed"` // deliveries failed since FailedSince
	FailedSince time.Time         `json:"failed_since"`
	// ReviewGuard counts cadres carrying an open check-up item: the
	// department checks them before any promotion.
	ReviewGuard int `json:"review_guard,omitempty"`
}

// DigestPeriod is the live reporting month, the one /reports shows by
// default: early in a month, last month's reports are still being signed.
func DigestPeriod(now time.Time, loc *time.Location) Period {
	p := PeriodOf(now, loc)
	if now.In(loc).Day() <= 15 {
		p = p.Prev()
	}
	return p
}

// LeaderDigest composes one unit's digest.
func (s *Store) LeaderDigest(ctx context.Context, unitID int64, now time.Time, loc *time.Location, cal Calendar) (LeaderDigest, error) {
	ds, err := s.LeaderDigests(ctx, []int64{unitID}, now, loc, cal)
	if err != nil {
		return LeaderDigest{}, err
	}
	d, ok := ds[unitID]
	if !ok {
		u, err := s.GetUnit(ctx, unitID)
		if err != nil {
			return LeaderDigest{}, fmt.Errorf("leader digest of unit %d: %w", unitID, err)
		}
		rule, err := s.DueRuleNow(ctx)
		if err != nil {
			return LeaderDigest{}, err
		}
		p := DigestPeriod(now, loc)
		d = LeaderDigest{UnitID: u.ID, Unit: u.Name, Period: p.String(), DueAt: rule.Due(p, loc, cal)}
	}
	return d, nil
}

// LeaderDigests composes the digests of several units at once, with the
// same seven queries for one unit or five thousand (the kept deadline is one).
func (s *Store) LeaderDigests(ctx context.Context, unitIDs []int64, now time.Time, loc *time.Location, cal Calendar) (map[int64]LeaderDigest, error) {
	out := make(map[int64]LeaderDigest, len(unitIDs))
	if len(unitIDs) == 0 {
		return out, nil
	}
	var scope *int64
	if len(unitIDs) == 1 {
		scope = &unitIDs[0]
	}
	want := make(map[int64]bool, len(unitIDs))
	for _, id := range unitIDs {
		want[id] = true
	}
	rule, err := s.DueRuleNow(ctx)
	if err != nil {
		return nil, err
	}
	p := DigestPeriod(now, loc)
	rows, err := s.Board(ctx, p, scope)
	if err != nil {
		return nil, err
	}
	for _, t := range Tally(rows) {
		if want[t.UnitID] {
			out[t.UnitID] = LeaderDigest{UnitID: t.UnitID, Unit: t.UnitName, Period: p.String(), DueAt: rule.Due(p, loc, cal), Tally: t}
		}
	}
	for _, r := range rows {
		d, ok := out[r.UnitID]
		if !ok {
			continue
		}
		person := DigestPerson{CadreID: r.CadreID, Name: r.Name}
		if r.ReportID != nil {
			person.ReportID = *r.ReportID
		}
		switch r.State() {
		case StateSubmitted:
			d.Awaiting = append(d.Awaiting, person)
		case StateReturned:
			d.Returned = append(d.Returned, person)
		case StateInProgress:
			d.InProgress++
			d.Missing = append(d.Missing, person)
		case StateNotStarted:
			d.NotStarted++
			d.Missing = append(d.Missing, person)
		}
		out[r.UnitID] = d
	}
	if err := s.digestTalks(ctx, out, scope, now, loc); err != nil {
		return nil, err
	}
	return out, s.digestOnboarding(ctx, out, scope)
}

// digestTalks sorts each unit's open talks the way the talk jobs do:
// owed (Talk.OwedOn, as /talks counts them), scheduled this week, held
// and not written down.
func (s *Store) digestTalks(ctx context.Context, out map[int64]LeaderDigest, scope *int64, now time.Time, loc *time.Location) error {
	q := s.talkRows(ctx).Where("t.status IN ?", []string{TalkDue, TalkScheduled, TalkHeld}).Order("t.starts_at, t.due_by, t.id")
	if scope != nil {
		q = q.Where("c.unit_id = ?", *scope)
	}
	talks, err := scanTalks(q, "digest talks")
	if err != nil {
		return err
	}
	today, err := s.TalkDay(ctx, now)
	if err != nil {
		return err
	}
	weekEnd := endOfWeek(now, loc)
	for _, t := range talks {
		if t.UnitID == nil {
			continue
		}
		d, ok := out[*t.UnitID]
		if !ok {
			continue
		}
		dt := DigestTalk{ID: t.ID, Cadre: t.CadreName, Leader: t.LeaderName, Reason: t.Reason, DueBy: t.DueBy, StartsAt: t.StartsAt}
		switch {
		case t.Status == TalkHeld || (t.Status == TalkScheduled && t.StartsAt != nil && !t.StartsAt.After(now)):
			d.Unrecorded = append(d.Unrecorded, dt)
		case t.Status == TalkScheduled && t.StartsAt != nil && t.StartsAt.Before(weekEnd):
			d.TalksWeek = append(d.TalksWeek, dt)
		case t.OwedOn(today):
			d.TalksDue = append(d.TalksDue, dt)
		}
		out[*t.UnitID] = d
	}
	return nil
}

// endOfWeek is the next Monday 00:00 after now, in loc.
func endOfWeek(now time.Time, loc *time.Location) time.Time {
	t := now.In(loc)
	days := (8 - int(t.Weekday())) % 7
	if days == 0 {
		days = 7
	}
	return time.Date(t.Year(), t.Month(), t.Day()+days, 0, 0, 0, 0, loc)
}

func (s *Store) digestOnboarding(ctx context.Context, out map[int64]LeaderDigest, scope *int64) error {
	units, err := s.Onboarding(ctx, scope)
	if err != nil {
		return err
	}
	for _, u := range units {
		d, ok := out[u.Unit.ID]
		if !ok {
			continue
		}
		d.Total, d.Bound = u.Total, u.Bound
		for _, c := range u.NotBound {
			d.NotBound = append(d.NotBound, DigestPerson{CadreID: c.ID, Name: c.Name})
		}
		for _, c := range u.Unreachable {
			d.Unreach = append(d.Unreach, DigestPerson{CadreID: c.ID, Name: c.Name, Note: c.UnreachableReason})
		}
		out[u.Unit.ID] = d
	}
	return nil
}
