package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// SchemaVersion records one applied migration.
type SchemaVersion struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	AppliedAt time.Time
}

type migration struct {
	version int
	name    string
	up      func(tx *gorm.DB) error
}

// migrations run in order, each in its own transaction. Append only: a
// released migration is never edited.
var migrations = []migration{
	{1, "chassis: inbox, outbox, chats, leases, state", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&InboxUpdate{}, &Notification{}, &Chat{}, &Lease{}, &KV{})
	}},
	{2, "roster: units, cadres, invites, audit log, conversations", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&Unit{}, &Cadre{}, &Invite{}, &AuditEntry{}, &Conversation{})
	}},
	{3, "monthly reports: reports, items, events, exemptions", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&Report{}, &ReportItem{}, &ReportEvent{}, &Exemption{})
	}},
	{4, "scheduler: schedules, run ledger, calendar days", func(tx *gorm.DB) error {
		if err := tx.AutoMigrate(&Schedule{}, &RunRecord{}, &CalendarDay{}); err != nil {
			return err
		}
		return seedCalendar(tx, tx.NowFunc())
	}},
	{5, "talks: talks, life events", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&Talk{}, &TalkPlan{}, &LifeEvent{})
	}},
	{6, "web console: sessions, login links, uploads", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&WebSession{}, &LoginLink{}, &WebUpload{})
	}},
}

// migrate applies the migrations not yet recorded in schema_versions.
// On PostgreSQL an advisory lock keeps replicas starting together from
// running the same step twice; SQLite's immediate transactions do the same.
func (s *Store) migrate(ctx context.Context) error {
	if err := s.with(ctx).AutoMigrate(&SchemaVersion{}); err != nil {
		return fmt.Errorf("create schema_versions: %w", err)
	}
	for _, m := range migrations {
		err := s.with(ctx).Transaction(func(tx *gorm.DB) error {
			if s.IsPostgres() {
				if err := tx.Exec("SELECT pg_advisory_xact_lock(4711)").Error; err != nil {
					return err
				}
			}
			var n int64
			if err := tx.Model(&SchemaVersion{}).Where("version = ?", m.version).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if err := m.up(tx); err != nil {
				return err
			}
			return tx.Create(&SchemaVersion{Version: m.version, Name: m.name, AppliedAt: s.Now()}).Error
		})
		if err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}

// SchemaVersionNow returns the highest applied migration.
func (s *Store) SchemaVersionNow(ctx context.Context) (int, error) {
	var v int
	err := s.with(ctx).Model(&SchemaVersion{}).Select("COALESCE(MAX(version), 0)").Scan(&v).Error
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
