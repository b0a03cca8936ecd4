package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Run ledger statuses.
const (
	RunDone    = "done"    // fired on schedule, caught up within the grace window included
	RunSkipped = "skipped" // missed by more than the grace window
	RunManual  = "manual"  // run now by an admin
	RunFailed  = "failed"  // the job kept failing; given up
)

// RunRecord is one claimed fire time of a schedule, or one manual run.
// The unique key on (schedule, fire time) of the fires — every status but
// RunManual — makes every fire run once across restarts and replicas.
// Manual runs are outside that key: each is a person's request, taken
// once from the inbox, so it never stands in for a fire in the same second
// nor is refused because of one; jobs' dedup keys keep people from being
// told twice.
type RunRecord struct {
	ID         int64     `gorm:"primaryKey"`
	ScheduleID int64     `gorm:"not null;uniqueIndex:idx_run_fire,priority:1,where:status <> 'manual'"`
	FireAt     time.Time `gorm:"not null;uniqueIndex:idx_run_fire,priority:2,where:status <> 'manual'"` // UTC; a manual run's start
	Status     string    `gorm:"size:16;not null"`
	ActorID    *int64    // who asked for a manual run; nil: the command line
	StartedAt  time.Time
	FinishedAt *time.Time
	Produced   int
	Error      string `gorm:"type:text"`
}

// LastFires returns, for each of ids that has one, the latest fire time in
// the ledger that was not a manual run: one query, an index probe per
// schedule.
func (s *Store) LastFires(ctx context.Context, ids []int64) (map[int64]time.Time, error) {
	out := make(map[int64]time.Time, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.with(ctx).Raw(`SELECT s.id, (SELECT r.fire_at FROM run_records r
		WHERE r.schedule_id = s.id AND r.status <> ? ORDER BY r.fire_at DESC LIMIT 1)
		FROM schedules s WHERE s.id IN ?`, RunManual, ids).Rows()
	if err != nil {
		return nil, fmt.Errorf("read last fires: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			at anyTime
		)
		if err := rows.Scan(&id, &at); err != nil {
			return nil, fmt.Errorf("read last fires: %w", err)
		}
		if !at.IsZero() {
			out[id] = at.Time
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read last fires: %w", err)
	}
	return out, nil
}

// anyTime scans a timestamp that SQLite hands back as text when it comes
// from an expression rather than a column.
type anyTime struct{ time.Time }

func (t *anyTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		t.Time = time.Time{}
		return nil
	case time.Time:
		t.Time = x.UTC()
		return nil
	case []byte:
		v = string(x)
	}
	str, ok := v.(string)
	if !ok {
		return fmt.Errorf("scan time from %T", v)
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999"} {
		if p, err := time.Parse(layout, str); err == nil {
			t.Time = p.UTC()
			return nil
		}
	}
	return fmt.Errorf("scan time from %q", str)
}

// ClaimRun inserts rec unless it is a fire whose (schedule, fire time) is
// already in the ledger, and reports whether it did; a manual run is
// always inserted. Called in the transaction that then runs the job, the
// claim is undone when the job fails.
func (s *Store) ClaimRun(ctx context.Context, rec *RunRecord) (bool, error) {
	rec.FireAt = rec.FireAt.UTC()
	rec.StartedAt = rec.StartedAt.UTC()
	res := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(rec)
	if res.Error != nil {
		return false, fmt.Errorf("claim schedule %d at %s: %w", rec.ScheduleID, rec.FireAt.Format(time.RFC3339), res.Error)
	}
	return res.RowsAffected == 1, nil
}

// FinishRun records that a claimed run ended and what it produced.
func (s *Store) FinishRun(ctx context.Context, id int64, produced int) error {
	now := s.Now()
	err := s.with(ctx).Model(&RunRecord{}).Where("id = ?", id).
		Updates(map[string]any{"finished_at": now, "produced": produced}).Error
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	return nil
}

// RecordRuns writes ledger rows that ran no job (skipped, failed), leaving
// out fire times already in the ledger. It returns how many were new.
func (s *Store) RecordRuns(ctx context.Context, recs []RunRecord) (int64, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	for i := range recs {
		recs[i].FireAt, recs[i].StartedAt = recs[i].FireAt.UTC(), recs[i].StartedAt.UTC()
	}
	res := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&recs, 500)
	if res.Error != nil {
		return 0, fmt.Errorf("record %d runs: %w", len(recs), res.Error)
	}
	return res.RowsAffected, nil
}

// RunRecords lists a schedule's ledger, newest fire first.
func (s *Store) RunRecords(ctx context.Context, scheduleID int64, limit int) ([]RunRecord, error) {
	var out []RunRecord
	err := s.with(ctx).Where("schedule_id = ?", scheduleID).Order("fire_at DESC").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list runs of schedule %d: %w", scheduleID, err)
	}
	return out, nil
}
