package models

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Schedule is one job kind firing on a cron spec in a time zone. Admins
// change Spec and Enabled; every change bumps Revision, which the engine
// watches to pick changes up without a restart.
type Schedule struct {
	ID        int64  `gorm:"primaryKey"`
	Name      string `gorm:"size:64;not null;uniqueIndex"`
	Kind      string `gorm:"size:64;not null"`  // the job it runs (jobs.Job…)
	Spec      string `gorm:"size:200;not null"` // 5 fields, optionally after CRON_TZ=<zone>
	TZ        string `gorm:"size:64;not null"`  // IANA zone; a CRON_TZ in Spec wins
	Enabled   bool   `gorm:"not null"`
	Params    string `gorm:"type:text;not null"` // JSON the job kind reads
	Revision  int64  `gorm:"not null"`
	ChangedBy *int64
	ChangedAt time.Time `gorm:"not null"` // fires before this are not caught up
	CreatedAt time.Time
}

// Schedules lists every schedule by name.
func (s *Store) Schedules(ctx context.Context) ([]Schedule, error) {
	var out []Schedule
	if err := s.with(ctx).Order("name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	return out, nil
}

// ScheduleByName reads one schedule; ErrNotFound when there is none.
func (s *Store) ScheduleByName(ctx context.Context, name string) (Schedule, error) {
	var sc Schedule
	if err := s.with(ctx).Where("name = ?", name).Take(&sc).Error; err != nil {
		return Schedule{}, fmt.Errorf("schedule %q: %w", name, translate(err))
	}
	return sc, nil
}

// EnsureSchedule inserts sc unless a schedule of that name exists, so a
// default never overwrites what an admin changed. It reports whether sc
// was new; sc holds the stored row either way.
func (s *Store) EnsureSchedule(ctx context.Context, sc *Schedule) (bool, error) {
	cs, err := ParseCronSpec(sc.Spec)
	if err != nil {
		return false, fmt.Errorf("ensure schedule %q: %w", sc.Name, err)
	}
	if sc.Params == "" {
		sc.Params = "{}"
	}
	switch _, zerr := LoadZone(sc.TZ); {
	case sc.Name == "" || sc.Kind == "":
		return false, fmt.Errorf("ensure schedule %q: name and kind are required", sc.Name)
	case zerr != nil:
		return false, fmt.Errorf("ensure schedule %q: %w", sc.Name, zerr)
	case !json.Valid([]byte(sc.Params)):
		return false, fmt.Errorf("ensure schedule %q: params are not JSON", sc.Name)
	}
	now := s.Now()
	sc.Spec, sc.Revision, sc.ChangedAt, sc.CreatedAt = cs.Text, 1, now, now
	res := s.with(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "name"}}, DoNothing: true}).Create(sc)
	if res.Error != nil {
		return false, fmt.Errorf("ensure schedule %q: %w", sc.Name, res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	cur, err := s.ScheduleByName(ctx, sc.Name)
	*sc = cur
	return false, err
}

// SetSpec validates spec and stores it. Setting the spec a schedule
// already has changes nothing.
func (s *Store) SetSpec(ctx context.Context, name, spec string, actor *int64) error {
	cs, err := ParseCronSpec(spec)
	if err != nil {
		return err
	}
	return s.changeSchedule(ctx, name, actor, func(cur Schedule) (map[string]any, string, string) {
		if cur.Spec == cs.Text {
			return nil, "", ""
		}
		return map[string]any{"spec": cs.Text}, "schedule.set", cur.Spec + " → " + cs.Text
	})
}

// SetEnabled turns a schedule on or off and reports whether that changed
// anything. Fires while a schedule was off are not caught up.
func (s *Store) SetEnabled(ctx context.Context, name string, enabled bool, actor *int64) (bool, error) {
	changed := false
	err := s.changeSchedule(ctx, name, actor, func(cur Schedule) (map[string]any, string, string) {
		if cur.Enabled == enabled {
			return nil, "", ""
		}
		changed = true
		if enabled {
			return map[string]any{"enabled": true}, "schedule.enable", ""
		}
		return map[string]any{"enabled": false}, "schedule.disable", ""
	})
	return changed, err
}

// changeSchedule applies what decide returns to the named schedule, bumps
// its revision and audits it, in one transaction. decide returns nil
// updates for "nothing to do".
func (s *Store) changeSchedule(ctx context.Context, name string, actor *int64,
	decide func(cur Schedule) (upd map[string]any, action, detail string)) error {
	return s.Tx(ctx, func(tx *Store) error {
		cur, err := tx.ScheduleByName(ctx, name)
		if err != nil {
			return err
		}
		upd, action, detail := decide(cur)
		if upd == nil {
			return nil
		}
		upd["revision"] = gorm.Expr("revision + 1")
		upd["changed_by"], upd["changed_at"] = actor, tx.Now()
		if err := tx.with(ctx).Model(&Schedule{}).Where("id = ?", cur.ID).Updates(upd).Error; err != nil {
			return fmt.Errorf("change schedule %q: %w", name, err)
		}
		return tx.Audit(ctx, actor, action, name, detail)
	})
}

// ScheduleFingerprint changes whenever a schedule is added or changed
// through this package. Reading it is one small aggregate query, so an
// idle engine tick does not read every schedule.
type ScheduleFingerprint struct {
	Count, Revisions, MaxID int64
}

// ScheduleFingerprintNow reads the fingerprint.
func (s *Store) ScheduleFingerprintNow(ctx context.Context) (ScheduleFingerprint, error) {
	var fp ScheduleFingerprint
	err := s.with(ctx).Model(&Schedule{}).
		Select("COUNT(*) AS count, CAST(COALESCE(SUM(revision), 0) AS BIGINT) AS revisions, COALESCE(MAX(id), 0) AS max_id").
		Scan(&fp).Error
	if err != nil {
		return fp, fmt.Errorf("read schedule fingerprint: %w", err)
	}
	return fp, nil
}
