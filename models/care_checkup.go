package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// CheckupRound is the department opening (and closing) one year's health
// check-ups for everyone.
type CheckupRound struct {
	ID       int64  `gorm:"primaryKey"`
	Year     int    `gorm:"not null;uniqueIndex"`
	OpensOn  string `gorm:"size:10;not null"` // 2006-01-02
	ClosesOn string `gorm:"size:10;not null"`
	ClosedAt *time.Time
}

// Open tells whether the round takes check-ups (it exists and was not closed).
func (r CheckupRound) Open() bool { return r.ID != 0 && r.ClosedAt == nil }

// OpenCheckups opens a year's check-ups until closesOn; opening it again
// moves the closing day and reopens it.
func (s *Store) OpenCheckups(ctx context.Context, actor *int64, year int, closesOn string) (CheckupRound, error) {
	c, err := time.Parse("2006-01-02", closesOn)
	if err != nil || c.Year() != year {
		return CheckupRound{}, fmt.Errorf("%w: closing day %q of %d", ErrBadInput, closesOn, year)
	}
	r, err := s.CheckupRoundOf(ctx, year)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return r, err
	}
	r.Year, r.ClosesOn, r.ClosedAt = year, closesOn, nil
	if r.ID == 0 {
		r.OpensOn = s.Now().Format("2006-01-02")
	}
	if err := s.with(ctx).Save(&r).Error; err != nil {
		return r, fmt.Errorf("open check-ups %d: %w", year, err)
	}
	return r, s.Audit(ctx, actor, "care.checkups.open", fmt.Sprint(year), closesOn)
}

// CloseCheckups closes a year's check-ups: no reminder after this.
func (s *Store) CloseCheckups(ctx context.Context, actor *int64, year int) error {
	res := s.with(ctx).Model(&CheckupRound{}).Where("year = ? AND closed_at IS NULL", year).Update("closed_at", s.Now())
	if res.Error != nil {
		return fmt.Errorf("close check-ups %d: %w", year, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return s.Audit(ctx, actor, "care.checkups.close", fmt.Sprint(year), "")
}

// CheckupRoundOf reads a year's round.
func (s *Store) CheckupRoundOf(ctx context.Context, year int) (CheckupRound, error) {
	var r CheckupRound
	if err := s.with(ctx).Where("year = ?", year).Take(&r).Error; err != nil {
		return CheckupRound{}, translate(err)
	}
	return r, nil
}

// 疗养 rotation states.
const (
	RestAssigned  = "assigned"
	RestConfirmed = "confirmed"
	RestDeclined  = "declined"
)

// RestRotation is a health rest (疗养) the department assigns a cadre.
type RestRotation struct {
	ID         int64  `gorm:"primaryKey"`
	CadreID    int64  `gorm:"not null;index"`
	Year       int    `gorm:"not null;index"`
	StartsOn   string `gorm:"size:10;not null"`
	EndsOn     string `gorm:"size:10;not null"`
	Status     string `gorm:"size:10;not null"`
	AnsweredAt *time.Time
	CreatedAt  time.Time
}

// AssignRest assigns a cadre a 疗养 rotation from one day to another.
func (s *Store) AssignRest(ctx context.Context, actor *int64, cadreID int64, from, to string) (RestRotation, error) {
	f, err1 := time.Parse("2006-01-02", from)
	t, err2 := time.Parse("2006-01-02", to)
	if err1 != nil || err2 != nil || t.Before(f) {
		return RestRotation{}, fmt.Errorf("%w: dates %q %q", ErrBadInput, from, to)
	}
	r := RestRotation{CadreID: cadreID, Year: f.Year(), StartsOn: from, EndsOn: to, Status: RestAssigned}
	if err := s.with(ctx).Create(&r).Error; err != nil {
		return r, fmt.Errorf("assign rest to cadre %d: %w", cadreID, err)
	}
	return r, s.Audit(ctx, actor, "care.rest.assign", fmt.Sprintf("cadre:%d", cadreID), from+" "+to)
}

// AnswerRest is the cadre's confirm (yes) or decline of their rotation;
// ErrNotFound when it is not theirs, ErrConflict when already answered.
func (s *Store) AnswerRest(ctx context.Context, id, cadreID int64, yes bool) (RestRotation, error) {
	status := RestDeclined
	if yes {
		status = RestConfirmed
	}
	var r RestRotation
	if err := s.with(ctx).Where("id = ? AND cadre_id = ?", id, cadreID).Take(&r).Error; err != nil {
		return r, translate(err)
	}
	if r.Status != RestAssigned {
		return r, ErrConflict
	}
	now := s.Now()
	r.Status, r.AnsweredAt = status, &now
	if err := s.with(ctx).Model(&r).Updates(map[string]any{"status": status, "answered_at": now}).Error; err != nil {
		return r, fmt.Errorf("answer rest %d: %w", id, err)
	}
	return r, nil
}
