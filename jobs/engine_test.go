package jobs_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestFireRunsOnceAcrossEngines(t *testing.T) {
	eachShared(t, func(t *testing.T, a, b *models.Store, clock *modelstest.Clock) {
		clock.Set(local(2026, 11, 2, 8, 0))
		sc := ensure(t, a, "daily", "0 9 * * *")
		clock.Set(local(2026, 11, 2, 9, 0).Add(5 * time.Second))
		var c counter
		engines := []*jobs.Engine{newEngine(a, clock, &c, nil), newEngine(b, clock, &c, nil)}
		var wg sync.WaitGroup
		errs := make(chan error, 20)
		for _, e := range engines {
			for range 5 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs <- e.Tick(context.Background())
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("tick: %v", err)
			}
		}
		if n := c.calls.Load(); n != 1 {
			t.Fatalf("job ran %d times, want once", n)
		}
		if got := ledger(t, b, sc.ID); !equal(got, []string{"done@11-02 09:00"}) {
			t.Fatalf("ledger = %v", got)
		}
		if counts, _ := a.OutboxCounts(context.Background()); counts[models.OutboxPending] != 1 {
			t.Fatalf("outbox = %v", counts)
		}
	})
}

func TestRestartCatchesUpOnce(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		clock.Set(local(2026, 11, 2, 8, 0))
		sc := ensure(t, st, "hourly", "0 * * * *")
		var c counter
		old := newEngine(st, clock, &c, nil)
		clock.Set(local(2026, 11, 2, 8, 30))
		tick(t, old)
		// Down from 08:30 to 11:10, within the grace window; a new process starts.
		clock.Set(local(2026, 11, 2, 11, 10))
		e := newEngine(st, clock, &c, nil)
		tick(t, e)
		tick(t, e)
		tick(t, old) // its memory is stale; the ledger is not
		want := []string{"done@11-02 09:00", "done@11-02 10:00", "done@11-02 11:00"}
		if got := ledger(t, st, sc.ID); !equal(got, want) {
			t.Fatalf("ledger = %v, want %v", got, want)
		}
		runs := c.fired()
		if len(runs) != 3 || !runs[0].FireAt.Equal(local(2026, 11, 2, 9, 0)) || !runs[0].Now.Equal(clock.Now()) ||
			runs[0].Manual || runs[0].Loc.String() != "Asia/Shanghai" || runs[0].Cal == nil {
			t.Fatalf("runs = %+v", runs)
		}
	})
}

func TestRestartAfterGraceRecordsSkipped(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		clock.Set(local(2026, 11, 2, 8, 0))
		daily := ensure(t, st, "daily", "0 9 * * *")
		hourly := ensure(t, st, "hourly", "0 * * * *")
		var c counter
		var log logBuffer
		// Down until 15:30: the 09:00 fire is 6h30m old, the grace is 6h.
		clock.Set(local(2026, 11, 2, 15, 30))
		e := newEngine(st, clock, &c, &log)
		tick(t, e)
		if got := ledger(t, st, daily.ID); !equal(got, []string{"skipped@11-02 09:00"}) {
			t.Fatalf("daily ledger = %v", got)
		}
		want := []string{"skipped@11-02 09:00", "done@11-02 10:00", "done@11-02 11:00", "done@11-02 12:00",
			"done@11-02 13:00", "done@11-02 14:00", "done@11-02 15:00"}
		if got := ledger(t, st, hourly.ID); !equal(got, want) {
			t.Fatalf("hourly ledger = %v, want %v", got, want)
		}
		if c.calls.Load() != 6 {
			t.Fatalf("job ran %d times, want 6", c.calls.Load())
		}
		if n := log.count("level=WARN msg=\"fire skipped"); n != 2 {
			t.Fatalf("%d skip warnings, want 2:\n%s", n, log.String())
		}
		clock.Set(local(2026, 11, 3, 9, 0).Add(time.Second))
		tick(t, e)
		if got := ledger(t, st, daily.ID); !equal(got, []string{"skipped@11-02 09:00", "done@11-03 09:00"}) {
			t.Fatalf("next day: %v", got)
		}
	})
}

func TestJobErrorRollsBackAndRetries(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(local(2026, 11, 2, 8, 0))
		sc := ensure(t, st, "daily", "0 9 * * *")
		c := counter{fail: func(call int64) error {
			if call == 1 {
				return errors.New("database hiccup")
			}
			return nil
		}}
		var log logBuffer
		e := newEngine(st, clock, &c, &log)
		clock.Set(local(2026, 11, 2, 9, 0).Add(20 * time.Second))
		tick(t, e)
		if got := ledger(t, st, sc.ID); len(got) != 0 {
			t.Fatalf("claim survived the failure: %v", got)
		}
		if counts, _ := st.OutboxCounts(ctx); counts[models.OutboxPending] != 0 {
			t.Fatalf("notification of the failed run survived: %v", counts)
		}
		if log.count("retried next tick") != 1 || log.count("database hiccup") != 1 {
			t.Fatalf("log:\n%s", log.String())
		}
		clock.Advance(30 * time.Second)
		tick(t, e)
		if got := ledger(t, st, sc.ID); !equal(got, []string{"done@11-02 09:00"}) || c.calls.Load() != 2 {
			t.Fatalf("after retry: %v, %d calls", got, c.calls.Load())
		}
		if counts, _ := st.OutboxCounts(ctx); counts[models.OutboxPending] != 1 {
			t.Fatalf("outbox after retry: %v", counts)
		}
	})
}

func TestFailingFireIsGivenUp(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		clock.Set(local(2026, 11, 2, 8, 0))
		broken := ensure(t, st, "broken", "0 9 * * *")
		unknown := &models.Schedule{Name: "unknown", Kind: "no_such_kind", Spec: "0 9 * * *", TZ: "Asia/Shanghai", Enabled: true}
		if _, err := st.EnsureSchedule(context.Background(), unknown); err != nil {
			t.Fatal(err)
		}
		c := counter{fail: func(call int64) error {
			if call == 2 {
				panic("job bug")
			}
			return errors.New("always")
		}}
		e := newEngine(st, clock, &c, nil)
		clock.Set(local(2026, 11, 2, 9, 0))
		for range 5 {
			tick(t, e)
			clock.Advance(30 * time.Second)
		}
		if c.calls.Load() != 3 {
			t.Fatalf("job ran %d times, want 3 (MaxAttempts)", c.calls.Load())
		}
		for _, id := range []int64{broken.ID, unknown.ID} {
			recs, _ := st.RunRecords(context.Background(), id, 10)
			if len(recs) != 1 || recs[0].Status != models.RunFailed || recs[0].Error == "" {
				t.Fatalf("ledger of %d = %+v", id, recs)
			}
		}
		recs, _ := st.RunRecords(context.Background(), unknown.ID, 10)
		if want := `kind "no_such_kind": no job is registered`; !strings.Contains(recs[0].Error, want) {
			t.Fatalf("error = %q, want %q", recs[0].Error, want)
		}
	})
}

func TestManualRun(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(local(2026, 11, 2, 8, 0))
		sc := ensure(t, st, "daily", "0 9 * * *")
		if _, err := st.SetEnabled(ctx, "daily", false, nil); err != nil {
			t.Fatal(err)
		}
		var c counter
		e := newEngine(st, clock, &c, nil)
		admin := int64(42)
		clock.Set(local(2026, 11, 2, 10, 15).Add(1500 * time.Millisecond))
		rec, err := e.RunNow(ctx, "daily", &admin)
		if err != nil || rec.Status != models.RunManual || rec.Produced != 1 || !rec.FireAt.Equal(local(2026, 11, 2, 10, 15).Add(time.Second)) {
			t.Fatalf("run now = %+v, %v", rec, err)
		}
		if runs := c.fired(); len(runs) != 1 || !runs[0].Manual {
			t.Fatalf("runs = %+v", runs)
		}
		// A second request in the same second is a second run, not a refusal.
		if rec, err := e.RunNow(ctx, "daily", &admin); err != nil || rec.Status != models.RunManual {
			t.Fatalf("second run in the same second: %+v, %v", rec, err)
		}
		if _, err := e.RunNow(ctx, "nope", nil); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("unknown schedule: %v", err)
		}
		es, _ := st.AuditEntries(ctx, "schedule.run", 10)
		if len(es) != 2 || es[0].Target != "daily" || *es[0].ActorID != admin {
			t.Fatalf("audit = %+v", es)
		}
		// The manual run does not stand in for the regular fires.
		if _, err := st.SetEnabled(ctx, "daily", true, &admin); err != nil {
			t.Fatal(err)
		}
		clock.Set(local(2026, 11, 3, 9, 0).Add(time.Second))
		tick(t, e)
		if got := ledger(t, st, sc.ID); !equal(got, []string{"manual@11-02 10:15", "manual@11-02 10:15", "done@11-03 09:00"}) {
			t.Fatalf("ledger = %v", got)
		}
	})
}

func TestDisabledScheduleDoesNotFire(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(local(2026, 11, 2, 8, 0))
		sc := &models.Schedule{Name: "off", Kind: "count", Spec: "*/10 * * * *", TZ: "Asia/Shanghai"}
		if _, err := st.EnsureSchedule(ctx, sc); err != nil {
			t.Fatal(err)
		}
		var c counter
		e := newEngine(st, clock, &c, nil)
		for range 12 {
			clock.Advance(10 * time.Minute)
			tick(t, e)
		}
		if c.calls.Load() != 0 {
			t.Fatalf("a disabled schedule fired %d times", c.calls.Load())
		}
		// Enabled at 10:05: the fires while it was off are not caught up.
		clock.Advance(5 * time.Minute)
		if _, err := st.SetEnabled(ctx, "off", true, nil); err != nil {
			t.Fatal(err)
		}
		clock.Advance(6 * time.Minute)
		tick(t, e)
		if got := ledger(t, st, sc.ID); !equal(got, []string{"done@11-02 10:10"}) {
			t.Fatalf("ledger = %v", got)
		}
		if _, err := st.SetEnabled(ctx, "off", false, nil); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Hour)
		tick(t, e)
		if c.calls.Load() != 1 {
			t.Fatalf("fired %d times after being disabled again", c.calls.Load())
		}
	})
}

func TestSpecChangeTakesEffectNextTick(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(local(2026, 11, 2, 8, 0))
		sc := ensure(t, st, "daily", "0 9 * * *")
		var c counter
		e := newEngine(st, clock, &c, nil)
		tick(t, e) // the engine now holds 09:00 as the next fire
		clock.Set(local(2026, 11, 2, 8, 10))
		if err := st.SetSpec(ctx, "daily", "30 8 * * *", nil); err != nil {
			t.Fatal(err)
		}
		clock.Set(local(2026, 11, 2, 8, 30).Add(10 * time.Second))
		tick(t, e)
		clock.Set(local(2026, 11, 2, 9, 0).Add(10 * time.Second))
		tick(t, e)
		if got := ledger(t, st, sc.ID); !equal(got, []string{"done@11-02 08:30"}) {
			t.Fatalf("ledger = %v", got)
		}
	})
}

func TestDSTFiresOnce(t *testing.T) {
	for _, tc := range []struct {
		zone, spec string
		from, to   time.Time // walked in 10-minute ticks
		want       time.Time // the one fire, UTC
	}{
		// New York springs forward at 02:00 → 03:00: 02:30 fires at 03:00 EDT.
		{"America/New_York", "30 2 * * *", utc(2026, 3, 8, 3, 0), utc(2026, 3, 8, 11, 0), utc(2026, 3, 8, 7, 0)},
		// and falls back at 02:00 EDT → 01:00 EST: 01:30 fires once, EDT.
		{"America/New_York", "30 1 * * *", utc(2026, 11, 1, 2, 0), utc(2026, 11, 1, 10, 0), utc(2026, 11, 1, 5, 30)},
		// Berlin: 02:00 CET → 03:00 CEST, then 03:00 CEST → 02:00 CET.
		{"Europe/Berlin", "30 2 * * *", utc(2026, 3, 28, 22, 0), utc(2026, 3, 29, 6, 0), utc(2026, 3, 29, 1, 0)},
		{"Europe/Berlin", "30 2 * * *", utc(2026, 10, 24, 21, 0), utc(2026, 10, 25, 5, 0), utc(2026, 10, 25, 0, 30)},
	} {
		t.Run(tc.zone+"/"+tc.want.Format("01-02"), func(t *testing.T) {
			modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
				clock.Set(tc.from)
				sc := &models.Schedule{Name: "dst", Kind: "count", Spec: tc.spec, TZ: tc.zone, Enabled: true}
				if _, err := st.EnsureSchedule(context.Background(), sc); err != nil {
					t.Fatal(err)
				}
				var c counter
				e := newEngine(st, clock, &c, nil)
				for clock.Now().Before(tc.to) {
					clock.Advance(10 * time.Minute)
					tick(t, e)
				}
				recs, _ := st.RunRecords(context.Background(), sc.ID, 10)
				if len(recs) != 1 || !recs[0].FireAt.Equal(tc.want) || recs[0].Status != models.RunDone {
					t.Fatalf("ledger = %+v, want one fire at %s", recs, tc.want)
				}
				if runs := c.fired(); len(runs) != 1 || runs[0].Loc.String() != tc.zone {
					t.Fatalf("runs = %+v", runs)
				}
			})
		})
	}
}

func utc(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, time.UTC)
}

func TestRunTicksUntilCancelled(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		clock.Set(local(2026, 11, 2, 8, 0))
		ensure(t, st, "daily", "0 9 * * *")
		fired := make(chan struct{}, 1)
		job := func(ctx context.Context, tx *models.Store, run jobs.Run) (int, error) {
			fired <- struct{}{}
			return 0, nil
		}
		e := jobs.NewEngine(st, jobs.Options{Jobs: map[string]jobs.Job{"count": job}, Now: clock.Now})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- e.Run(ctx) }()
		clock.Set(local(2026, 11, 2, 9, 0))
		e.Poke()
		<-fired
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("run: %v", err)
		}
	})
}

func TestLongOutageIsBounded(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		clock.Set(local(2026, 11, 2, 8, 0))
		sc := ensure(t, st, "minutely", "* * * * *")
		var c counter
		var log logBuffer
		// Down for two days; back at 10:00:30 on the 4th.
		clock.Set(local(2026, 11, 4, 10, 0).Add(30 * time.Second))
		tick(t, newEngine(st, clock, &c, &log))
		recs, err := st.RunRecords(context.Background(), sc.ID, 10000)
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, r := range recs {
			count[r.Status]++
		}
		if count[models.RunSkipped] != 100 || count[models.RunDone] != 360 || c.calls.Load() != 360 {
			t.Fatalf("ledger counts = %v, %d calls; want 100 skipped (the cap) and 360 done (6h of minutes)", count, c.calls.Load())
		}
		if log.count("older missed fires not recorded") != 1 {
			t.Fatalf("log:\n%.2000s", log.String())
		}
	})
}
