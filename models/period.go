package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// Period is a reporting month, written "2026-11".
type Period struct {
	Year  int
	Month time.Month
}

// PeriodOf is the month that t falls in, in loc.
func PeriodOf(t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	return Period{t.Year(), t.Month()}
}

// ParsePeriod reads "2026-11" (also "2026/11" and "202611").
func ParsePeriod(s string) (Period, error) {
	for _, layout := range []string{"2006-01", "2006/01", "200601", "2006-1", "2006年1月"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Period{t.Year(), t.Month()}, nil
		}
	}
	return Period{}, fmt.Errorf("%q is not a month; write it like 2026-11", s)
}

func (p Period) String() string { return fmt.Sprintf("%04d-%02d", p.Year, p.Month) }

// Prev is the month before.
func (p Period) Prev() Period {
	if p.Month == time.January {
		return Period{p.Year - 1, time.December}
	}
	return Period{p.Year, p.Month - 1}
}

// Before tells whether p comes before q.
func (p Period) Before(q Period) bool {
	return p.Year < q.Year || (p.Year == q.Year && p.Month < q.Month)
}

// Add is the month n months after p (before it when n < 0).
func (p Period) Add(n int) Period {
	t := time.Date(p.Year, p.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	return Period{t.Year(), t.Month()}
}

// RosterSince is when the first person still on record joined the roster
// (now when there is nobody): no report was owed before that.
func (s *Store) RosterSince(ctx context.Context) (time.Time, error) {
	var c Cadre
	err := s.with(ctx).Select("created_at").Order("created_at").Limit(1).Take(&c).Error
	if err = translate(err); errors.Is(err, ErrNotFound) {
		return s.Now(), nil
	} else if err != nil {
		return time.Time{}, fmt.Errorf("read the roster's first day: %w", err)
	}
	return c.CreatedAt, nil
}

// Next is the month after.
func (p Period) Next() Period {
	if p.Month == time.December {
		return Period{p.Year + 1, time.January}
	}
	return Period{p.Year, p.Month + 1}
}

// Calendar tells which days are working days. The statutory holiday
// calendar plugs in here; WeekdayCalendar is Monday to Friday.
type Calendar interface {
	IsWorkday(year int, month time.Month, day int) bool
}

// WeekdayCalendar counts Monday to Friday as workdays.
type WeekdayCalendar struct{}

// IsWorkday implements Calendar.
func (WeekdayCalendar) IsWorkday(y int, m time.Month, d int) bool {
	wd := time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Due-date rules an admin can choose.
const (
	DueLastWorkday  = "last_workday"   // the month's last workday
	DueNextMonthDay = "next_month_day" // day N of the next month
)

// DueRule is when a month's report is due, in local time.
type DueRule struct {
	Kind   string `json:"kind"`
	Day    int    `json:"day,omitempty"` // for DueNextMonthDay
	Hour   int    `json:"hour"`
	Minute int    `json:"minute"`
	// Shift says where a deadline that falls on a rest day goes:
	// "previous" (the default) or "next" workday, or "none" to keep it.
	Shift string `json:"shift,omitempty"`
	// Kept are deadlines already announced, by month ("2026-11"): a
	// calendar changed after that no longer moves them (DueRuleNow fills
	// it; see KeepDeadline).
	Kept map[string]time.Time `json:"-"`
}

// DefaultDueRule is the last workday of the month at 18:00.
var DefaultDueRule = DueRule{Kind: DueLastWorkday, Hour: 18}

// Validate explains what is wrong with a rule.
func (r DueRule) Validate() error {
	switch {
	case r.Kind != DueLastWorkday && r.Kind != DueNextMonthDay:
		return fmt.Errorf("unknown due rule %q (use %s or %s)", r.Kind, DueLastWorkday, DueNextMonthDay)
	case r.Kind == DueNextMonthDay && (r.Day < 1 || r.Day > 28):
		return fmt.Errorf("day %d of the next month: choose 1–28", r.Day)
	case r.Hour < 0 || r.Hour > 23 || r.Minute < 0 || r.Minute > 59:
		return fmt.Errorf("time %02d:%02d is not a time of day", r.Hour, r.Minute)
	case r.Shift != "" && r.Shift != "previous" && r.Shift != "next" && r.Shift != "none":
		return fmt.Errorf("shift %q: use previous, next or none", r.Shift)
	}
	return nil
}

// Due is the deadline of period p: the one kept for it, else the rule's.
func (r DueRule) Due(p Period, loc *time.Location, cal Calendar) time.Time {
	if t, ok := r.Kept[p.String()]; ok {
		return t.In(loc)
	}
	if r.Kind == DueNextMonthDay {
		n := p.Next()
		d := time.Date(n.Year, n.Month, r.Day, r.Hour, r.Minute, 0, 0, loc)
		step := -1
		switch r.Shift {
		case "none":
			return d
		case "next":
			step = 1
		}
		for i := 0; i < 31 && !cal.IsWorkday(d.Year(), d.Month(), d.Day()); i++ {
			d = d.AddDate(0, 0, step)
		}
		return d
	}
	last := time.Date(p.Year, p.Month+1, 0, 0, 0, 0, 0, loc).Day()
	d := last
	for d > 1 && !cal.IsWorkday(p.Year, p.Month, d) {
		d--
	}
	return time.Date(p.Year, p.Month, d, r.Hour, r.Minute, 0, 0, loc)
}

const (
	keyDueRule = "report_due_rule"
	keyKept    = "report_due_kept:" // + "2026-11": a month's announced deadline, RFC 3339
)

// DueRuleNow reads the configured rule, or the default, with the
// deadlines kept so far.
func (s *Store) DueRuleNow(ctx context.Context) (DueRule, error) {
	r := DefaultDueRule
	v, err := s.GetKV(ctx, keyDueRule)
	switch {
	case err == nil:
		if err := json.Unmarshal([]byte(v), &r); err != nil {
			return DueRule{}, fmt.Errorf("stored due rule: %w", err)
		}
	case err != ErrNotFound:
		return DueRule{}, err
	}
	var kept []KV
	if err := s.with(ctx).Where("name LIKE ?", keyKept+"%").Find(&kept).Error; err != nil {
		return DueRule{}, fmt.Errorf("read kept deadlines: %w", err)
	}
	for _, kv := range kept {
		month, ok := strings.CutPrefix(kv.Name, keyKept)
		t, err := time.Parse(time.RFC3339, kv.Value)
		if !ok || err != nil {
			continue // not ours (LIKE's _ matches any character), or unreadable: the rule decides
		}
		if r.Kept == nil {
			r.Kept = map[string]time.Time{}
		}
		r.Kept[month] = t
	}
	return r, nil
}

// KeepDeadline records p's deadline as announced: from now on a change of
// the workday calendar no longer moves it. Jobs call it when they write a
// month's first reminder; /holiday for deadlines that are today or past.
// The first call wins; it reports whether this one did.
func (s *Store) KeepDeadline(ctx context.Context, p Period, due time.Time) (bool, error) {
	key := keyKept + p.String()
	if _, err := s.GetKV(ctx, key); err == nil {
		return false, nil
	} else if err != ErrNotFound {
		return false, err
	}
	err := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).
		Create(&KV{Name: key, Value: due.UTC().Format(time.RFC3339), UpdatedAt: s.Now()}).Error
	if err != nil {
		return false, fmt.Errorf("keep the deadline of %s: %w", p, err)
	}
	return true, nil
}

// SetDueRule stores a validated rule. An admin changing the rule decides
// the deadlines still ahead: those kept are released (the next reminder
// keeps the new one); deadlines already past stay as they were.
func (s *Store) SetDueRule(ctx context.Context, r DueRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	b, _ := json.Marshal(r)
	return s.Tx(ctx, func(tx *Store) error {
		var kept []KV
		if err := tx.with(ctx).Where("name LIKE ?", keyKept+"%").Find(&kept).Error; err != nil {
			return fmt.Errorf("read kept deadlines: %w", err)
		}
		for _, kv := range kept {
			if t, err := time.Parse(time.RFC3339, kv.Value); err == nil && t.After(tx.Now()) && strings.HasPrefix(kv.Name, keyKept) {
				if err := tx.with(ctx).Where("name = ?", kv.Name).Delete(&KV{}).Error; err != nil {
					return fmt.Errorf("release the kept deadline %s: %w", kv.Name, err)
				}
			}
		}
		return tx.PutKV(ctx, keyDueRule, string(b))
	})
}

// DeadlineCalendar is a calendar in which a deadline's own day is a
// working day, whatever else it is: the reminders of a deadline kept on a
// day that became a holiday (or a rule that does not shift) still go out
// on it and before it, as announced.
type DeadlineCalendar struct {
	Calendar
	Due time.Time // its date counts, in its location
}

// IsWorkday implements Calendar.
func (c DeadlineCalendar) IsWorkday(y int, m time.Month, d int) bool {
	if dy, dm, dd := c.Due.Date(); dy == y && dm == m && dd == d {
		return true
	}
	if c.Calendar == nil {
		return WeekdayCalendar{}.IsWorkday(y, m, d)
	}
	return c.Calendar.IsWorkday(y, m, d)
}
