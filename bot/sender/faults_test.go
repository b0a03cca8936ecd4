package sender_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
)

func TestTooManyRequestsPausesAllSending(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		// The fake logs each refusal as it answers: note when the 429 went out.
		var mu sync.Mutex
		var at429 time.Time
		opts := limits()
		opts.Logf = func(format string, args ...any) {
			if strings.Contains(format, "→ %d") && len(args) > 1 && args[1] == 429 {
				mu.Lock()
				at429 = time.Now()
				mu.Unlock()
			}
		}
		e := newEnv(t, st, opts)
		e.users(1, 2, 3, 4, 5)
		e.srv.Inject(telegramtest.Fault{Method: "sendMessage", Status: 429, RetryAfter: 1, Count: 1})
		var ids []int64
		for i := int64(1); i <= 5; i++ {
			ids = append(ids, e.text(i, "m"+string(rune('0'+i))))
		}
		r := e.start(e.config())
		err := e.srv.WaitFor(waitCtx(t), func(s *telegramtest.Server) bool { return len(s.AllBotMessages()) >= 5 })
		if err != nil {
			t.Fatal(err)
		}
		r.stop()

		mu.Lock()
		pauseEnd := at429.Add(time.Second)
		mu.Unlock()
		if at429.IsZero() {
			t.Fatal("no 429 seen")
		}
		for _, ts := range e.srv.SentTimes(0) {
			if ts.Before(pauseEnd) {
				t.Errorf("a message was accepted %v after the 429, inside retry_after=1s", ts.Sub(pauseEnd.Add(-time.Second)))
			}
		}
		if n := e.srv.Count429(); n != 1 {
			t.Errorf("Count429 = %d, want 1", n)
		}
		if got := e.met.TooManyRequests.Value(""); got != 1 {
			t.Errorf("429 metric = %d", got)
		}
		if got, sent := e.met.Sends.Value("rate_limited"), e.met.Sends.Value("sent"); got != 1 || sent != 5 {
			t.Errorf("sends: rate_limited %d, sent %d", got, sent)
		}
		for _, id := range ids {
			if n := e.row(id); n.Status != models.OutboxSent || n.Attempts != 1 {
				t.Errorf("row %d = %+v; a 429 is not an attempt", id, n)
			}
		}
	})
}

func TestServerErrorsAreRetriedWithBackoff(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1)
		e.srv.Inject(telegramtest.Fault{Method: "sendMessage", Status: 502, Count: 3})
		id := e.text(1, "x")
		cfg := e.config()
		cfg.BaseBackoff = 20 * time.Millisecond
		r := e.start(cfg)
		e.waitMessages(1, 1)
		r.stop()

		if n := len(e.srv.BotMessages(1)); n != 1 {
			t.Errorf("delivered %d times", n)
		}
		if n := e.row(id); n.Status != models.OutboxSent || n.Attempts != 4 || n.LastError != "" {
			t.Errorf("row = %+v; want sent after 4 attempts", n)
		}
		if got, sent := e.met.Sends.Value("retry"), e.met.Sends.Value("sent"); got != 3 || sent != 1 {
			t.Errorf("sends: retry %d, sent %d", got, sent)
		}
		if got := e.srv.Requests("sendMessage"); got != 4 {
			t.Errorf("%d requests", got)
		}
	})
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1)
		e.srv.Inject(telegramtest.Fault{Method: "sendMessage", Status: 502})
		id := e.text(1, "x")
		cfg := e.config()
		cfg.BaseBackoff, cfg.MaxAttempts = 10*time.Millisecond, 3
		r := e.start(cfg)
		e.waitRequests(3)
		r.stop()

		n := e.row(id)
		if n.Status != models.OutboxFailed || n.Attempts != 3 ||
			!strings.Contains(n.LastError, "gave up after 3 attempts") || !strings.Contains(n.LastError, "502") {
			t.Errorf("row = %+v", n)
		}
		if got := e.srv.Requests("sendMessage"); got != 3 {
			t.Errorf("%d requests", got)
		}
	})
}

func TestRetryKeepsChatOrder(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, telegramtest.Options{})
		e.users(1)
		e.srv.Inject(telegramtest.Fault{Method: "sendMessage", ChatID: 1, Status: 502, Count: 1})
		a1 := e.text(1, "a1")
		e.text(1, "a2")
		cfg := e.config()
		cfg.PerChat, cfg.BaseBackoff = 50*time.Millisecond, time.Second
		r := e.start(cfg)
		e.waitRequests(1)
		// a1 failed and waits a second; a3 arrives meanwhile and must not
		// overtake it (nor a2, which went back with it).
		e.text(1, "a3")
		r.Poke()
		got := e.waitMessages(1, 3)
		r.stop()

		if strings.Join(texts(got), ",") != "a1,a2,a3" {
			t.Fatalf("order %v", texts(got))
		}
		if n := e.row(a1); n.Attempts != 2 || n.Status != models.OutboxSent {
			t.Errorf("a1 = %+v", n)
		}
	})
}

func TestBlockedUserIsUnreachable(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1, 2)
		e.srv.BlockUser(1)
		a1, a2 := e.text(1, "a1"), e.text(1, "a2")
		b1 := e.text(2, "b1")
		r := e.start(e.config())
		e.waitMessages(2, 1)
		r.stop()

		if n := e.row(a1); n.Status != models.OutboxFailed || !strings.Contains(n.LastError, "bot was blocked by the user") {
			t.Errorf("a1 = %+v", n)
		}
		if n := e.row(a2); n.Status != models.OutboxFailed || !strings.HasPrefix(n.LastError, "unreachable: ") {
			t.Errorf("a2 = %+v; later rows to the chat must not be sent", n)
		}
		if n := e.row(b1); n.Status != models.OutboxSent {
			t.Errorf("b1 = %+v", n)
		}
		c, err := st.GetChat(context.Background(), 1)
		if err != nil || !c.Unreachable || c.UnreachableReason != "Forbidden: bot was blocked by the user" {
			t.Errorf("chat = %+v, %v", c, err)
		}
		if got := e.srv.Requests("sendMessage"); got != 2 {
			t.Errorf("%d sendMessage requests, want a1 and b1 only", got)
		}
		if got := e.met.Sends.Value("unreachable"); got != 1 {
			t.Errorf("unreachable metric = %d", got)
		}
	})
}

func TestMigratedGroupGetsMessageAtNewID(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		const oldID, newID = -5, -1000000000005
		e := newEnv(t, st, limits())
		e.srv.AddGroup(oldID, "科室")
		e.srv.MigrateGroup(oldID, newID)
		g1, g2 := e.text(oldID, "g1"), e.text(oldID, "g2")
		r := e.start(e.config())
		got := e.waitMessages(newID, 2)
		r.stop()

		if strings.Join(texts(got), ",") != "g1,g2" {
			t.Fatalf("new chat got %v", texts(got))
		}
		for _, id := range []int64{g1, g2} {
			if n := e.row(id); n.ChatID != newID || n.Status != models.OutboxSent {
				t.Errorf("row %d = %+v", id, n)
			}
		}
		c, err := st.GetChat(context.Background(), oldID)
		if err != nil || c.MigratedTo != newID {
			t.Errorf("old chat = %+v, %v", c, err)
		}
		if got := e.met.Sends.Value("migrated"); got != 1 {
			t.Errorf("migrated metric = %d", got)
		}
	})
}

func TestBadRequestFailsForGood(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1, 2, 3)
		tooLong := telegram.Message{Text: textMark + "x", Buttons: [][]telegram.Button{{{Text: "x", Data: strings.Repeat("d", 65)}}}}
		data := e.enqueue(1, "data", tooLong)
		e.srv.Inject(telegramtest.Fault{Method: "sendMessage", ChatID: 2, Status: 400, Description: "Bad Request: chat not found", Count: 1})
		missing := e.text(2, "missing")
		e.text(3, "after")
		r := e.start(e.config())
		e.waitMessages(3, 1)
		r.stop()

		for id, want := range map[int64]string{data: "BUTTON_DATA_INVALID", missing: "Bad Request: chat not found"} {
			if n := e.row(id); n.Status != models.OutboxFailed || !strings.Contains(n.LastError, want) || n.Attempts != 1 {
				t.Errorf("row %d = %+v; want failed with %q", id, n, want)
			}
		}
		if got := e.srv.Requests("sendMessage"); got != 3 {
			t.Errorf("%d sendMessage requests; a bad request must not be retried", got)
		}
	})
}

func TestStopDuringPauseReleasesRows(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1, 2)
		e.srv.Inject(telegramtest.Fault{Method: "sendMessage", Status: 429, RetryAfter: 30, Count: 1})
		ids := []int64{e.text(1, "a"), e.text(2, "b")}
		r := e.start(e.config())
		if err := e.srv.WaitFor(waitCtx(t), func(s *telegramtest.Server) bool { return s.Count429() == 1 }); err != nil {
			t.Fatal(err)
		}
		if took := r.stop(); took > 500*time.Millisecond {
			t.Errorf("Run took %v to return", took)
		}
		for _, id := range ids {
			if n := e.row(id); n.Status != models.OutboxPending || n.LeaseUntil != nil {
				t.Errorf("row %d = %+v", id, n)
			}
		}
		if got := e.srv.Requests("sendMessage"); got != 1 {
			t.Errorf("%d requests during the pause", got)
		}
	})
}
