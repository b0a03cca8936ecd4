package jobs

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ganshi/ganshi/models"
)

const (
	// maxSkipped bounds the skipped rows written for one schedule in one
	// tick; a minutely schedule down for a month would otherwise write
	// tens of thousands. The rest are counted in the log.
	maxSkipped = 100
	// maxCatchUp bounds the fires run for one schedule in one tick.
	maxCatchUp = 1000
	// skipLookback bounds how far back missed fires are looked for, so a
	// schedule idle for a year does not walk a year of minutes.
	skipLookback = 31 * 24 * time.Hour
)

// Tick runs every due fire of every enabled schedule. When nothing is due
// it costs one small query: schedules are kept in memory with their next
// fire time and reread only when the schedules' fingerprint changes (or
// every Refresh); the ledger is read, in one query for all due schedules,
// only when something is due. A job's failure is logged, not returned:
// Tick returns an error only when the schedules could not be read.
func (e *Engine) Tick(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.Now().UTC()
	if err := e.refresh(ctx, now); err != nil {
		return err
	}
	var due []*entry
	for _, en := range e.entries {
		if en.spec != nil && !en.next.IsZero() && !en.next.After(now) {
			due = append(due, en)
		}
	}
	if len(due) == 0 {
		return nil
	}
	slices.SortFunc(due, func(a, b *entry) int { return cmp.Compare(a.sch.ID, b.sch.ID) })
	ids := make([]int64, len(due))
	for i, en := range due {
		ids[i] = en.sch.ID
	}
	last, err := e.Store.LastFires(ctx, ids)
	if err != nil {
		return fmt.Errorf("tick: %w", err)
	}
	cal, err := e.Store.LoadCalendar(ctx)
	if err != nil {
		return fmt.Errorf("tick: %w", err)
	}
	for _, en := range due {
		if ctx.Err() != nil {
			return nil
		}
		e.catchUp(ctx, en, last[en.sch.ID], now, cal)
	}
	e.forgetFailures(now)
	return nil
}

// refresh rereads the schedules when they changed. A schedule whose row is
// unchanged keeps its entry, so its next fire time is not recomputed.
func (e *Engine) refresh(ctx context.Context, now time.Time) error {
	fp, err := e.Store.ScheduleFingerprintNow(ctx)
	if err != nil {
		return fmt.Errorf("tick: %w", err)
	}
	if e.entries != nil && fp == e.fp && now.Sub(e.loadedAt) < e.Refresh {
		return nil
	}
	list, err := e.Store.Schedules(ctx)
	if err != nil {
		return fmt.Errorf("tick: %w", err)
	}
	fresh := make(map[int64]*entry, len(list))
	for _, sc := range list {
		if !sc.Enabled {
			continue
		}
		if old := e.entries[sc.ID]; old != nil && old.sch.Revision == sc.Revision && old.sch.ChangedAt.Equal(sc.ChangedAt) {
			fresh[sc.ID] = old
			continue
		}
		en := &entry{sch: sc}
		if en.spec, err = e.spec(sc); err != nil {
			e.Logger.Error("schedule cannot fire", "schedule", sc.Name, "error", err)
		} else {
			en.next = en.spec.Next(sc.ChangedAt)
		}
		fresh[sc.ID] = en
	}
	e.entries, e.fp, e.loadedAt = fresh, fp, now
	return nil
}

// catchUp resolves the fires of one schedule up to now: those older than
// the grace window are recorded skipped, the others run in order. It
// stops at a fire whose job failed, so that fire is retried first.
func (e *Engine) catchUp(ctx context.Context, en *entry, last, now time.Time, cal models.Calendar) {
	from := en.sch.ChangedAt
	if last.After(from) {
		from = last
	}
	horizon := now.Add(-e.Grace)
	if from.Before(horizon) {
		e.skip(ctx, en, from, horizon, now)
		from = horizon.Add(-time.Nanosecond) // a fire exactly at the horizon is still in grace
	}
	fires := en.spec.Between(from, now, maxCatchUp)
	for _, at := range fires {
		if !e.fire(ctx, en, at, now, cal) {
			en.next = at
			return
		}
	}
	en.next = en.spec.Next(now)
	if len(fires) == maxCatchUp {
		en.next = now // more are due: go on next tick
	}
}

// skip records the fires in (from, horizon) as skipped, the latest
// maxSkipped of them (and none older than skipLookback), each logged.
func (e *Engine) skip(ctx context.Context, en *entry, from, horizon, now time.Time) {
	var missed []time.Time
	total := 0
	if limit := horizon.Add(-skipLookback); from.Before(limit) {
		if t := en.spec.Next(from); !t.IsZero() && t.Before(limit) {
			e.Logger.Warn("missed fires older than the lookback are not recorded", "schedule", en.sch.Name,
				"since", from, "until", limit)
		}
		from = limit
	}
	for t := en.spec.Next(from); !t.IsZero() && t.Before(horizon); t = en.spec.Next(t) {
		total++
		if missed = append(missed, t); len(missed) > maxSkipped {
			missed = missed[1:]
		}
	}
	if total == 0 {
		return
	}
	recs := make([]models.RunRecord, len(missed))
	for i, t := range missed {
		recs[i] = models.RunRecord{ScheduleID: en.sch.ID, FireAt: t, Status: models.RunSkipped, StartedAt: now,
			Error: fmt.Sprintf("missed by more than the grace window of %s", e.Grace)}
	}
	if _, err := e.Store.RecordRuns(ctx, recs); err != nil {
		e.Logger.Error("recording skipped fires failed", "schedule", en.sch.Name, "error", err)
		return
	}
	for _, t := range missed {
		e.Logger.Warn("fire skipped: missed by more than the grace window",
			"schedule", en.sch.Name, "fire_at", t, "grace", e.Grace)
	}
	if total > len(missed) {
		e.Logger.Warn("older missed fires not recorded", "schedule", en.sch.Name, "count", total-len(missed), "since", from)
	}
}

// fire claims one fire and runs its job in one transaction, and reports
// whether the fire is resolved: run, run by another engine, or given up
// after MaxAttempts failures.
func (e *Engine) fire(ctx context.Context, en *entry, at, now time.Time, cal models.Calendar) bool {
	run := Run{Schedule: en.sch, FireAt: at.UTC(), Now: now, Loc: en.spec.Loc, Cal: cal}
	claimed, produced, err := e.claimAndRun(ctx, e.job(en.sch), run, models.RunDone, nil)
	key := fireKey{en.sch.ID, at.Unix()}
	if err == nil {
		delete(e.failures, key)
		if claimed {
			e.Logger.Info("schedule fired", "schedule", en.sch.Name, "job", en.sch.Kind, "fire_at", at, "produced", produced)
		}
		return true
	}
	if ctx.Err() != nil {
		return false
	}
	e.failures[key]++
	if n := e.failures[key]; n < e.MaxAttempts {
		e.Logger.Error("job failed; the fire is retried next tick", "schedule", en.sch.Name, "job", en.sch.Kind,
			"fire_at", at, "attempt", n, "error", err)
		return false
	}
	delete(e.failures, key)
	rec := models.RunRecord{ScheduleID: en.sch.ID, FireAt: at, Status: models.RunFailed, StartedAt: now, Error: err.Error()}
	if _, rerr := e.Store.RecordRuns(ctx, []models.RunRecord{rec}); rerr != nil {
		e.Logger.Error("recording a failed fire failed", "schedule", en.sch.Name, "fire_at", at, "error", rerr)
		return false
	}
	e.Logger.Error("job failed; giving up on this fire", "schedule", en.sch.Name, "job", en.sch.Kind,
		"fire_at", at, "attempts", e.MaxAttempts, "error", err)
	return true
}

// errNoJob is returned for a schedule whose kind has no job in this
// process.
var errNoJob = errors.New("no job is registered for this kind in this program")

// job is the schedule's job, or one that fails saying there is none.
func (e *Engine) job(sc models.Schedule) Job {
	if j := e.Jobs[sc.Kind]; j != nil {
		return j
	}
	return func(context.Context, *models.Store, Run) (int, error) {
		return 0, fmt.Errorf("kind %q: %w", sc.Kind, errNoJob)
	}
}

// claimAndRun inserts the ledger row and runs job in one transaction.
// claimed is false when the fire was already in the ledger.
func (e *Engine) claimAndRun(ctx context.Context, job Job, run Run, status string, actor *int64) (claimed bool, produced int, err error) {
	err = e.Store.Tx(ctx, func(tx *models.Store) error {
		rec := models.RunRecord{ScheduleID: run.Schedule.ID, FireAt: run.FireAt, Status: status, ActorID: actor, StartedAt: run.Now}
		ok, err := tx.ClaimRun(ctx, &rec)
		if err != nil || !ok {
			return err
		}
		claimed = true
		if produced, err = runJob(ctx, job, tx, run); err != nil {
			return fmt.Errorf("schedule %s: %w", run.Schedule.Name, err)
		}
		return tx.FinishRun(ctx, rec.ID, produced)
	})
	if err != nil {
		return false, 0, err
	}
	return claimed, produced, nil
}

// forgetFailures drops failure counts of fires that fell out of the grace
// window (another engine resolved them, or the schedule changed).
func (e *Engine) forgetFailures(now time.Time) {
	horizon := now.Add(-e.Grace).Unix()
	for k := range e.failures {
		if k.at < horizon {
			delete(e.failures, k)
		}
	}
}
