package models

import (
	"context"
	"fmt"
	"time"
)

// AuditEntry records who did what to what: admin changes, unbinding,
// refused attempts to act outside one's scope, views of confidential
// records.
type AuditEntry struct {
	ID      int64 `gorm:"primaryKey"`
	At      time.Time
	ActorID *int64 `gorm:"index"` // nil: the command line or the system
	Action  string `gorm:"size:64;not null;index"`
	Target  string `gorm:"size:200"`
	Detail  string `gorm:"type:text"`
}

// Audit appends an entry.
func (s *Store) Audit(ctx context.Context, actorID *int64, action, target, detail string) error {
	e := AuditEntry{At: s.Now(), ActorID: actorID, Action: action, Target: target, Detail: detail}
	if err := s.with(ctx).Create(&e).Error; err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditEntries lists entries for an action, newest first.
func (s *Store) AuditEntries(ctx context.Context, action string, limit int) ([]AuditEntry, error) {
	var es []AuditEntry
	if err := s.with(ctx).Where("action = ?", action).Order("id DESC").Limit(limit).Find(&es).Error; err != nil {
		return nil, fmt.Errorf("list audit %s: %w", action, err)
	}
	return es, nil
}
