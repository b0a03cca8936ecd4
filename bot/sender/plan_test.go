package sender

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// planEnv is a Sender on a fake clock whose claim and plan the test calls
// directly; it never sends. The global rate is lifted so that only the
// per-chat limits and pauses a test sets up count.
type planEnv struct {
	t     *testing.T
	st    *models.Store
	clock *modelstest.Clock
	s     *Sender
	ctx   context.Context
}

func newPlanEnv(t *testing.T, lease time.Duration) *planEnv {
	clock := modelstest.NewClock(modelstest.Start)
	st := modelstest.SQLite(t, clock.Now)
	s := New(st, nil, Config{Rate: -1, Now: clock.Now, Lease: lease, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return &planEnv{t: t, st: st, clock: clock, s: s, ctx: context.Background()}
}

func (e *planEnv) enqueue(chat int64, key string) int64 {
	e.t.Helper()
	n := &models.Notification{ChatID: chat, Kind: KindText, Payload: `{"text":"` + key + `"}`, DedupKey: key}
	if _, err := e.st.Enqueue(e.ctx, n); err != nil {
		e.t.Fatal(err)
	}
	return n.ID
}

func (e *planEnv) claim() {
	e.t.Helper()
	e.s.more = true
	e.s.claim(e.ctx, e.clock.Now())
}

func (e *planEnv) pool() string {
	var out string
	for _, it := range e.s.pool {
		out += strconv.FormatInt(it.n.ID, 10) + " "
	}
	return out
}

func (e *planEnv) pendingAt(id int64, want time.Time) {
	e.t.Helper()
	n, err := e.st.GetNotification(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	if n.Status != models.OutboxPending || !n.NextAttemptAt.Equal(want) || n.Attempts != 0 {
		e.t.Fatalf("row %d: %s next %v attempts %d; want pending from %v, no attempt counted",
			id, n.Status, n.NextAttemptAt, n.Attempts, want)
	}
}

func TestPlanHoldsShortWaitsAndReturnsLongOnes(t *testing.T) {
	e := newPlanEnv(t, time.Minute) // hold 5 s, margin 15 s
	now := e.clock.Now()
	a1, b1 := e.enqueue(1, "a1"), e.enqueue(2, "b1")
	e.claim()
	e.s.lim.Take(2, now.Add(-500*time.Millisecond)) // b1 waits 0.5 s: held
	e.s.lim.Take(1, now.Add(9*time.Second))         // a1 waits 10 s: back to the outbox
	pick, at := e.s.plan(e.ctx, now)
	if len(e.s.pool) != 1 || e.s.pool[pick].n.ID != b1 || !at.Equal(now.Add(500*time.Millisecond)) {
		t.Fatalf("pool %s pick %d at %v", e.pool(), pick, at.Sub(now))
	}
	e.pendingAt(a1, now.Add(10*time.Second))
}

func TestPlanNeverHoldsRowsPastTheirLease(t *testing.T) {
	e := newPlanEnv(t, time.Minute)
	now := e.clock.Now()
	a, b := e.enqueue(1, "a"), e.enqueue(2, "b")
	e.claim()
	// A 429 pause that ends before lease minus margin: everybody waits.
	e.s.lim.Pause(now.Add(40 * time.Second))
	if pick, at := e.s.plan(e.ctx, now); len(e.s.pool) != 2 || pick != 0 || !at.Equal(now.Add(40*time.Second)) {
		t.Fatalf("short pause: pool %s pick %d at %v", e.pool(), pick, at.Sub(now))
	}
	// Longer than the lease allows: the rows go back until the pause ends.
	e.s.lim.Pause(now.Add(50 * time.Second))
	if pick, _ := e.s.plan(e.ctx, now); pick != -1 || len(e.s.pool) != 0 {
		t.Fatalf("long pause: pool %s", e.pool())
	}
	e.pendingAt(a, now.Add(50*time.Second))
	e.pendingAt(b, now.Add(50*time.Second))
}

func TestPlanReturnsRowsNearTheEndOfTheirLease(t *testing.T) {
	e := newPlanEnv(t, time.Minute)
	a := e.enqueue(1, "a")
	e.claim()
	e.clock.Advance(46 * time.Second) // 14 s of lease left, under the 15 s margin
	if pick, _ := e.s.plan(e.ctx, e.clock.Now()); pick != -1 {
		t.Fatalf("pool %s", e.pool())
	}
	e.pendingAt(a, e.clock.Now())
}

func TestNewRowsQueueBehindRowsSentBack(t *testing.T) {
	e := newPlanEnv(t, time.Minute)
	now := e.clock.Now()
	a1, a2 := e.enqueue(1, "a1"), e.enqueue(1, "a2")
	e.claim()
	// a1 failed ambiguously: it and a2 behind it go back for 3 s.
	e.s.sendBack(e.ctx, 0, now.Add(3*time.Second), "502", true)
	e.s.flushSent(e.ctx)
	a3 := e.enqueue(1, "a3") // due now, would overtake both
	e.claim()
	if len(e.s.pool) != 0 {
		t.Fatalf("a3 admitted ahead of a1: pool %s", e.pool())
	}
	e.pendingAt(a2, now.Add(3*time.Second+orderStep))
	e.pendingAt(a3, now.Add(3*time.Second+2*orderStep))
	e.clock.Advance(3*time.Second + 2*orderStep)
	e.claim()
	if got, want := e.pool(), strconv.FormatInt(a1, 10)+" "+strconv.FormatInt(a2, 10)+" "+strconv.FormatInt(a3, 10)+" "; got != want {
		t.Fatalf("pool %s, want %s", got, want)
	}
	if len(e.s.barriers) != 0 {
		t.Fatalf("barrier left after its rows came back: %v", e.s.barriers)
	}
}
