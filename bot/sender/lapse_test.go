package sender_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// staleKind is a notification kind whose re-check the test decides.
const staleKind = "stale"

// recheck is a Config.Render that answers staleKind rows with verdicts
// in turn (the last one repeats) and renders texts as usual.
type recheck struct {
	mu       sync.Mutex
	verdicts []error
	calls    int
	lastCall int           // when not 0, last is closed at this call
	last     chan struct{} // see lastCall
}

func (r *recheck) render(_ context.Context, st *models.Store, n models.Notification) ([]telegram.Message, error) {
	if n.Kind != staleKind {
		return sender.Render(n)
	}
	if st == nil {
		return nil, errors.New("no store to re-check against")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	err := r.verdicts[min(r.calls, len(r.verdicts)-1)]
	r.calls++
	if r.calls == r.lastCall {
		close(r.last)
	}
	if err != nil {
		return nil, err
	}
	return []telegram.Message{{Text: textMark + "fresh"}}, nil
}

func (r *recheck) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

// A row whose reason is gone is recorded as lapsed, with the reason, and
// neither sent nor tried again; the chat's later rows go out as usual.
func TestLapsedRowIsRecordedNotSent(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1)
		rc := &recheck{verdicts: []error{fmt.Errorf("re-check: %w: the report is submitted", models.ErrLapsed)}}
		stale := e.enqueueRaw(1, "stale", staleKind, `{}`)
		e.text(1, "after")
		cfg := e.config()
		cfg.Render = rc.render
		r := e.start(cfg)
		got := e.waitMessages(1, 1)
		r.stop()

		if len(got) != 1 || texts(got)[0] != "after" || e.srv.Requests("sendMessage") != 1 {
			t.Fatalf("sent %v", texts(got))
		}
		n := e.row(stale)
		if n.Status != models.OutboxLapsed || n.LastError != "re-check: lapsed: the report is submitted" || n.LeaseUntil != nil || n.SentAt != nil {
			t.Errorf("lapsed row = %+v", n)
		}
		if rc.count() != 1 || e.met.Sends.Value("lapsed") != 1 || e.met.Sends.Value("failed") != 0 {
			t.Errorf("re-checked %d times; lapsed metric %d", rc.count(), e.met.Sends.Value("lapsed"))
		}
		if claimed, err := st.ClaimNotifications(context.Background(), 10, time.Minute); err != nil || len(claimed) != 0 {
			t.Errorf("a lapsed row can be claimed again: %+v %v", claimed, err)
		}
	})
}

// A re-check the database could not answer is tried again after a
// backoff, counted as an attempt, and the row is sent once it succeeds;
// the chat's newer row waits behind it.
func TestFailedRecheckIsRetried(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1)
		rc := &recheck{verdicts: []error{errors.New("database is locked"), nil}}
		row := e.enqueueRaw(1, "stale", staleKind, `{}`)
		e.text(1, "after")
		cfg := e.config()
		cfg.Render, cfg.BaseBackoff = rc.render, 50*time.Millisecond
		r := e.start(cfg)
		got := e.waitMessages(1, 2)
		r.stop()

		if want := []string{"fresh", "after"}; fmt.Sprint(texts(got)) != fmt.Sprint(want) {
			t.Fatalf("chat got %v, want %v", texts(got), want)
		}
		if n := e.row(row); n.Status != models.OutboxSent || n.Attempts != 2 || rc.count() != 2 {
			t.Errorf("row = %+v after %d re-checks", n, rc.count())
		}
		if e.met.Sends.Value("retry") != 1 {
			t.Errorf("retry metric = %d", e.met.Sends.Value("retry"))
		}
	})
}

// A re-check that keeps failing gives up after MaxAttempts, like a send.
func TestRecheckGivesUp(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1, 2)
		rc := &recheck{verdicts: []error{errors.New("database is locked")}, last: make(chan struct{}), lastCall: 3}
		row := e.enqueueRaw(1, "stale", staleKind, `{}`)
		cfg := e.config()
		cfg.Render, cfg.BaseBackoff, cfg.MaxAttempts, cfg.Logger = rc.render, time.Millisecond, 3, quietLogger()
		r := e.start(cfg)
		select {
		case <-rc.last:
		case <-waitCtx(t).Done():
			t.Fatal("the row was not re-checked three times")
		}
		// The sender works one row at a time: once a row written now has
		// gone out, the third failure has been recorded.
		e.text(2, "signal")
		r.Poke()
		e.waitMessages(2, 1)
		r.stop()

		if n := e.row(row); n.Status != models.OutboxFailed || n.Attempts != 3 || rc.count() != 3 {
			t.Errorf("row = %+v after %d re-checks", n, rc.count())
		}
		if got := e.srv.Requests("sendMessage"); got != 1 {
			t.Errorf("%d sendMessage requests", got)
		}
	})
}
