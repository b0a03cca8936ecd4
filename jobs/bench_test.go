package jobs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// benchStores runs fn on SQLite, and on PostgreSQL when configured.
func benchStores(b *testing.B, fn func(b *testing.B, st *models.Store, clock *modelstest.Clock)) {
	b.Run("sqlite", func(b *testing.B) {
		clock := modelstest.NewClock(modelstest.Start)
		fn(b, modelstest.SQLite(b, clock.Now), clock)
	})
	if modelstest.PostgresDSN() != "" {
		b.Run("postgres", func(b *testing.B) {
			clock := modelstest.NewClock(modelstest.Start)
			fn(b, modelstest.Postgres(b, clock.Now), clock)
		})
	}
}

// BenchmarkTickIdle1000 is a tick with 1,000 enabled schedules and
// nothing due: one fingerprint query and a walk over memory.
func BenchmarkTickIdle1000(b *testing.B) {
	benchStores(b, func(b *testing.B, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		for i := range 1000 {
			sc := &models.Schedule{Name: fmt.Sprintf("s%04d", i), Kind: "count", Spec: fmt.Sprintf("%d 12 * * 1-5", i%60),
				TZ: "Asia/Shanghai", Enabled: true}
			if _, err := st.EnsureSchedule(ctx, sc); err != nil {
				b.Fatal(err)
			}
		}
		clock.Advance(time.Hour) // 10:00 Monday: every fire is at 12:xx
		var c counter
		e := newEngine(st, clock, &c, nil)
		if err := e.Tick(ctx); err != nil { // loads the schedules
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := e.Tick(ctx); err != nil {
				b.Fatal(err)
			}
		}
		if c.calls.Load() != 0 {
			b.Fatalf("%d fires in an idle tick", c.calls.Load())
		}
	})
}

// BenchmarkFireFanout10k measures one fire whose job enqueues 10,000
// notifications in the claim transaction: from the tick to every row
// committed.
func BenchmarkFireFanout10k(b *testing.B) {
	benchStores(b, func(b *testing.B, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		const fanout = 10000
		ensure(b, st, "fanout", "* * * * *")
		job := func(ctx context.Context, tx *models.Store, run jobs.Run) (int, error) {
			ns := make([]models.Notification, fanout)
			at := jobs.Deliverable(run.Now, run.Loc, run.Cal, models.DefaultQuietStart, models.DefaultQuietEnd)
			key := run.FireAt.Format("0601021504")
			for i := range ns {
				ns[i] = models.Notification{ChatID: int64(i + 1), Kind: models.KindReportReminder,
					Payload: `{"lang":"zh","stage":"before"}`, DedupKey: fmt.Sprintf("bench:%s:%d", key, i), NextAttemptAt: at}
			}
			n, err := tx.EnqueueMany(ctx, ns)
			return int(n), err
		}
		e := jobs.NewEngine(st, jobs.Options{Jobs: map[string]jobs.Job{"count": job}, Now: clock.Now})
		if err := e.Tick(ctx); err != nil {
			b.Fatal(err)
		}
		fires := 0
		b.ReportAllocs()
		for b.Loop() {
			clock.Advance(time.Minute)
			if err := e.Tick(ctx); err != nil {
				b.Fatal(err)
			}
			fires++
		}
		b.StopTimer()
		counts, err := st.OutboxCounts(ctx)
		if err != nil || counts[models.OutboxPending] != int64(fires*fanout) {
			b.Fatalf("outbox = %v, %v; want %d pending", counts, err, fires*fanout)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(fires*fanout), "ns/notification")
	})
}
