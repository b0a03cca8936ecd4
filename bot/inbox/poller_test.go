package inbox_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

var users = []telegramtest.User{
	{ID: 1, FirstName: "张三"},
	{ID: 2, FirstName: "李四"},
	{ID: 3, FirstName: "王五"},
	{ID: 4, FirstName: "Alice"},
	{ID: 5, FirstName: "Bob"},
}

func newFake(t *testing.T) (*telegramtest.Server, *telegram.Client) {
	t.Helper()
	fake := telegramtest.New(telegramtest.Options{})
	t.Cleanup(fake.Close)
	c, err := telegram.New(fake.Token(), fake.URL(), 5*time.Second)
	if err != nil {
		t.Fatalf("new client: %v", err)
	}
	return fake, c
}

// recorder wraps an Updater to see every call the poller makes.
type recorder struct {
	inner  inbox.Updater
	before func(offset int64) // runs before the call reaches Telegram

	mu       sync.Mutex
	offsets  []int64
	times    []time.Time
	received int
}

func (r *recorder) GetUpdates(ctx context.Context, offset int64, limit int, timeout time.Duration) ([]telegram.RawUpdate, error) {
	if r.before != nil {
		r.before(offset)
	}
	r.mu.Lock()
	r.offsets = append(r.offsets, offset)
	r.times = append(r.times, time.Now())
	r.mu.Unlock()
	ups, err := r.inner.GetUpdates(ctx, offset, limit, timeout)
	r.mu.Lock()
	r.received += len(ups)
	r.mu.Unlock()
	return ups, err
}

func (r *recorder) calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.offsets)
}

func (r *recorder) firstOffset() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.offsets[0]
}

func sendMany(fake *telegramtest.Server, from, n int) {
	for i := from; i < from+n; i++ {
		fake.SendPrivate(users[i%len(users)], fmt.Sprintf("message %d", i))
	}
}

// waitConfirmed waits until Telegram has been told (by a getUpdates offset)
// that every update it queued was received.
func waitConfirmed(ctx context.Context, t *testing.T, fake *telegramtest.Server) {
	t.Helper()
	if err := fake.WaitFor(ctx, func(s *telegramtest.Server) bool { return s.PendingUpdates() == 0 }); err != nil {
		t.Fatal(err)
	}
}

func checkInbox(t *testing.T, st *models.Store, n int) {
	t.Helper()
	rows := inboxRows(t, st)
	if len(rows) != n {
		t.Fatalf("inbox has %d rows, want %d", len(rows), n)
	}
	for i, r := range rows {
		want := int64(i + 1)
		if r.UpdateID != want || r.ChatID != users[(i)%len(users)].ID || r.Status != models.InboxPending {
			t.Fatalf("row %d = id %d chat %d status %s; want id %d chat %d pending",
				i, r.UpdateID, r.ChatID, r.Status, want, users[i%len(users)].ID)
		}
	}
	off, err := st.UpdateOffset(context.Background())
	if err != nil || off != int64(n+1) {
		t.Fatalf("stored offset = %d, %v; want %d", off, err, n+1)
	}
}

func TestPollerStoresEveryUpdateOnceBeforeConfirmingIt(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		fake, client := newFake(t)
		// Telegram forgets updates below the offset it is sent; whenever
		// the poller sends one, all of those must already be stored.
		rec := &recorder{inner: client, before: func(offset int64) {
			var n int64
			if err := st.DB().Model(&models.InboxUpdate{}).Where("update_id < ?", offset).Count(&n).Error; err != nil {
				t.Errorf("count stored: %v", err)
			}
			if offset > 0 && n != offset-1 {
				t.Errorf("getUpdates(offset=%d) confirms %d updates but only %d are stored", offset, offset-1, n)
			}
		}}
		m := metrics.NewSet()
		stored := make(chan struct{}, 100)
		p := inbox.NewPoller(st, rec, inbox.PollerConfig{Holder: "a", Limit: 7, Backoff: 10 * time.Millisecond,
			Metrics: m, OnStored: func() { stored <- struct{}{} }})
		sendMany(fake, 0, 25)
		runBackground(t, ctx, p.Run)
		sendMany(fake, 25, 25)
		waitConfirmed(ctx, t, fake)
		checkInbox(t, st, 50)

		if got := m.UpdatesReceived.Value("poll"); got != 50 {
			t.Errorf("updates_received{poll} = %d, want 50", got)
		}
		if len(stored) == 0 {
			t.Error("OnStored was never called")
		}
		if p.LastPoll().IsZero() {
			t.Error("LastPoll is zero after successful polls")
		}
	})
}

func TestPollerSurvivesA502Burst(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		fake, client := newFake(t)
		fake.Inject(telegramtest.Fault{Method: "getUpdates", Status: 502, Count: 3})
		p := inbox.NewPoller(st, client, inbox.PollerConfig{Holder: "a", Backoff: 10 * time.Millisecond})
		sendMany(fake, 0, 5)
		runBackground(t, ctx, p.Run)
		waitConfirmed(ctx, t, fake)
		checkInbox(t, st, 5)
		// Three refused, then at least the one that fetched the five.
		if n := fake.Requests("getUpdates"); n < 4 {
			t.Errorf("getUpdates asked %d times, want the 3 refused ones retried", n)
		}
	})
}

func TestPollerRestartContinuesFromStoredOffset(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		fake, client := newFake(t)
		first := &recorder{inner: client}
		stop := runBackground(t, ctx, inbox.NewPoller(st, first, inbox.PollerConfig{Holder: "a"}).Run)
		sendMany(fake, 0, 20)
		waitConfirmed(ctx, t, fake)
		stop()
		if err := fake.WaitFor(ctx, func(s *telegramtest.Server) bool { return !s.Polling() }); err != nil {
			t.Fatal(err)
		}

		sendMany(fake, 20, 20)
		second := &recorder{inner: client}
		runBackground(t, ctx, inbox.NewPoller(st, second, inbox.PollerConfig{Holder: "a"}).Run)
		waitConfirmed(ctx, t, fake)
		checkInbox(t, st, 40)
		if got := second.firstOffset(); got != 21 {
			t.Errorf("restarted poller asked from offset %d, want 21", got)
		}
		// Nothing was delivered twice: Telegram's view and ours agree.
		if total := first.received + second.received; total != 40 {
			t.Errorf("received %d updates over both runs, want 40", total)
		}
	})
}

func TestPollerWaitsRetryAfterOn429(t *testing.T) {
	st := modelstest.SQLite(t, time.Now)
	ctx := testCtx(t)
	fake, client := newFake(t)
	fake.Inject(telegramtest.Fault{Method: "getUpdates", Status: 429, RetryAfter: 1, Count: 1})
	rec := &recorder{inner: client}
	runBackground(t, ctx, inbox.NewPoller(st, rec, inbox.PollerConfig{Holder: "a", Backoff: time.Millisecond}).Run)
	sendMany(fake, 0, 3)
	waitConfirmed(ctx, t, fake)
	rec.mu.Lock()
	gap := rec.times[1].Sub(rec.times[0])
	rec.mu.Unlock()
	if gap < time.Second {
		t.Errorf("polled again %v after a 429 with retry_after 1", gap)
	}
	checkInbox(t, st, 3)
}

func TestPollerBacksOffWhileAWebhookIsSet(t *testing.T) {
	st := modelstest.SQLite(t, time.Now)
	ctx := testCtx(t)
	fake, client := newFake(t)
	if _, err := client.API().SetWebhook(ctx, &tgbot.SetWebhookParams{URL: "https://example.invalid/hook"}); err != nil {
		t.Fatal(err)
	}
	runBackground(t, ctx, inbox.NewPoller(st, client, inbox.PollerConfig{Holder: "a", Backoff: 5 * time.Millisecond}).Run)
	// Refused twice with 409 while the webhook is set.
	if err := fake.WaitFor(ctx, func(s *telegramtest.Server) bool { return s.Requests("getUpdates") >= 2 }); err != nil {
		t.Fatal(err)
	}
	if _, err := client.API().DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
		t.Fatal(err)
	}
	sendMany(fake, 0, 2)
	waitConfirmed(ctx, t, fake)
	checkInbox(t, st, 2)
}

func TestPollerDoesNotPollWithoutTheDatabase(t *testing.T) {
	st := modelstest.SQLite(t, time.Now)
	ctx := testCtx(t)
	fake, client := newFake(t)
	sendMany(fake, 0, 2)
	st.Close()
	logs := newLogSink()
	runBackground(t, ctx, inbox.NewPoller(st, client, inbox.PollerConfig{Holder: "a", Backoff: time.Millisecond, Logger: logs.logger()}).Run)
	logs.waitFor(ctx, t, 3, "cannot take the poller lease")
	if n := fake.Requests("getUpdates"); n != 0 {
		t.Errorf("polled %d times with the database down", n)
	}
	if n := fake.PendingUpdates(); n != 2 {
		t.Errorf("telegram has %d pending updates, want 2 (nothing confirmed)", n)
	}
}
