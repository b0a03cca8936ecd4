package inbox_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// BenchmarkInbound measures the inbox on a real database with the real
// clock: how fast batches are stored and dispatched to a trivial handler,
// and how long an update waits from arrival to its handler's start under
// a steady 200 updates/s. Each iteration gets a fresh database, opened and
// migrated outside the timed part. throughput's ns/op is the time to store
// and dispatch 10,000 updates; latency's workload runs at a fixed rate for
// 3 s, so it reports only the waits (ns/op would say nothing). Run with
// -benchtime 1x: each iteration is a fixed workload.
func BenchmarkInbound(b *testing.B) {
	backends := []struct {
		name string
		open func(b *testing.B) *models.Store
	}{{"sqlite", func(b *testing.B) *models.Store { return modelstest.SQLite(b, time.Now) }}}
	if modelstest.PostgresDSN() != "" {
		backends = append(backends, struct {
			name string
			open func(b *testing.B) *models.Store
		}{"postgres", func(b *testing.B) *models.Store { return modelstest.Postgres(b, time.Now) }})
	}
	for _, be := range backends {
		b.Run(be.name+"/throughput", func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				st := be.open(b)
				b.StartTimer()
				benchThroughput(b, st)
			}
		})
		b.Run(be.name+"/latency-200rps", func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				st := be.open(b)
				b.StartTimer()
				benchLatency(b, st)
			}
			b.ReportMetric(0, "ns/op")
		})
	}
}

const (
	benchUpdates = 10000
	benchChats   = 200
)

func benchRows(from, n int, r *rand.Rand) []models.InboxUpdate {
	rows := make([]models.InboxUpdate, n)
	for i := range rows {
		u := update{int64(from + i + 1), int64(r.IntN(benchChats) + 1)}
		rows[i] = models.InboxUpdate{UpdateID: u.id, ChatID: u.chat, Payload: payload(u)}
	}
	return rows
}

func benchThroughput(b *testing.B, st *models.Store) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	start := time.Now()
	for i := 0; i < benchUpdates; i += 100 {
		if _, err := st.SaveUpdates(ctx, benchRows(i, 100, r), int64(i+101)); err != nil {
			b.Fatal(err)
		}
	}
	stored := time.Since(start)

	handled := make(chan struct{}, benchUpdates)
	h := func(context.Context, *models.Store, *tgmodels.Update) error { handled <- struct{}{}; return nil }
	d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Workers: 4})
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	start = time.Now()
	go func() { done <- d.Run(ctx) }()
	d.Poke()
	for range benchUpdates {
		<-handled
	}
	cancel()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	dispatched := time.Since(start)
	b.ReportMetric(benchUpdates/stored.Seconds(), "stored/s")
	b.ReportMetric(benchUpdates/dispatched.Seconds(), "dispatched/s")
}

func benchLatency(b *testing.B, st *models.Store) {
	const (
		rate     = 200
		duration = 3 * time.Second
		n        = int(rate * duration / time.Second)
	)
	var mu sync.Mutex
	arrived := make(map[int64]time.Time, n)
	waits := make([]time.Duration, 0, n)
	handled := make(chan struct{}, n)
	h := func(_ context.Context, _ *models.Store, u *tgmodels.Update) error {
		mu.Lock()
		waits = append(waits, time.Since(arrived[u.ID]))
		mu.Unlock()
		handled <- struct{}{}
		return nil
	}
	d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Workers: 4})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()

	// Feed like the webhook does: one SaveUpdate and a poke per update.
	r := rand.New(rand.NewPCG(5, 6))
	tick := time.NewTicker(time.Second / rate)
	for i := range n {
		<-tick.C
		row := benchRows(i, 1, r)[0]
		mu.Lock()
		arrived[row.UpdateID] = time.Now()
		mu.Unlock()
		if _, err := st.SaveUpdate(ctx, row); err != nil {
			b.Fatal(err)
		}
		d.Poke()
	}
	tick.Stop()
	for range n {
		<-handled
	}
	cancel()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	slices.Sort(waits)
	ms := func(q float64) float64 {
		return float64(waits[int(q*float64(len(waits)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(float64(len(waits)), "updates")
}
