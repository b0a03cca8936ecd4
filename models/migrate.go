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
	{6, "run ledger: manual runs outside the fires' unique key", func(tx *gorm.DB) error {
		if err := tx.Exec("DROP INDEX IF EXISTS idx_run_fire").Error; err != nil {
			return err
		}
		// DDL takes no bind parameters on PostgreSQL: the status is a constant.
		return tx.Exec("CREATE UNIQUE INDEX idx_run_fire ON run_records (schedule_id, fire_at) WHERE status <> '" + RunManual + "'").Error
	}},
	{7, "outbox lanes: replies go ahead of bulk notifications", func(tx *gorm.DB) error {
		// Migration 1 creates the current Notification, so a database
		// made after this change has the column and index already.
		m := tx.Migrator()
		if !m.HasColumn(&Notification{}, "Lane") {
			if err := m.AddColumn(&Notification{}, "Lane"); err != nil {
				return err
			}
		}
		if !m.HasIndex(&Notification{}, "idx_outbox_lane") {
			return m.CreateIndex(&Notification{}, "idx_outbox_lane")
		}
		return nil
	}},
	{8, "web console: sessions, login links, uploads", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&WebSession{}, &LoginLink{}, &WebUpload{})
	}},
	{9, "quarterly check-up: rounds, duties, anonymous ballots, concerns, reverse check-up list, form codes", func(tx *gorm.DB) error {
		if err := tx.AutoMigrate(&ReviewRound{}, &ReviewDimension{}, &ReviewDuty{}, &ReviewBallot{}, &ReviewConcern{}, &ReviewItem{}, &ReviewCode{}); err != nil {
			return err
		}
		return seedDimensions(tx)
	}},
	{10, "competition: contests, tasks, groups, targets, progress, board tokens, meetings, results", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&Contest{}, &ContestTask{}, &ContestGroup{}, &ContestMember{}, &ContestTarget{},
			&ProgressEntry{}, &BoardToken{}, &ContestMeeting{}, &ContestResult{})
	}},
	{11, "training: sessions, invitations, lecture duties, birth dates", func(tx *gorm.DB) error {
		// Migration 2 creates the current Cadre: a database made after
		// this change has the column already.
		if m := tx.Migrator(); !m.HasColumn(&Cadre{}, "BirthDate") {
			if err := m.AddColumn(&Cadre{}, "BirthDate"); err != nil {
				return err
			}
		}
		return tx.AutoMigrate(&TrainingSession{}, &TrainingInvitation{}, &LectureDuty{}, &LectureRecord{})
	}},
	{12, "care and error tolerance: leave, check-ups, 疗养, reminders ledger, tolerance situations, cases, correction measures", func(tx *gorm.DB) error {
		// Migration 2 creates the current Cadre, so a database made after
		// this change has the column already.
		if m := tx.Migrator(); !m.HasColumn(&Cadre{}, "WorkStartYear") {
			if err := m.AddColumn(&Cadre{}, "WorkStartYear"); err != nil {
				return err
			}
		}
		return tx.AutoMigrate(&CareYear{}, &LeaveEntry{}, &CheckupRound{}, &RestRotation{}, &CareSent{},
			&ToleranceSituation{}, &ToleranceCase{}, &CorrectionMeasure{})
	}},
	{13, "retention: inbox and outbox history by status and age", func(tx *gorm.DB) error {
		// Migration 1 creates the current structs, so a database made
		// after this change has the indexes already.
		m := tx.Migrator()
		if !m.HasIndex(&InboxUpdate{}, "idx_inbox_status_received") {
			if err := m.CreateIndex(&InboxUpdate{}, "idx_inbox_status_received"); err != nil {
				return err
			}
		}
		if !m.HasIndex(&Notification{}, "idx_outbox_status_created") {
			return m.CreateIndex(&Notification{}, "idx_outbox_status_created")
		}
		return nil
	}},
	{14, "annual benchmarking: judgements", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&AnnualJudgement{})
	}},
	{15, "error tolerance: a case may concern an item of the reverse check-up list", func(tx *gorm.DB) error {
		return tx.AutoMigrate(&ToleranceCase{})
	}},
	{16, "county figures: the board's columns of cadres and reports in covering indexes", func(tx *gorm.DB) error {
		// BoardTally and coverage read a cadre's unit, role, state and
		// binding and a report's state from the index alone, without a
		// lookup in the table per cadre. Migrations 2 and 3 create the
		// current structs, so a database made after this change has them.
		if err := ensureIndex(tx, &Cadre{}, "idx_cadres_tally"); err != nil {
			return err
		}
		return ensureIndex(tx, &Report{}, "idx_reports_tally")
	}},
}

// ensureIndex creates an index a struct declares unless the database has
// it already.
func ensureIndex(tx *gorm.DB, model any, name string) error {
	if m := tx.Migrator(); !m.HasIndex(model, name) {
		return m.CreateIndex(model, name)
	}
	return nil
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

// LatestSchema is the schema version this binary migrates to.
func LatestSchema() int { return migrations[len(migrations)-1].version }

// SchemaError is a database whose schema is not this binary's: older
// (migrations pending) or newer (written by a later ganshi).
type SchemaError struct{ Have, Want int }

func (e *SchemaError) Error() string {
	if e.Have > e.Want {
		return fmt.Sprintf("the database has schema version %d, newer than this ganshi's %d: use the ganshi that wrote it, or a newer one", e.Have, e.Want)
	}
	return fmt.Sprintf("the database has schema version %d and this ganshi needs %d: run any command without --dry-run (or ganshi serve) once to upgrade it", e.Have, e.Want)
}

// checkSchema is migrate's read-only twin: it only tells whether the
// schema is this binary's.
func (s *Store) checkSchema(ctx context.Context) error {
	have, err := s.SchemaVersionNow(ctx)
	if err != nil {
		return err
	}
	if want := LatestSchema(); have != want {
		return &SchemaError{Have: have, Want: want}
	}
	return nil
}
