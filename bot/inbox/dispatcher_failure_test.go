package inbox_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// How the dispatcher treats handlers that fail, panic, cannot commit or
// are cut short by a shutdown.

func TestDispatcherPanicFailsOnlyThatUpdate(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		store(t, st, update{1, 1}, update{2, 1}, update{3, 1}, update{4, 2})
		c := newCalls()
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			defer c.add()
			if err := enqueue(ctx, tx, u, "reply"); err != nil {
				return err
			}
			if u.ID == 2 {
				var m map[string]int
				//lint:ignore SA5000 the panic is the point: a handler's real bug must not stop the dispatcher
				m["boom"]++ // a real bug: assignment to entry in nil map
			}
			return nil
		}
		m := metrics.NewSet()
		d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Metrics: m, Apology: apology})
		stop := runBackground(t, ctx, d.Run)
		d.Poke()
		c.wait(ctx, t, 4)
		stop()

		rows := statuses(t, st)
		for id, want := range map[int64]string{1: models.InboxDone, 2: models.InboxFailed, 3: models.InboxDone, 4: models.InboxDone} {
			if rows[id].Status != want {
				t.Errorf("update %d: %s, want %s", id, rows[id].Status, want)
			}
		}
		if !strings.Contains(rows[2].Error, "panic: assignment to entry in nil map") {
			t.Errorf("failure reason %q", rows[2].Error)
		}
		want := []string{"apology:2", "reply:1", "reply:3", "reply:4"}
		if got := notificationKeys(t, st); !slices.Equal(got, want) {
			t.Errorf("outbox %v, want %v (the panicked handler's reply rolled back)", got, want)
		}
		if m.UpdatesHandled.Value("failed") != 1 || m.UpdatesHandled.Value("done") != 3 {
			t.Errorf("handled: done %d failed %d", m.UpdatesHandled.Value("done"), m.UpdatesHandled.Value("failed"))
		}
	})
}

func TestDispatcherHandlerErrorRollsBackItsWrites(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		store(t, st, update{1, 9}, update{2, 9})
		c := newCalls()
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			defer c.add()
			if err := enqueue(ctx, tx, u, "reply"); err != nil {
				return err
			}
			if u.ID == 1 {
				return errors.New("load cadre 9: not found")
			}
			return nil
		}
		d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Apology: apology})
		stop := runBackground(t, ctx, d.Run)
		d.Poke()
		c.wait(ctx, t, 2)
		stop()
		rows := statuses(t, st)
		if rows[1].Status != models.InboxFailed || rows[1].Error != "load cadre 9: not found" || rows[2].Status != models.InboxDone {
			t.Errorf("rows: %+v", rows)
		}
		want := []string{"apology:1", "reply:2"}
		if got := notificationKeys(t, st); !slices.Equal(got, want) {
			t.Errorf("outbox %v, want %v", got, want)
		}
	})
}

func TestDispatcherFailingApologyKeepsTheFailedMark(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		store(t, st, update{1, 9}, update{2, 9})
		c := newCalls()
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			defer c.add()
			if u.ID == 1 {
				return errors.New("broken")
			}
			return nil
		}
		badApology := func(tx *models.Store, u *tgmodels.Update, reason string) error {
			if err := apology(tx, u, reason); err != nil {
				return err
			}
			return errors.New("render apology: no template")
		}
		d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Apology: badApology})
		stop := runBackground(t, ctx, d.Run)
		d.Poke()
		c.wait(ctx, t, 2)
		stop()
		rows := statuses(t, st)
		if rows[1].Status != models.InboxFailed || rows[2].Status != models.InboxDone {
			t.Errorf("statuses %s %s", rows[1].Status, rows[2].Status)
		}
		if got := notificationKeys(t, st); len(got) != 0 {
			t.Errorf("outbox %v, want the failed apology's write rolled back", got)
		}
	})
}

// The done mark and the handler's writes are one commit: when marking done
// fails, the reply is gone too, and the update is retried until both land.
func TestDoneMarkAndHandlerWritesCommitTogether(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		store(t, st, update{1, 5}, update{2, 5})
		c := newCalls()
		var attempt atomic.Int32
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			defer c.add()
			if u.ID != 1 || attempt.Add(1) > 1 {
				return enqueue(ctx, tx, u, "reply")
			}
			// First attempt: write a reply, then make the done mark fail by
			// finishing the row behind the dispatcher's back.
			if err := enqueue(ctx, tx, u, "lost"); err != nil {
				return err
			}
			return tx.FinishUpdate(ctx, u.ID, models.InboxDone, "")
		}
		var order []int64
		var mu sync.Mutex
		wrapped := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			mu.Lock()
			order = append(order, u.ID)
			mu.Unlock()
			return h(ctx, tx, u)
		}
		d := inbox.NewDispatcher(st, wrapped, inbox.DispatcherConfig{RetryBackoff: time.Millisecond})
		stop := runBackground(t, ctx, d.Run)
		d.Poke()
		c.wait(ctx, t, 3)
		stop()
		if want := []int64{1, 1, 2}; !slices.Equal(order, want) {
			t.Errorf("handled %v, want %v (the retry comes before the chat's next update)", order, want)
		}
		if got, want := notificationKeys(t, st), []string{"reply:1", "reply:2"}; !slices.Equal(got, want) {
			t.Errorf("outbox %v, want %v", got, want)
		}
		for id, r := range statuses(t, st) {
			if r.Status != models.InboxDone {
				t.Errorf("update %d: %s", id, r.Status)
			}
		}
	})
}

func TestDispatcherFailsUndecodableUpdates(t *testing.T) {
	st := modelstest.SQLite(t, modelstest.NewClock(modelstest.Start).Now)
	ctx := testCtx(t)
	if _, err := st.SaveUpdate(ctx, models.InboxUpdate{UpdateID: 1, ChatID: 3, Payload: "{not json"}); err != nil {
		t.Fatal(err)
	}
	store(t, st, update{2, 3})
	c := newCalls()
	h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error { c.add(); return nil }
	apologies := 0
	d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Apology: func(*models.Store, *tgmodels.Update, string) error {
		apologies++
		return nil
	}})
	stop := runBackground(t, ctx, d.Run)
	d.Poke()
	c.wait(ctx, t, 1)
	stop()
	rows := statuses(t, st)
	if rows[1].Status != models.InboxFailed || !strings.Contains(rows[1].Error, "decode stored update") || rows[2].Status != models.InboxDone {
		t.Errorf("rows %+v", rows)
	}
	if apologies != 0 {
		t.Errorf("apologised %d times for an update with no chat to answer", apologies)
	}
}

func TestDispatcherLetsHandlersFinishOnShutdown(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		store(t, st, update{1, 1})
		started, release := make(chan struct{}), make(chan struct{})
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			close(started)
			<-release
			return enqueue(ctx, tx, u, "reply")
		}
		d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{})
		rctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- d.Run(rctx) }()
		d.Poke()
		<-started
		cancel()
		select {
		case err := <-done:
			t.Fatalf("Run returned (%v) while a handler was still running", err)
		default:
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if r := statuses(t, st)[1]; r.Status != models.InboxDone {
			t.Errorf("status %s, want done", r.Status)
		}
	})
}

func TestDispatcherCancelsHandlersAfterDrainTimeout(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		store(t, st, update{1, 1})
		started := make(chan struct{})
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		}
		d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{DrainTimeout: 10 * time.Millisecond, Apology: apology})
		rctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- d.Run(rctx) }()
		d.Poke()
		<-started
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		// Cut short by the shutdown, not broken: it stays for the next start.
		if r := statuses(t, st)[1]; r.Status != models.InboxPending {
			t.Errorf("status %s, want pending", r.Status)
		}
		if got := notificationKeys(t, st); len(got) != 0 {
			t.Errorf("outbox %v, want no apology", got)
		}
	})
}

// Two replicas dispatching from one database: every update is handled
// exactly once and each chat's updates in order.

// Updates of different chats share a transaction (a batch): the one whose
// handler fails is rolled back to its own savepoint and marked failed,
// and the others of the batch — before and after it — commit their
// replies and their done marks.
func TestDispatcherBatchFailsOnlyThatUpdate(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		var ups []update
		for i := range 8 {
			ups = append(ups, update{int64(i + 1), int64(100 + i)})
		}
		store(t, st, ups...)
		c := newCalls()
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			defer c.add()
			if err := enqueue(ctx, tx, u, "reply"); err != nil {
				return err
			}
			if u.ID == 5 {
				return errors.New("the handler refused")
			}
			return nil
		}
		d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Workers: 1, Batch: 8})
		stop := runBackground(t, ctx, d.Run)
		d.Poke()
		c.wait(ctx, t, len(ups))
		stop()
		rows := statuses(t, st)
		for _, u := range ups {
			want := models.InboxDone
			if u.id == 5 {
				want = models.InboxFailed
			}
			if rows[u.id].Status != want {
				t.Errorf("update %d: %s, want %s", u.id, rows[u.id].Status, want)
			}
		}
		want := []string{"reply:1", "reply:2", "reply:3", "reply:4", "reply:6", "reply:7", "reply:8"}
		if got := notificationKeys(t, st); !slices.Equal(got, want) {
			t.Errorf("outbox %v, want %v (only the failed handler's reply rolled back)", got, want)
		}
	})
}

// A batch whose transaction cannot commit leaves every update pending and
// every chat free to run again: once the trouble passes, all are done.
// An update that can never commit (its done mark refused every time)
// holds back only its own chat: after one failed batch each of its chats
// runs alone until it commits.
func TestDispatcherBatchThatCannotCommit(t *testing.T) {
	for _, always := range []bool{false, true} {
		t.Run(map[bool]string{false: "once", true: "always"}[always], func(t *testing.T) {
			modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
				ctx := testCtx(t)
				store(t, st, update{1, 101}, update{2, 102}, update{3, 103}, update{4, 104})
				var tries atomic.Int32
				h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
					if u.ID == 2 && (always || tries.Add(1) == 1) {
						// Stands for any failure outside the handler's
						// savepoint: the done mark that follows is refused.
						return tx.DB().Model(&models.InboxUpdate{}).Where("update_id = 2").Update("status", models.InboxFailed).Error
					}
					return nil
				}
				d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Workers: 1, Batch: 4, RetryBackoff: 10 * time.Millisecond})
				stop := runBackground(t, ctx, d.Run)
				d.Poke()
				want := map[int64]string{1: models.InboxDone, 2: models.InboxDone, 3: models.InboxDone, 4: models.InboxDone}
				if always {
					want[2] = models.InboxPending
				}
				deadline := time.Now().Add(10 * time.Second)
				for {
					got := statuses(t, st)
					same := true
					for id, w := range want {
						same = same && got[id].Status == w
					}
					if same {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("statuses %+v, want %v", got, want)
					}
					time.Sleep(20 * time.Millisecond)
				}
				stop()
			})
		})
	}
}

// When the database drops the transaction under a handler (a full disk),
// the update is neither marked failed nor apologised for: nothing more is
// written, it stays pending, and once the database is well it is handled.
func TestDispatcherRetriesALostTransaction(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := testCtx(t)
		store(t, st, update{1, 9})
		c := newCalls()
		var turns atomic.Int32
		h := func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
			defer c.add()
			if err := enqueue(ctx, tx, u, "reply"); err != nil {
				return err
			}
			if turns.Add(1) == 1 {
				if err := tx.DB().Exec("ROLLBACK").Error; err != nil { // what the database does on its own
					return err
				}
				return errors.New("disk I/O error")
			}
			return nil
		}
		d := inbox.NewDispatcher(st, h, inbox.DispatcherConfig{Apology: apology, RetryBackoff: 10 * time.Millisecond})
		stop := runBackground(t, ctx, d.Run)
		d.Poke()
		c.wait(ctx, t, 2)
		stop()
		if rows := statuses(t, st); rows[1].Status != models.InboxDone {
			t.Errorf("update after the lost transaction: %+v", rows[1])
		}
		if got, want := notificationKeys(t, st), []string{"reply:1"}; !slices.Equal(got, want) {
			t.Errorf("outbox %v, want %v: no apology, one reply", got, want)
		}
	})
}
