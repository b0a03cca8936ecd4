package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
)

// engineFor builds the scheduler over st (the database, or one transaction
// when a chat command runs a schedule now) with every kind of the
// registry. serve, ganshi schedule run, a chat's /schedule run and
// simulate all build it here.
func engineFor(st *models.Store, loc *time.Location, log *slog.Logger) *jobs.Engine {
	return jobs.NewEngine(st, jobs.Options{Jobs: jobs.Registry().Jobs(), DefaultTZ: loc, Logger: log})
}

// installSchedules creates the default schedules on first start; what an
// admin changed is never overwritten.
func installSchedules(ctx context.Context, st *models.Store, loc *time.Location) error {
	if err := followZone(ctx, st, loc); err != nil {
		return fmt.Errorf("talk policy zone: %w", err)
	}
	for _, sc := range jobs.Registry().Defaults() {
		sc.TZ = loc.String()
		if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
			return fmt.Errorf("install default schedules: %w", err)
		}
	}
	return nil
}

// followZone makes talk due dates count in GANSHI_TZ, like everything else.
func followZone(ctx context.Context, st *models.Store, loc *time.Location) error {
	p, err := st.TalkPolicyNow(ctx)
	if err != nil || p.Zone == loc.String() {
		return err
	}
	p.Zone = loc.String()
	return st.SetTalkPolicy(ctx, p)
}

// chatScheduler gives the bot's /schedules and /schedule run what they
// need from package jobs (bot and jobs never import each other).
type chatScheduler struct {
	loc *time.Location
	log *slog.Logger
}

func (c chatScheduler) NextFires(spec, tz string, after time.Time, n int) ([]time.Time, error) {
	return jobs.NextFires(spec, tz, after, n)
}

// RunNow runs in the handler's transaction: an engine over tx claims,
// runs and records the manual run with the reply.
func (c chatScheduler) RunNow(ctx context.Context, tx *models.Store, name string, actor *int64) (int, error) {
	rec, err := engineFor(tx, c.loc, c.log).RunNow(ctx, name, actor)
	return rec.Produced, err
}
