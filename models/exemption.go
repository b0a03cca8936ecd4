package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Exemption excuses a cadre from one period's report (leave, training,
// secondment). It is counted apart from "missing" everywhere.
type Exemption struct {
	ID      int64  `gorm:"primaryKey"`
	CadreID int64  `gorm:"not null;uniqueIndex:idx_exempt_cadre_period,priority:1"`
	Period  string `gorm:"size:7;not null;uniqueIndex:idx_exempt_cadre_period,priority:2"`
	Reason  string `gorm:"size:200;not null"`
	ByID    int64
	At      time.Time
}

// Exempt records (or updates the reason of) an exemption.
func (s *Store) Exempt(ctx context.Context, cadreID int64, p Period, reason string, by int64) error {
	if reason == "" {
		return fmt.Errorf("exempt cadre %d: a reason is required", cadreID)
	}
	err := s.with(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "cadre_id"}, {Name: "period"}},
		DoUpdates: clause.AssignmentColumns([]string{"reason", "by_id", "at"}),
	}).Create(&Exemption{CadreID: cadreID, Period: p.String(), Reason: reason, ByID: by, At: s.Now()}).Error
	if err != nil {
		return fmt.Errorf("exempt cadre %d for %s: %w", cadreID, p, err)
	}
	return nil
}

// Unexempt removes an exemption; it reports whether there was one.
func (s *Store) Unexempt(ctx context.Context, cadreID int64, p Period) (bool, error) {
	res := s.with(ctx).Where("cadre_id = ? AND period = ?", cadreID, p.String()).Delete(&Exemption{})
	if res.Error != nil {
		return false, fmt.Errorf("unexempt cadre %d for %s: %w", cadreID, p, res.Error)
	}
	return res.RowsAffected > 0, nil
}

// ExemptionFor reads a cadre's exemption for p.
func (s *Store) ExemptionFor(ctx context.Context, cadreID int64, p Period) (Exemption, error) {
	var e Exemption
	return e, translate(s.with(ctx).Where("cadre_id = ? AND period = ?", cadreID, p.String()).Take(&e).Error)
}
