package models

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Leave entry states: a cadre enters leave taken, the principal confirms it.
const (
	LeavePending   = "pending"
	LeaveConfirmed = "confirmed"
	LeaveRefused   = "refused"
)

// LeaveEntry is paid annual leave a cadre took (or will take), from the
// first to the last day, counted in workdays of the calendar.
type LeaveEntry struct {
	ID          int64  `gorm:"primaryKey"`
	CadreID     int64  `gorm:"not null;index:idx_leave_cadre,priority:1"`
	Year        int    `gorm:"not null;index:idx_leave_cadre,priority:2"`
	FromDay     string `gorm:"size:10;not null"` // 2006-01-02
	ToDay       string `gorm:"size:10;not null"`
	Days        int    `gorm:"not null"`
	Status      string `gorm:"size:10;not null"`
	Beyond      bool   `gorm:"not null;default:false"` // entered past the entitlement: the principal is told
	EnteredBy   int64
	ConfirmedBy *int64
	ConfirmedAt *time.Time
	CreatedAt   time.Time
}

// LeaveAdded is what AddLeave did: the entry and the year after it.
type LeaveAdded struct {
	Entry   LeaveEntry
	Summary CareSummary
}

// AddLeave records leave a cadre took from one day to another (inclusive),
// counting the workdays of cal. It refuses a period that overlaps another
// entry of the cadre's (ErrConflict) and one with no workday or across
// years (ErrBadInput); past the entitlement it is recorded, Beyond set,
// so the reply warns and the principal is told. actor is who entered it.
func (s *Store) AddLeave(ctx context.Context, cadreID, actor int64, from, to string, cal Calendar) (LeaveAdded, error) {
	f, err1 := time.Parse("2006-01-02", from)
	t, err2 := time.Parse("2006-01-02", to)
	switch {
	case err1 != nil || err2 != nil:
		return LeaveAdded{}, fmt.Errorf("%w: dates %q %q", ErrBadInput, from, to)
	case t.Before(f):
		return LeaveAdded{}, fmt.Errorf("%w: %s is before %s", ErrBadInput, to, from)
	case f.Year() != t.Year():
		return LeaveAdded{}, fmt.Errorf("%w: leave across two years is entered as two", ErrBadInput)
	}
	if cal == nil {
		cal = WeekdayCalendar{}
	}
	days := 0
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		if cal.IsWorkday(d.Year(), d.Month(), d.Day()) {
			days++
		}
	}
	if days == 0 {
		return LeaveAdded{}, fmt.Errorf("%w: no workday from %s to %s", ErrBadInput, from, to)
	}
	var out LeaveAdded
	err := s.Tx(ctx, func(tx *Store) error {
		var n int64
		if err := tx.with(ctx).Model(&LeaveEntry{}).Where("cadre_id = ? AND status <> ? AND from_day <= ? AND to_day >= ?",
			cadreID, LeaveRefused, to, from).Count(&n).Error; err != nil {
			return fmt.Errorf("leave of cadre %d: %w", cadreID, err)
		}
		if n > 0 {
			return fmt.Errorf("%w: leave from %s to %s overlaps an entry", ErrConflict, from, to)
		}
		before, err := tx.CareOf(ctx, cadreID, f.Year())
		if err != nil {
			return err
		}
		e := LeaveEntry{CadreID: cadreID, Year: f.Year(), FromDay: from, ToDay: to, Days: days, Status: LeavePending,
			EnteredBy: actor, Beyond: before.Entitled >= 0 && before.Confirmed+before.Pending+days > before.Entitled}
		if err := tx.with(ctx).Create(&e).Error; err != nil {
			return fmt.Errorf("add leave of cadre %d: %w", cadreID, err)
		}
		after, err := tx.CareOf(ctx, cadreID, f.Year())
		out = LeaveAdded{Entry: e, Summary: after}
		return err
	})
	return out, err
}

// GetLeave reads a leave entry.
func (s *Store) GetLeave(ctx context.Context, id int64) (LeaveEntry, error) {
	var e LeaveEntry
	if err := s.with(ctx).Where("id = ?", id).Take(&e).Error; err != nil {
		return e, translate(err)
	}
	return e, nil
}

// ConfirmLeave is the principal's confirmation (ok) or refusal of an
// entry still pending; ErrConflict when it was already answered.
func (s *Store) ConfirmLeave(ctx context.Context, id, by int64, ok bool) (LeaveEntry, error) {
	status := LeaveRefused
	if ok {
		status = LeaveConfirmed
	}
	now := s.Now()
	res := s.with(ctx).Model(&LeaveEntry{}).Where("id = ? AND status = ?", id, LeavePending).
		Updates(map[string]any{"status": status, "confirmed_by": by, "confirmed_at": now})
	if res.Error != nil {
		return LeaveEntry{}, fmt.Errorf("confirm leave %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		if _, err := s.GetLeave(ctx, id); err != nil {
			return LeaveEntry{}, err
		}
		return LeaveEntry{}, ErrConflict
	}
	return s.GetLeave(ctx, id)
}

// PendingLeave lists the entries a unit's principal has yet to confirm.
func (s *Store) PendingLeave(ctx context.Context, unitID int64) ([]LeaveEntry, error) {
	var out []LeaveEntry
	err := s.with(ctx).Joins("JOIN cadres c ON c.id = leave_entries.cadre_id").
		Where("c.unit_id = ? AND leave_entries.status = ?", unitID, LeavePending).Order("leave_entries.from_day, leave_entries.id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("pending leave of unit %d: %w", unitID, err)
	}
	return out, nil
}

// LeaveLine is one line of a leave file: whose leave, from which day to
// which (inclusive).
type LeaveLine struct {
	Line       int
	ExternalID string
	From, To   string
}

// ParseLeaveCSV reads "工号,开始日期,结束日期" lines (a header line and
// "#" comments allowed).
func ParseLeaveCSV(data []byte) ([]LeaveLine, error) {
	recs, err := readCSV(data)
	if err != nil {
		return nil, err
	}
	var out []LeaveLine
	for i, rec := range recs {
		first := strings.TrimSpace(rec[0])
		if first == "" || strings.HasPrefix(first, "#") || first == "工号" || strings.EqualFold(first, "external_id") {
			continue
		}
		if len(rec) < 3 {
			return nil, fmt.Errorf("%w: line %d: 工号, first day and last day are needed", ErrBadInput, i+1)
		}
		out = append(out, LeaveLine{Line: i + 1, ExternalID: first, From: strings.TrimSpace(rec[1]), To: strings.TrimSpace(rec[2])})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no leave in the file", ErrBadInput)
	}
	return out, nil
}

// ImportLeave records leave the department imports, confirmed as it is
// entered; the whole file or nothing: an unknown 工号, a bad date or an
// overlap fails it, naming the line.
func (s *Store) ImportLeave(ctx context.Context, lines []LeaveLine, cal Calendar) (int, error) {
	err := s.Tx(ctx, func(tx *Store) error {
		for _, l := range lines {
			c, err := tx.CadreByExternalID(ctx, l.ExternalID)
			if err != nil {
				return fmt.Errorf("%w: line %d: 工号 %s: %v", ErrBadInput, l.Line, l.ExternalID, err)
			}
			a, err := tx.AddLeave(ctx, c.ID, 0, l.From, l.To, cal)
			if err != nil {
				return fmt.Errorf("line %d: %w", l.Line, err)
			}
			now := tx.Now()
			if err := tx.with(ctx).Model(&LeaveEntry{}).Where("id = ?", a.Entry.ID).
				Updates(map[string]any{"status": LeaveConfirmed, "confirmed_at": now}).Error; err != nil {
				return fmt.Errorf("line %d: %w", l.Line, err)
			}
		}
		return tx.Audit(ctx, nil, "care.leave.import", "", fmt.Sprint(len(lines)))
	})
	return len(lines), err
}
