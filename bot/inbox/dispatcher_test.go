package inbox_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// update is one stored update for a test: its id and chat (0 = no chat).
type update struct{ id, chat int64 }

func payload(u update) string {
	if u.chat == 0 {
		return fmt.Sprintf(`{"update_id":%d}`, u.id)
	}
	return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":1790000000,"chat":{"id":%d,"type":"private"},"text":"msg %d"}}`,
		u.id, u.id, u.chat, u.id)
}

func store(t *testing.T, st *models.Store, ups ...update) {
	t.Helper()
	rows := make([]models.InboxUpdate, len(ups))
	for i, u := range ups {
		rows[i] = models.InboxUpdate{UpdateID: u.id, ChatID: u.chat, Payload: payload(u)}
	}
	if _, err := st.SaveUpdates(context.Background(), rows, 0); err != nil {
		t.Fatal(err)
	}
}

// interleaved makes n updates spread over chats in a shuffled order.
func interleaved(n int, chats []int64) []update {
	r := rand.New(rand.NewPCG(1, 2))
	ups := make([]update, n)
	for i := range ups {
		ups[i] = update{int64(i + 1), chats[r.IntN(len(chats))]}
	}
	return ups
}

// calls counts handler calls and lets a test wait for a number of them.
type calls struct {
	mu sync.Mutex
	n  int
	ch chan struct{}
}

func newCalls() *calls { return &calls{ch: make(chan struct{})} }

func (c *calls) add() {
	c.mu.Lock()
	c.n++
	close(c.ch)
	c.ch = make(chan struct{})
	c.mu.Unlock()
}

func (c *calls) wait(ctx context.Context, t *testing.T, n int) {
	t.Helper()
	for {
		c.mu.Lock()
		got, ch := c.n, c.ch
		c.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("handler called %d times, waiting for %d: %v", got, n, ctx.Err())
		case <-ch:
		}
	}
}

func statuses(t *testing.T, st *models.Store) map[int64]models.InboxUpdate {
	t.Helper()
	out := map[int64]models.InboxUpdate{}
	for _, r := range inboxRows(t, st) {
		out[r.UpdateID] = r
	}
	return out
}

func notificationKeys(t *testing.T, st *models.Store) []string {
	t.Helper()
	var keys []string
	if err := st.DB().Model(&models.Notification{}).Order("dedup_key").Pluck("dedup_key", &keys).Error; err != nil {
		t.Fatal(err)
	}
	return keys
}

func enqueue(ctx context.Context, tx *models.Store, u *tgmodels.Update, key string) error {
	_, err := tx.Enqueue(ctx, &models.Notification{ChatID: telegram.ChatOf(u), Kind: "text",
		Payload: `{"text":"ok"}`, DedupKey: fmt.Sprintf("%s:%d", key, u.ID)})
	return err
}

func apology(tx *models.Store, u *tgmodels.Update, reason string) error {
	return enqueue(context.Background(), tx, u, "apology")
}

// maxGauge tracks a running count and its maximum.
type maxGauge struct{ cur, max atomic.Int64 }

func (g *maxGauge) inc() int64 {
	c := g.cur.Add(1)
	for m := g.max.Load(); c > m && !g.max.CompareAndSwap(m, c); m = g.max.Load() {
	}
	return c
}

func (g *maxGauge) dec() { g.cur.Add(-1) }

// orderLog is a handler that records the updates it sees per chat, flags
// an update that starts while another of its chat runs, and replies to
// each through the outbox.
type orderLog struct {
	t     *testing.T
	calls *calls
	conc  maxGauge
	mu    sync.Mutex
	seen  map[int64][]int64
	busy  map[int64]bool
}

func newOrderLog(t *testing.T) *orderLog {
	return &orderLog{t: t, calls: newCalls(), seen: map[int64][]int64{}, busy: map[int64]bool{}}
}

func (o *orderLog) handle(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
	defer o.calls.add()
	o.conc.inc()
	defer o.conc.dec()
	chat := telegram.ChatOf(u)
	o.mu.Lock()
	if o.busy[chat] {
		o.t.Errorf("chat %d: update %d started while another of the chat ran", chat, u.ID)
	}
	o.busy[chat] = true
	o.seen[chat] = append(o.seen[chat], u.ID)
	o.mu.Unlock()
	err := enqueue(ctx, tx, u, "reply")
	o.mu.Lock()
	o.busy[chat] = false
	o.mu.Unlock()
	return err
}

// check asserts each chat's updates were handled once each, ascending.
func (o *orderLog) check(ups []update) {
	o.t.Helper()
	want := map[int64][]int64{}
	for _, u := range ups {
		want[u.chat] = append(want[u.chat], u.id)
	}
	for chat, ids := range want {
		if !slices.Equal(o.seen[chat], ids) {
			o.t.Errorf("chat %d handled %v, want %v", chat, o.seen[chat], ids)
		}
	}
}

func checkAllDone(t *testing.T, st *models.Store, n int) {
	t.Helper()
	rows := statuses(t, st)
	for id, r := range rows {
		if r.Status != models.InboxDone || r.HandledAt == nil {
			t.Errorf("update %d: status %s handled_at %v", id, r.Status, r.HandledAt)
		}
	}
	if len(rows) != n {
		t.Errorf("%d rows, want %d", len(rows), n)
	}
	if got := len(notificationKeys(t, st)); got != n {
		t.Errorf("%d replies enqueued, want %d", got, n)
	}
}

func TestDispatcherKeepsOrderPerChat(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := testCtx(t)
		ups := interleaved(160, []int64{0, 1, 2, 3, -100, 5, 6, 7})
		store(t, st, ups...)
		o := newOrderLog(t)
		m := metrics.NewSet()
		clock.Advance(time.Second)
		d := inbox.NewDispatcher(st, o.handle, inbox.DispatcherConfig{Workers: 4, Metrics: m})
		stop := runBackground(t, ctx, d.Run)
		d.Poke()
		o.calls.wait(ctx, t, len(ups))
		stop()

		o.check(ups)
		checkAllDone(t, st, len(ups))
		if got := o.conc.max.Load(); got > 4 {
			t.Errorf("%d handlers ran at once, limit 4", got)
		}
		t.Logf("at most %d handlers ran at once", o.conc.max.Load())
		if got := m.UpdatesHandled.Value("done"); got != int64(len(ups)) {
			t.Errorf("updates_handled{done} = %d, want %d", got, len(ups))
		}
		var out strings.Builder
		m.Registry.WriteText(&out)
		if !strings.Contains(out.String(), "ganshi_handler_seconds_count 160") {
			t.Errorf("handler_seconds not observed 160 times:\n%s", out.String())
		}
	})
}

func TestDispatcherBoundsConcurrency(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		const workers = 3
		var ups []update
		for i := range 30 {
			ups = append(ups, update{int64(i + 1), int64(i + 1)}) // a chat each: all eligible at once
		}
		store(t, st, ups...)
		var conc maxGauge
		full := make(chan struct{})
		var once sync.Once
		c := newCalls()
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			defer c.add()
			if conc.inc() == workers {
				once.Do(func() { close(full) })
			}
			defer conc.dec()
			// On PostgreSQL handlers truly overlap: hold each one until the
			// pool is full once, so exceeding the bound would show. On
			// SQLite the single connection serialises them anyway.
			if st.IsPostgres() {
				select {
				case <-full:
				case <-time.After(2 * time.Second):
				}
			}
			return nil
		}
		d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Workers: workers})
		stop := runBackground(t, ctx, d.Run)
		d.Poke()
		c.wait(ctx, t, len(ups))
		stop()
		got := conc.max.Load()
		if got > workers || (st.IsPostgres() && got != workers) {
			t.Errorf("at most %d handlers ran at once; want %d (never more)", got, workers)
		}
	})
}

func TestTwoDispatchersHandleEachUpdateOnce(t *testing.T) {
	for _, pair := range storePairs() {
		t.Run(pair.name, func(t *testing.T) {
			ctx := testCtx(t)
			stA, stB := pair.open(t, modelstest.NewClock(modelstest.Start))
			ups := interleaved(120, []int64{1, 2, 3, 4, 5, 6})
			store(t, stA, ups...)
			// One log for both replicas: it sees a chat's update start
			// while the other replica still runs one of that chat.
			o := newOrderLog(t)
			cfg := inbox.DispatcherConfig{Workers: 3, Idle: 20 * time.Millisecond}
			dA, dB := inbox.NewDispatcher(stA, o.handle, cfg), inbox.NewDispatcher(stB, o.handle, cfg)
			stopA, stopB := runBackground(t, ctx, dA.Run), runBackground(t, ctx, dB.Run)
			dA.Poke()
			dB.Poke()
			o.calls.wait(ctx, t, len(ups))
			stopA()
			stopB()
			o.check(ups)
			checkAllDone(t, stA, len(ups))
		})
	}
}
