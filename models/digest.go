package models

// Digests: a leader's weekly look at their unit and the department's
// monthly look at the county. Both are composed here as plain values from
// the same Board + Tally that /reports and the export read, with a fixed
// number of queries whatever the number of units; bot renders them.

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
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
	Lang   string        `json:"lang"`
	Leader *LeaderDigest `json:"leader,omitempty"`
	Admin  *AdminDigest  `json:"admin,omitempty"`
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
	Reason  string `json:"reason"`
	Owed    int64  `json:"owed"`    // due or scheduled, not yet held
	Overdue int64  `json:"overdue"` // owed with no time and past its due day
	Held    int64  `json:"held"`    // held in the period's month
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
// same five queries for one unit or five thousand.
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
// owed with no time, scheduled this week, held and not written down.
func (s *Store) digestTalks(ctx context.Context, out map[int64]LeaderDigest, scope *int64, now time.Time, loc *time.Location) error {
	q := s.talkRows(ctx).Where("t.status IN ?", []string{TalkDue, TalkScheduled, TalkHeld}).Order("t.starts_at, t.due_by, t.id")
	if scope != nil {
		q = q.Where("c.unit_id = ?", *scope)
	}
	talks, err := scanTalks(q, "digest talks")
	if err != nil {
		return err
	}
	today := now.In(loc).Format(dateLayout)
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
		case t.Status == TalkDue && t.DueFrom <= today:
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

// AdminDigest composes the county's digest in five queries.
func (s *Store) AdminDigest(ctx context.Context, now time.Time, loc *time.Location, cal Calendar) (AdminDigest, error) {
	rule, err := s.DueRuleNow(ctx)
	if err != nil {
		return AdminDigest{}, err
	}
	p := DigestPeriod(now, loc)
	d := AdminDigest{Period: p.String(), DueAt: rule.Due(p, loc, cal)}
	d.PastDue = now.After(d.DueAt)
	rows, err := s.Board(ctx, p, nil)
	if err != nil {
		return AdminDigest{}, err
	}
	d.Units = Tally(rows)
	if d.PastDue {
		d.Unsigned = unsignedByUnit(rows)
	}
	start := time.Date(p.Year, p.Month, 1, 0, 0, 0, 0, loc)
	if d.Talks, err = s.talkReasonCounts(ctx, start, start.AddDate(0, 1, 0), now.In(loc).Format(dateLayout)); err != nil {
		return AdminDigest{}, err
	}
	if d.Coverage, err = s.coverage(ctx); err != nil {
		return AdminDigest{}, err
	}
	d.FailedSince = start.UTC()
	if err := s.with(ctx).Model(&Notification{}).Where("status = ? AND created_at >= ?", OutboxFailed, d.FailedSince).
		Count(&d.Failed).Error; err != nil {
		return AdminDigest{}, fmt.Errorf("count failed deliveries: %w", err)
	}
	return d, nil
}

func unsignedByUnit(rows []BoardRow) []UnitUnsigned {
	var out []UnitUnsigned
	for _, r := range rows {
		if r.State() != StateSubmitted {
			continue
		}
		if n := len(out); n > 0 && out[n-1].UnitID == r.UnitID {
			out[n-1].N++
			continue
		}
		out = append(out, UnitUnsigned{UnitID: r.UnitID, Unit: r.UnitName, Category: r.Category, N: 1})
	}
	return out
}

// talkReasonCounts counts talks by reason in one query; every reason is
// listed, in TalkReasons order, even with nothing to count.
func (s *Store) talkReasonCounts(ctx context.Context, from, to time.Time, today string) ([]TalkReasonCount, error) {
	var rows []TalkReasonCount
	err := s.with(ctx).Table("talks").Select(`reason,
		SUM(CASE WHEN status IN (?, ?) THEN 1 ELSE 0 END) AS owed,
		SUM(CASE WHEN status = ? AND due_by < ? THEN 1 ELSE 0 END) AS overdue,
		SUM(CASE WHEN status IN (?, ?, ?) AND starts_at >= ? AND starts_at < ? THEN 1 ELSE 0 END) AS held`,
		TalkDue, TalkScheduled, TalkDue, today, TalkHeld, TalkRecorded, TalkClosed, from.UTC(), to.UTC()).
		Group("reason").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count talks by reason: %w", err)
	}
	by := map[string]TalkReasonCount{}
	for _, r := range rows {
		by[r.Reason] = r
	}
	out := make([]TalkReasonCount, len(TalkReasons))
	for i, reason := range TalkReasons {
		out[i] = by[reason]
		out[i].Reason = reason
	}
	return out, nil
}

// coverage counts, per unit, what Onboarding lists, without loading every
// cadre: active cadres with a unit, those bound, those unreachable.
func (s *Store) coverage(ctx context.Context) ([]UnitCoverage, error) {
	var out []UnitCoverage
	err := s.with(ctx).Table("units u").Select(`u.id AS unit_id, u.name AS unit, u.category,
		COUNT(c.id) AS total,
		SUM(CASE WHEN c.telegram_user_id IS NOT NULL THEN 1 ELSE 0 END) AS bound,
		SUM(CASE WHEN c.telegram_user_id IS NOT NULL AND c.unreachable THEN 1 ELSE 0 END) AS unreachable`).
		Joins("LEFT JOIN cadres c ON c.unit_id = u.id AND c.active").
		Group("u.id, u.name, u.category").Order("u.category, u.name").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("onboarding coverage: %w", err)
	}
	return out, nil
}

// DigestReaders lists who receives a role's digest: active, bound and
// reachable cadres of that role (leaders with a unit).
func (s *Store) DigestReaders(ctx context.Context, role string) ([]Cadre, error) {
	q := s.with(ctx).Where("role = ? AND active AND chat_id IS NOT NULL AND NOT unreachable", role).Order("id")
	if role == RoleLeader {
		q = q.Where("unit_id IS NOT NULL")
	}
	var out []Cadre
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("digest readers (%s): %w", role, err)
	}
	return out, nil
}

// DigestPref is a leader's choice about their digest.
type DigestPref struct {
	Off bool   `json:"off,omitempty"`
	At  string `json:"at,omitempty"` // local "15:04"; "" = the schedule's time
}

const keyDigestPref = "digest_pref:"

// ParseDigestTime reads "8:00" or "08:00" into a clock time "08:00".
func ParseDigestTime(s string) (string, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		h, m, ok = strings.Cut(strings.TrimSpace(s), "：")
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), true
}

// GetDigestPref reads a cadre's choice; the zero value when none.
func (s *Store) GetDigestPref(ctx context.Context, cadreID int64) (DigestPref, error) {
	v, err := s.GetKV(ctx, keyDigestPref+strconv.FormatInt(cadreID, 10))
	if err == ErrNotFound {
		return DigestPref{}, nil
	} else if err != nil {
		return DigestPref{}, err
	}
	var p DigestPref
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return DigestPref{}, fmt.Errorf("digest preference of cadre %d: %w", cadreID, err)
	}
	return p, nil
}

// SetDigestPref stores a cadre's choice.
func (s *Store) SetDigestPref(ctx context.Context, cadreID int64, p DigestPref) error {
	b, _ := json.Marshal(p)
	return s.PutKV(ctx, keyDigestPref+strconv.FormatInt(cadreID, 10), string(b))
}

// DigestPrefs reads every stored choice in one query, by cadre id.
func (s *Store) DigestPrefs(ctx context.Context) (map[int64]DigestPref, error) {
	var kvs []KV
	if err := s.with(ctx).Where("name LIKE ?", keyDigestPref+"%").Find(&kvs).Error; err != nil {
		return nil, fmt.Errorf("digest preferences: %w", err)
	}
	out := make(map[int64]DigestPref, len(kvs))
	for _, kv := range kvs {
		id, err := strconv.ParseInt(strings.TrimPrefix(kv.Name, keyDigestPref), 10, 64)
		var p DigestPref
		if err != nil || json.Unmarshal([]byte(kv.Value), &p) != nil {
			continue // a damaged entry falls back to the default
		}
		out[id] = p
	}
	return out, nil
}
