package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
)

// RunNow runs a schedule's job at once, whether or not the schedule is
// enabled, and records it in the ledger as a manual run at now (to the
// second) and in the audit log. Manual runs do not count as the
// schedule's regular fires and are outside their unique key: a fire due in
// the same second still runs, as a fire, before or after this run, and
// two manual runs in one second both run.
func (e *Engine) RunNow(ctx context.Context, name string, actor *int64) (models.RunRecord, error) {
	sc, err := e.Store.ScheduleByName(ctx, name)
	if err != nil {
		return models.RunRecord{}, fmt.Errorf("run %s now: %w", name, err)
	}
	spec, err := e.spec(sc)
	if err != nil {
		return models.RunRecord{}, fmt.Errorf("run %s now: %w", name, err)
	}
	cal, err := e.Store.LoadCalendar(ctx)
	if err != nil {
		return models.RunRecord{}, fmt.Errorf("run %s now: %w", name, err)
	}
	now := e.Now().UTC()
	run := Run{Schedule: sc, FireAt: now.Truncate(time.Second), Manual: true, Now: now, Loc: spec.Loc, Cal: cal}
	claimed, produced, err := e.claimAndRun(ctx, audited(e.job(sc), actor), run, models.RunManual, actor)
	if err != nil {
		if aerr := e.Store.Audit(ctx, actor, "schedule.run", name, "failed: "+err.Error()); aerr != nil {
			e.Logger.Error("auditing a failed manual run failed", "schedule", name, "error", aerr)
		}
		return models.RunRecord{}, fmt.Errorf("run %s now: %w", name, err)
	}
	if !claimed { // the ledger's key leaves manual runs out; a refusal means the schema is wrong
		return models.RunRecord{}, fmt.Errorf("run %s now: the run ledger refused a manual run at %s", name, run.FireAt.Format(time.RFC3339))
	}
	e.Logger.Info("schedule run by hand", "schedule", name, "job", sc.Kind, "at", run.FireAt, "produced", produced)
	return models.RunRecord{ScheduleID: sc.ID, FireAt: run.FireAt, Status: models.RunManual, ActorID: actor,
		StartedAt: now, Produced: produced}, nil
}

// audited wraps job so that a manual run's audit entry commits with it.
func audited(job Job, actor *int64) Job {
	return func(ctx context.Context, tx *models.Store, r Run) (int, error) {
		n, err := job(ctx, tx, r)
		if err != nil {
			return 0, err
		}
		detail := fmt.Sprintf("fire_at=%s produced=%d", r.FireAt.Format(time.RFC3339), n)
		return n, tx.Audit(ctx, actor, "schedule.run", r.Schedule.Name, detail)
	}
}
