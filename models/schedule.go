package models

// This file is longer than the house's ~300 lines: it holds the schedule
// rows, the guarded cron parser that decides which specs may be stored
// (SetSpec must validate, and the bot, which may not import jobs, needs
// the same check), the run ledger and the bulk enqueue of the fan-out path.

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // CRON_TZ and schedule zones load on hosts without a zone database

	"github.com/robfig/cron/v3"
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

// SpecError explains why a cron spec was refused. Reason is the English
// sentence, with an example; Kind (a Spec… constant), Field and Value say
// the same as data, so that a chat can say it in the reader's language.
type SpecError struct {
	Spec   string
	Kind   string
	Field  string // the field at fault (minute, hour, day-of-month, month, day-of-week), or ""
	Value  string // what is at fault: the field's text, the zone, the descriptor, the number of fields
	Reason string
}

// Kinds of SpecError.
const (
	SpecEmpty      = "empty"      // no fields at all
	SpecTooLong    = "too_long"   // over 200 characters
	SpecZone       = "zone"       // CRON_TZ names no zone (Value)
	SpecPrefix     = "prefix"     // something=… other than CRON_TZ before the fields
	SpecEvery      = "every"      // @every, which is refused
	SpecDescriptor = "descriptor" // an unknown @name (Value)
	SpecFields     = "fields"     // not 5 fields (Value: how many)
	SpecChars      = "chars"      // a field (Field, Value) with characters cron does not use
	SpecValue      = "value"      // a field (Field, Value) out of range or unreadable
	SpecNever      = "never"      // no month has that day
	SpecUnreadable = "unreadable" // the parser refused the whole
)

func (e *SpecError) Error() string { return fmt.Sprintf("%q: %s", e.Spec, e.Reason) }

// CronSpec is a validated spec. Wall evaluates the fields on wall-clock
// time (its location is UTC, which has no daylight saving); package jobs
// maps wall-clock fire times to instants in the schedule's zone.
type CronSpec struct {
	Text string             // normalized: single spaces
	Zone *time.Location     // from CRON_TZ=; nil when the spec names none
	Wall *cron.SpecSchedule // never nil
}

const specExample = `e.g. "0 9 * * 1-5"`

var (
	specParser  = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	fieldNames  = [5]string{"minute", "hour", "day-of-month", "month", "day-of-week"}
	descriptors = map[string]bool{"@yearly": true, "@annually": true, "@monthly": true, "@weekly": true,
		"@daily": true, "@midnight": true, "@hourly": true}
)

// ParseCronSpec checks spec and parses it. The cron parser is only handed
// a string of the right shape (some malformed ones make it panic, e.g.
// "TZ=0") and runs under recover all the same. @every is refused:
// schedules follow the wall clock and the calendar, not intervals.
func ParseCronSpec(spec string) (CronSpec, error) {
	fail := func(e *SpecError) (CronSpec, error) {
		e.Spec = spec
		return CronSpec{}, e
	}
	fields := strings.Fields(spec)
	switch {
	case len(fields) == 0:
		return fail(&SpecError{Kind: SpecEmpty, Reason: "empty spec; give 5 fields (minute hour day-of-month month day-of-week), " + specExample})
	case len(spec) > 200:
		return fail(&SpecError{Kind: SpecTooLong, Reason: "longer than 200 characters"})
	}
	var zone *time.Location
	if name, ok := strings.CutPrefix(fields[0], "CRON_TZ="); ok {
		z, err := LoadZone(name)
		if err != nil {
			return fail(&SpecError{Kind: SpecZone, Value: name, Reason: fmt.Sprintf(`CRON_TZ: %v, e.g. "CRON_TZ=Asia/Shanghai 0 9 * * 1-5"`, err)})
		}
		zone, fields = z, fields[1:]
	} else if strings.Contains(fields[0], "=") {
		return fail(&SpecError{Kind: SpecPrefix, Value: fields[0], Reason: `only CRON_TZ=<zone> may come before the fields, e.g. "CRON_TZ=Asia/Shanghai 0 9 * * 1-5"`})
	}
	if e := checkFields(fields); e != nil {
		return fail(e)
	}
	body := strings.Join(fields, " ")
	sched, err := safeParse(body)
	if err != nil {
		return fail(&SpecError{Kind: SpecUnreadable, Reason: fmt.Sprintf("%v, %s", err, specExample)})
	}
	ss, ok := sched.(*cron.SpecSchedule)
	if !ok {
		return fail(&SpecError{Kind: SpecUnreadable, Reason: "not a calendar schedule, " + specExample})
	}
	wall := *ss
	wall.Location = time.UTC
	if wall.Next(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return fail(&SpecError{Kind: SpecNever, Reason: "never fires (no month has that day), " + specExample})
	}
	text := body
	if zone != nil {
		text = "CRON_TZ=" + zone.String() + " " + body
	}
	return CronSpec{Text: text, Zone: zone, Wall: &wall}, nil
}

// checkFields tells what is wrong with the shape of the fields, or nil.
// Each field is also parsed alone so the message can name it.
func checkFields(fields []string) *SpecError {
	if len(fields) > 0 && strings.HasPrefix(fields[0], "@") {
		switch {
		case fields[0] == "@every":
			return &SpecError{Kind: SpecEvery, Reason: `@every is not allowed: schedules follow the clock and the calendar; write e.g. "*/30 * * * *"`}
		case len(fields) != 1 || !descriptors[fields[0]]:
			return &SpecError{Kind: SpecDescriptor, Value: fields[0],
				Reason: "unknown descriptor (use @hourly, @daily, @weekly, @monthly or @yearly), " + specExample}
		}
		return nil
	}
	if len(fields) != 5 {
		return &SpecError{Kind: SpecFields, Value: strconv.Itoa(len(fields)),
			Reason: "expected 5 fields (minute hour day-of-month month day-of-week), " + specExample}
	}
	for i, f := range fields {
		if len(f) > 64 || strings.Trim(f, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ*?,-/") != "" {
			return &SpecError{Kind: SpecChars, Field: fieldNames[i], Value: f,
				Reason: fmt.Sprintf("%s field %q may only use digits, names like MON or JAN, and * ? , - /, %s", fieldNames[i], f, specExample)}
		}
		alone := []string{"*", "*", "*", "*", "*"}
		alone[i] = f
		if _, err := safeParse(strings.Join(alone, " ")); err != nil {
			return &SpecError{Kind: SpecValue, Field: fieldNames[i], Value: f,
				Reason: fmt.Sprintf("%s field %q: %v, %s", fieldNames[i], f, err, specExample)}
		}
	}
	return nil
}

func safeParse(spec string) (s cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("the cron parser failed on it: %v", r)
		}
	}()
	return specParser.Parse(spec)
}

// ValidateSpec explains what is wrong with spec, or returns nil.
func ValidateSpec(spec string) error {
	_, err := ParseCronSpec(spec)
	return err
}

// LoadZone loads an IANA time zone. "" and "Local" are refused: a
// schedule must not change meaning with the host it runs on.
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("time zone %q: give an IANA name such as Asia/Shanghai", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (for example Asia/Shanghai)", name)
	}
	return loc, nil
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

// EnqueueMany writes notifications in batches, leaving out any whose
// DedupKey exists, and returns how many were new. It is how a job fans
// out to a whole county inside its claim transaction. The IDs of ns are
// not set: with rows left out, returned IDs would not line up.
func (s *Store) EnqueueMany(ctx context.Context, ns []Notification) (int64, error) {
	if len(ns) == 0 {
		return 0, nil
	}
	now := s.Now()
	rows := make([]Notification, len(ns))
	for i, n := range ns {
		if n.DedupKey == "" {
			return 0, fmt.Errorf("enqueue %s for chat %d: empty dedup key", n.Kind, n.ChatID)
		}
		n.ID, n.Status = 0, OutboxPending
		if n.NextAttemptAt.IsZero() {
			n.NextAttemptAt = now
		}
		n.NextAttemptAt = n.NextAttemptAt.UTC()
		rows[i] = n
	}
	// 15 columns × 1,000 rows stays under SQLite's and PostgreSQL's
	// limits on bound parameters.
	res := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, 1000)
	if res.Error != nil {
		return 0, fmt.Errorf("enqueue %d notifications: %w", len(ns), res.Error)
	}
	return res.RowsAffected, nil
}
