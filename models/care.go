package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Care (关心关爱): per cadre and year, the paid annual leave they are
// entitled to and have taken, the health check-up and the health rest
// (疗养) the department assigns. Only dates and done/not done are kept:
// nothing medical.

// Care items: what a reminder is about and what a cadre may mute.
const (
	CareLeave      = "leave"      // the cadre's own unused leave
	CareLeaveUnit  = "leave_unit" // a principal's list of who has days left
	CareCheckup    = "checkup"    // the year's health check-up
	CareRest       = "rest"       // a 疗养 rotation
	CareCorrection = "correction" // a tolerance case's correction measure (纠错)
)

// CareItems are the items a cadre may mute with "不再提醒".
var CareItems = []string{CareLeave, CareCheckup, CareRest}

// Check-up states.
const (
	CheckupDue    = "due"
	CheckupBooked = "booked"
	CheckupDone   = "done"
)

// CareYear is a cadre's care record for one year.
type CareYear struct {
	ID            int64  `gorm:"primaryKey"`
	CadreID       int64  `gorm:"not null;uniqueIndex:idx_care_year,priority:1"`
	Year          int    `gorm:"not null;uniqueIndex:idx_care_year,priority:2"`
	LeaveOverride *int   // days an admin set; nil: the national rule
	Checkup       string `gorm:"size:10;not null;default:due"`
	CheckupOn     string `gorm:"size:10"` // the day booked or done, 2006-01-02
	MuteLeave     bool   `gorm:"not null;default:false"`
	MuteCheckup   bool   `gorm:"not null;default:false"`
	MuteRest      bool   `gorm:"not null;default:false"`
	UpdatedAt     time.Time
}

// Muted tells whether the cadre said "不再提醒" for item this year.
func (c CareYear) Muted(item string) bool {
	switch item {
	case CareLeave:
		return c.MuteLeave
	case CareCheckup:
		return c.MuteCheckup
	case CareRest:
		return c.MuteRest
	}
	return false
}

// ErrBadInput is a value a person typed that the rule refuses; the
// wrapped message says which.
var ErrBadInput = errors.New("bad input")

// LeaveEntitlement is the paid annual leave under the national rule
// (职工带薪年休假条例): none under 1 year of service, 5 days from 1 year,
// 10 from 10 years, 15 from 20 years. workStart 0 (unknown) gives -1.
func LeaveEntitlement(workStart, year int) int {
	if workStart <= 0 {
		return -1
	}
	switch n := year - workStart; {
	case n >= 20:
		return 15
	case n >= 10:
		return 10
	case n >= 1:
		return 5
	}
	return 0
}

// careYear reads (or makes, unsaved) a cadre's record of a year.
func (s *Store) careYear(ctx context.Context, cadreID int64, year int) (CareYear, error) {
	var c CareYear
	err := translate(s.with(ctx).Where("cadre_id = ? AND year = ?", cadreID, year).Take(&c).Error)
	if errors.Is(err, ErrNotFound) {
		return CareYear{CadreID: cadreID, Year: year, Checkup: CheckupDue}, nil
	}
	if err != nil {
		return c, fmt.Errorf("care of cadre %d in %d: %w", cadreID, year, err)
	}
	return c, nil
}

// updateCareYear writes fields of a cadre's record of a year, making it first.
func (s *Store) updateCareYear(ctx context.Context, cadreID int64, year int, fields map[string]any) error {
	c := CareYear{CadreID: cadreID, Year: year, Checkup: CheckupDue, UpdatedAt: s.Now()}
	if err := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&c).Error; err != nil {
		return fmt.Errorf("care of cadre %d in %d: %w", cadreID, year, err)
	}
	fields["updated_at"] = s.Now()
	if err := s.with(ctx).Model(&CareYear{}).Where("cadre_id = ? AND year = ?", cadreID, year).Updates(fields).Error; err != nil {
		return fmt.Errorf("care of cadre %d in %d: %w", cadreID, year, err)
	}
	return nil
}

// SetLeaveOverride sets (days ≥ 0) or clears (days < 0) an admin's
// entitlement for a cadre's year, audited.
func (s *Store) SetLeaveOverride(ctx context.Context, actor *int64, cadreID int64, year, days int) error {
	var v any
	if days >= 0 {
		if days > 365 {
			return fmt.Errorf("%w: %d days of leave", ErrBadInput, days)
		}
		v = days
	}
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.updateCareYear(ctx, cadreID, year, map[string]any{"leave_override": v}); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "care.leave.override", fmt.Sprintf("cadre:%d", cadreID), fmt.Sprintf("%d %d", year, days))
	})
}

// MuteCare records a cadre's "不再提醒" (mute true) or its undoing for an
// item this year.
func (s *Store) MuteCare(ctx context.Context, cadreID int64, year int, item string, mute bool) error {
	col := map[string]string{CareLeave: "mute_leave", CareCheckup: "mute_checkup", CareRest: "mute_rest"}[item]
	if col == "" {
		return fmt.Errorf("%w: no care item %q", ErrBadInput, item)
	}
	return s.updateCareYear(ctx, cadreID, year, map[string]any{col: mute})
}

// SetCheckup records the cadre's check-up as booked or done on a day.
func (s *Store) SetCheckup(ctx context.Context, cadreID int64, year int, state, day string) error {
	if state != CheckupDue && state != CheckupBooked && state != CheckupDone {
		return fmt.Errorf("%w: check-up state %q", ErrBadInput, state)
	}
	if day != "" {
		if _, err := time.Parse("2006-01-02", day); err != nil {
			return fmt.Errorf("%w: date %q", ErrBadInput, day)
		}
	}
	return s.updateCareYear(ctx, cadreID, year, map[string]any{"checkup": state, "checkup_on": day})
}

// CareSummary is what /care and the export show of a cadre's year.
type CareSummary struct {
	Cadre       Cadre
	Year        CareYear
	Entitled    int  // days; -1: unknown (no year of joining work, no override)
	Overridden  bool // an admin set Entitled
	Confirmed   int  // days taken, confirmed by the principal
	Pending     int  // days entered, not yet confirmed
	Rest        []RestRotation
	CheckupOpen bool // the department has opened this year's check-ups
}

// Left is the days still to take (never below 0); -1 when unknown.
func (c CareSummary) Left() int {
	if c.Entitled < 0 {
		return -1
	}
	return max(0, c.Entitled-c.Confirmed-c.Pending)
}

// Beyond tells whether the days entered exceed the entitlement.
func (c CareSummary) Beyond() bool { return c.Entitled >= 0 && c.Confirmed+c.Pending > c.Entitled }

// CareOf sums up a cadre's year.
func (s *Store) CareOf(ctx context.Context, cadreID int64, year int) (CareSummary, error) {
	c, err := s.GetCadre(ctx, cadreID)
	if err != nil {
		return CareSummary{}, fmt.Errorf("care of cadre %d: %w", cadreID, err)
	}
	out, err := s.careOf(ctx, []Cadre{c}, year)
	if err != nil {
		return CareSummary{}, err
	}
	return out[0], nil
}

// UnitCare sums up the year of every active cadre of a unit, by name.
func (s *Store) UnitCare(ctx context.Context, unitID int64, year int) ([]CareSummary, error) {
	cs, err := s.UnitCadres(ctx, unitID)
	if err != nil {
		return nil, err
	}
	return s.careOf(ctx, cs, year)
}

// CountyCare sums up the year of every active cadre, by unit and name.
func (s *Store) CountyCare(ctx context.Context, year int) ([]CareSummary, error) {
	var cs []Cadre
	if err := s.with(ctx).Where("active").Order("unit_id, name, id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("list cadres: %w", err)
	}
	return s.careOf(ctx, cs, year)
}

func (s *Store) careOf(ctx context.Context, cs []Cadre, year int) ([]CareSummary, error) {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	var years []CareYear
	var leaves []LeaveEntry
	var rests []RestRotation
	// A few cadres are read by id; many (a county, a province) by year
	// alone and kept to cs below, for an IN list past some thousands of
	// ids is slow on SQLite and refused by PostgreSQL past 65,535.
	scope := func() *gorm.DB { return s.with(ctx).Where("year = ?", year) }
	if len(ids) <= 500 {
		scope = func() *gorm.DB { return s.with(ctx).Where("cadre_id IN ? AND year = ?", ids, year) }
	}
	if err := scope().Find(&years).Error; err != nil {
		return nil, fmt.Errorf("care years %d: %w", year, err)
	}
	if err := scope().Where("status <> ?", LeaveRefused).Find(&leaves).Error; err != nil {
		return nil, fmt.Errorf("leave %d: %w", year, err)
	}
	if err := scope().Order("starts_on, id").Find(&rests).Error; err != nil {
		return nil, fmt.Errorf("rest rotations %d: %w", year, err)
	}
	round, err := s.CheckupRoundOf(ctx, year)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	byCadre := map[int64]*CareSummary{}
	out := make([]CareSummary, len(cs))
	for i, c := range cs {
		out[i] = CareSummary{Cadre: c, Year: CareYear{CadreID: c.ID, Year: year, Checkup: CheckupDue},
			Entitled: LeaveEntitlement(c.WorkStartYear, year), CheckupOpen: round.Open()}
		byCadre[c.ID] = &out[i]
	}
	for _, y := range years {
		p := byCadre[y.CadreID]
		if p == nil {
			continue
		}
		p.Year = y
		if y.LeaveOverride != nil {
			p.Entitled, p.Overridden = *y.LeaveOverride, true
		}
	}
	for _, l := range leaves {
		p := byCadre[l.CadreID]
		if p == nil {
			continue
		}
		if l.Status == LeaveConfirmed {
			p.Confirmed += l.Days
		} else {
			p.Pending += l.Days
		}
	}
	for _, r := range rests {
		if p := byCadre[r.CadreID]; p != nil {
			p.Rest = append(p.Rest, r)
		}
	}
	return out, nil
}
