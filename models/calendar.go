package models

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ganshi/ganshi/texts"
)

// officialCalendar is the State Council's holiday arrangement for the years
// it covers, one day a line: date,type,name.
//
//go:embed calendar_cn.csv
var officialCalendar []byte

// Calendar day kinds and where a day came from.
const (
	DayHoliday     = "holiday" // a rest day, even on a weekday
	DayWorkday     = "workday" // a working day, even on a weekend (调休)
	SourceOfficial = "official"
	SourceAdmin    = "admin"
)

const dateLayout = "2006-01-02"

// CalendarDay is a day that differs from the Monday-to-Friday rule. Days
// not listed follow that rule.
type CalendarDay struct {
	Date      string `gorm:"primaryKey;size:10"` // 2006-01-02
	Kind      string `gorm:"size:16;not null"`
	Name      string `gorm:"size:100"`
	Source    string `gorm:"size:16;not null"`
	UpdatedAt time.Time
}

// CalendarProblems lists what is wrong with a calendar file, one line each.
type CalendarProblems = LineProblems

// ParseCalendarCSV reads lines of date,type,name (type holiday or workday;
// lines starting with # are comments; a header line is optional). The
// whole file is checked: any problem returns CalendarProblems and no days.
func ParseCalendarCSV(data []byte) ([]CalendarDay, error) {
	var days []CalendarDay
	seen := map[string]int{}
	err := readImport(data, "date", "calendar", func(line int, rec []string) texts.Msg {
		d, msg := parseCalendarRecord(rec)
		if msg.Key == "" && seen[d.Date] > 0 {
			msg = texts.M("calendar_dup", d.Date, seen[d.Date])
		}
		if msg.Key == "" {
			seen[d.Date] = line
			days = append(days, d)
		}
		return msg
	})
	if err != nil {
		return nil, err
	}
	if len(days) == 0 {
		return nil, CalendarProblems{Problem(1, "calendar_empty")}
	}
	return days, nil
}

// parseCalendarRecord reads one line; a problem comes back as a Msg
// (an empty Key when there is none).
func parseCalendarRecord(rec []string) (CalendarDay, texts.Msg) {
	if len(rec) < 2 || len(rec) > 3 {
		return CalendarDay{}, texts.M("calendar_fields", len(rec))
	}
	date, msg := normalizeDate(rec[0])
	if msg.Key != "" {
		return CalendarDay{}, msg
	}
	kind := strings.ToLower(strings.TrimSpace(rec[1]))
	if kind != DayHoliday && kind != DayWorkday {
		return CalendarDay{}, texts.M("calendar_bad_type", strings.TrimSpace(rec[1]))
	}
	var name string
	if len(rec) == 3 {
		name = strings.TrimSpace(rec[2])
	}
	if utf8.RuneCountInString(name) > 100 {
		return CalendarDay{}, texts.M("calendar_name_long")
	}
	return CalendarDay{Date: date, Kind: kind, Name: name}, texts.Msg{}
}

// normalizeDate checks a 2006-01-02 date and returns it trimmed, or what
// is wrong with it.
func normalizeDate(s string) (string, texts.Msg) {
	s = strings.TrimSpace(s)
	if _, err := time.Parse(dateLayout, s); err != nil {
		return "", texts.M("file_bad_date", s)
	}
	return s, texts.Msg{}
}

// SeedCalendar writes the official days shipped with Ganshi: days not yet
// in the table are added and official rows follow corrections in the
// shipped file. Rows an admin set are never touched. Running it again
// changes nothing.
func (s *Store) SeedCalendar(ctx context.Context) error {
	return seedCalendar(s.with(ctx), s.Now())
}

func seedCalendar(db *gorm.DB, now time.Time) error {
	days, err := ParseCalendarCSV(officialCalendar)
	if err != nil {
		return fmt.Errorf("shipped calendar: %w", err)
	}
	for i := range days {
		days[i].Source, days[i].UpdatedAt = SourceOfficial, now.UTC()
	}
	err = db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "date"}},
		DoUpdates: clause.AssignmentColumns([]string{"kind", "name", "updated_at"}),
		Where: clause.Where{Exprs: []clause.Expression{clause.Expr{
			SQL:  "calendar_days.source = ? AND (calendar_days.kind <> excluded.kind OR calendar_days.name <> excluded.name)",
			Vars: []any{SourceOfficial},
		}}},
	}).CreateInBatches(&days, 200).Error
	if err != nil {
		return fmt.Errorf("seed calendar: %w", err)
	}
	return nil
}

// CalendarDays lists the listed days of a year (all years when year is 0),
// in date order.
func (s *Store) CalendarDays(ctx context.Context, year int) ([]CalendarDay, error) {
	q := s.with(ctx).Order("date")
	if year != 0 {
		q = q.Where("date >= ? AND date <= ?", fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year))
	}
	var days []CalendarDay
	if err := q.Find(&days).Error; err != nil {
		return nil, fmt.Errorf("list calendar days: %w", err)
	}
	return days, nil
}

// LoadCalendar reads the whole calendar into memory: one query, a few
// hundred rows.
func (s *Store) LoadCalendar(ctx context.Context) (*HolidayCalendar, error) {
	days, err := s.CalendarDays(ctx, 0)
	if err != nil {
		return nil, err
	}
	return NewHolidayCalendar(days), nil
}

// SetCalendarDay makes date a holiday or a workday by an admin's decision.
// Admin days survive SeedCalendar.
func (s *Store) SetCalendarDay(ctx context.Context, date, kind, name string, actor *int64) error {
	d, msg := parseCalendarRecord([]string{date, kind, name})
	if msg.Key != "" {
		return fmt.Errorf("set calendar day: %w", msg)
	}
	d.Source, d.UpdatedAt = SourceAdmin, s.Now()
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.upsertDays(ctx, []CalendarDay{d}); err != nil {
			return fmt.Errorf("set calendar day %s: %w", d.Date, err)
		}
		return tx.Audit(ctx, actor, "calendar.set", d.Date, strings.TrimSpace(d.Kind+" "+d.Name))
	})
}

// DeleteCalendarDay removes an admin's decision about date. The day falls
// back to the official arrangement, or to the Monday-to-Friday rule when
// there is none. ErrNotFound when no admin decision exists.
func (s *Store) DeleteCalendarDay(ctx context.Context, date string, actor *int64) error {
	date, msg := normalizeDate(date)
	if msg.Key != "" {
		return fmt.Errorf("delete calendar day: %w", msg)
	}
	return s.Tx(ctx, func(tx *Store) error {
		res := tx.with(ctx).Where("date = ? AND source = ?", date, SourceAdmin).Delete(&CalendarDay{})
		if res.Error != nil {
			return fmt.Errorf("delete calendar day %s: %w", date, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("calendar day %s has no admin entry (official days are changed with set): %w", date, ErrNotFound)
		}
		if err := seedCalendar(tx.with(ctx), tx.Now()); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "calendar.delete", date, "")
	})
}

// ImportCalendar checks a whole file (see ParseCalendarCSV) and, when every
// line is right, writes its days as admin days in one transaction. It
// returns how many days the file listed.
func (s *Store) ImportCalendar(ctx context.Context, data []byte) (int, error) {
	days, err := ParseCalendarCSV(data)
	if err != nil {
		return 0, err
	}
	now := s.Now()
	for i := range days {
		days[i].Source, days[i].UpdatedAt = SourceAdmin, now
	}
	err = s.Tx(ctx, func(tx *Store) error {
		if err := tx.upsertDays(ctx, days); err != nil {
			return err
		}
		return tx.Audit(ctx, nil, "calendar.import", "", fmt.Sprintf("%d days from %s to %s", len(days), days[0].Date, days[len(days)-1].Date))
	})
	if err != nil {
		return 0, fmt.Errorf("import calendar: %w", err)
	}
	return len(days), nil
}

func (s *Store) upsertDays(ctx context.Context, days []CalendarDay) error {
	return s.with(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "date"}},
		DoUpdates: clause.AssignmentColumns([]string{"kind", "name", "source", "updated_at"}),
	}).CreateInBatches(&days, 200).Error
}

// HolidayCalendar is the workday calendar in memory: listed holidays are
// rest days, listed workdays are working days even on a weekend (调休),
// every other day follows Monday to Friday. A nil *HolidayCalendar is the
// plain Monday-to-Friday calendar.
type HolidayCalendar struct {
	days map[int]CalendarDay
}

// NewHolidayCalendar builds a calendar from listed days.
func NewHolidayCalendar(days []CalendarDay) *HolidayCalendar {
	c := &HolidayCalendar{days: make(map[int]CalendarDay, len(days))}
	for _, d := range days {
		t, err := time.Parse(dateLayout, d.Date)
		if err != nil {
			continue // rows are checked before they are written
		}
		c.days[dayKey(t.Date())] = d
	}
	return c
}

func dayKey(y int, m time.Month, d int) int { return y*10000 + int(m)*100 + d }

// Day returns the listed entry for a day, if any.
func (c *HolidayCalendar) Day(y int, m time.Month, d int) (CalendarDay, bool) {
	if c == nil {
		return CalendarDay{}, false
	}
	day, ok := c.days[dayKey(y, m, d)]
	return day, ok
}

// IsWorkday implements Calendar.
func (c *HolidayCalendar) IsWorkday(y int, m time.Month, d int) bool {
	if day, ok := c.Day(y, m, d); ok {
		return day.Kind == DayWorkday
	}
	return WeekdayCalendar{}.IsWorkday(y, m, d)
}

// NextWorkday is the first workday after date's day, at midnight in
// date's location.
func (c *HolidayCalendar) NextWorkday(date time.Time) time.Time { return c.AddWorkdays(date, 1) }

// PrevWorkday is the last workday before date's day.
func (c *HolidayCalendar) PrevWorkday(date time.Time) time.Time { return c.AddWorkdays(date, -1) }

// AddWorkdays moves n workdays from date's day (back when n < 0) and
// returns that day at midnight in date's location; n = 0 is date's day.
// The walk ends: past the last listed day every week has workdays.
func (c *HolidayCalendar) AddWorkdays(date time.Time, n int) time.Time {
	y, m, d := date.Date()
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d += step
		if t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); c.IsWorkday(t.Date()) {
			n--
		}
	}
	return time.Date(y, m, d, 0, 0, 0, 0, date.Location())
}
