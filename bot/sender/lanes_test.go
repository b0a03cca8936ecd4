package sender

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// simEnv runs a Sender round by round on a fake clock, against the fake
// Bot API on the same clock enforcing Telegram's limits: Run's loop, with
// each wait replaced by moving the clock to the wake time. Sends happen at
// the default 25 msg/s of fake time.
type simEnv struct {
	t     *testing.T
	st    *models.Store
	clock *modelstest.Clock
	srv   *telegramtest.Server
	s     *Sender
	ctx   context.Context
}

func newSimEnv(t *testing.T) *simEnv {
	clock := modelstest.NewClock(modelstest.Start)
	st := modelstest.SQLite(t, clock.Now)
	srv := telegramtest.New(telegramtest.Options{EnforceLimits: true, Now: clock.Now})
	t.Cleanup(srv.Close)
	tg, err := telegram.New(srv.Token(), srv.URL(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s := New(st, tg, Config{Now: clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return &simEnv{t: t, st: st, clock: clock, srv: srv, s: s, ctx: context.Background()}
}

// bulk writes one reminder for each chat the way jobs do, and returns the
// chats' ids.
func (e *simEnv) bulk(from, to int64) {
	e.t.Helper()
	var ns []models.Notification
	for c := from; c <= to; c++ {
		e.srv.AddUser(telegramtest.User{ID: c, FirstName: "U"})
		ns = append(ns, e.note(c, fmt.Sprintf("bulk-%d", c), telegram.Message{Text: fmt.Sprintf("bulk-%d", c)}, models.LaneBulk))
	}
	if _, err := e.st.EnqueueMany(e.ctx, ns); err != nil {
		e.t.Fatal(err)
	}
}

func (e *simEnv) note(chat int64, key string, m telegram.Message, lane int) models.Notification {
	payload, err := json.Marshal(m)
	if err != nil {
		e.t.Fatal(err)
	}
	return models.Notification{ChatID: chat, Kind: KindText, Payload: string(payload), DedupKey: key, Lane: lane}
}

// reply writes what the bot answers a person, then pokes the sender, as
// the dispatcher does once the handler committed.
func (e *simEnv) reply(chat int64, texts ...string) {
	e.t.Helper()
	e.srv.AddUser(telegramtest.User{ID: chat, FirstName: "U"})
	for _, text := range texts {
		n := e.note(chat, text, telegram.Message{Text: text}, models.LaneReply)
		if _, err := e.st.Enqueue(e.ctx, &n); err != nil {
			e.t.Fatal(err)
		}
	}
	e.s.Poke()
}

// runUntil runs rounds until done holds, failing after too many.
func (e *simEnv) runUntil(what string, done func() bool) {
	e.t.Helper()
	e.s.more = true
	for range 100_000 {
		if done() {
			return
		}
		if wake, idle := e.s.step(e.ctx); idle {
			e.s.flushSent(e.ctx)
			e.clock.Set(wake)
		}
	}
	e.t.Fatalf("never: %s", what)
}

func (e *simEnv) sent() []telegramtest.Message { return e.srv.AllBotMessages() }

func (e *simEnv) chatTexts(chat int64) string {
	var out []string
	for _, m := range e.srv.BotMessages(chat) {
		out = append(out, m.Text[:min(len(m.Text), 12)])
	}
	return strings.Join(out, " ")
}

// checkLimits fails the test if the fake refused anything or if more than
// 25 sends fell in any second (fake time, so exact).
func (e *simEnv) checkLimits() {
	e.t.Helper()
	if n := e.srv.Count429(); n != 0 {
		e.t.Errorf("%d answers 429", n)
	}
	times := e.srv.SentTimes(0)
	for i := 25; i < len(times); i++ {
		if times[i].Sub(times[i-25]) < time.Second {
			e.t.Fatalf("26 sends within %v", times[i].Sub(times[i-25]))
		}
	}
}

func TestReplyGoesAheadOfAFullPoolOfBulk(t *testing.T) {
	e := newSimEnv(t)
	e.bulk(1, 500)
	e.runUntil("20 reminders sent", func() bool { return len(e.sent()) >= 20 })
	if len(e.s.pool) < e.s.cfg.Batch/2 {
		t.Fatalf("pool holds %d rows; the test needs it full of bulk", len(e.s.pool))
	}
	// Chat 50's reminder waits in the pool, chat 400's in the outbox: each
	// person just did something and is owed an answer. Chat 900 gets two
	// messages, which must stay in order.
	before, at := len(e.sent()), e.clock.Now()
	e.reply(400, "reply-400")
	e.reply(50, "reply-50")
	e.reply(900, "reply-900a", "reply-900b")
	e.runUntil("replies sent", func() bool { return len(e.srv.BotMessages(900)) == 2 })

	got := e.sent()[before:]
	var first []string
	for _, m := range got[:3] {
		first = append(first, m.Text)
	}
	if strings.Join(first, " ") != "reply-400 reply-50 reply-900a" {
		t.Fatalf("the three sends after the replies were written: %v", first)
	}
	// The next send slot or two (1/25 s each), not after the pool's 4 s
	// or the backlog's 20 s.
	if wait := e.srv.SentTimes(400)[0].Sub(at); wait > 80*time.Millisecond {
		t.Errorf("first reply went out %v after it was written", wait)
	}
	if wait := e.srv.SentTimes(900)[0].Sub(at); wait > 160*time.Millisecond {
		t.Errorf("third reply went out %v after it was written", wait)
	}
	e.runUntil("the backlog drained", func() bool { return len(e.sent()) == 504 })
	for chat, want := range map[int64]string{50: "reply-50 bulk-50", 400: "reply-400 bulk-400", 900: "reply-900a reply-900b"} {
		if got := e.chatTexts(chat); got != want {
			t.Errorf("chat %d got %q, want %q", chat, got, want)
		}
	}
	if ts := e.srv.SentTimes(50); ts[1].Sub(ts[0]) < time.Second {
		t.Errorf("chat 50's reminder %v after the reply", ts[1].Sub(ts[0]))
	}
	e.checkLimits()
}

func TestReplyWaitsForTheRestOfABegunText(t *testing.T) {
	e := newSimEnv(t)
	e.bulk(1, 8)
	// A second reminder for chat 1 waits out chat 1's gap at the front of
	// the pool while chat 9's long text begins behind it.
	second := e.note(1, "bulk-1b", telegram.Message{Text: "bulk-1b"}, models.LaneBulk)
	long := e.note(9, "long", telegram.Message{Text: strings.Repeat("长", telegram.MaxText+1)}, models.LaneBulk)
	for _, n := range []*models.Notification{&second, &long} {
		if _, err := e.st.Enqueue(e.ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	e.srv.AddUser(telegramtest.User{ID: 9, FirstName: "U"})
	e.bulk(10, 40)
	e.runUntil("the long text's first part sent", func() bool { return len(e.srv.BotMessages(9)) == 1 })
	if len(e.srv.BotMessages(1)) != 1 {
		t.Fatal("chat 1's second reminder went before the long text began; the test needs it waiting ahead")
	}
	e.reply(9, "reply-9")
	e.runUntil("chat 9 served", func() bool { return len(e.srv.BotMessages(9)) == 3 })

	if got, want := e.chatTexts(9), "长长长长 长 reply-9"; got != want {
		t.Errorf("chat 9 got %q, want %q: the reply must not land between the parts", got, want)
	}
	e.s.flushSent(e.ctx)
	row, err := e.st.GetNotification(e.ctx, long.ID)
	if err != nil || row.Lane != models.LaneReply || row.PartsSent != 2 {
		t.Errorf("long text: lane %d, %d parts sent, %v; want the reply lane, 2 parts", row.Lane, row.PartsSent, err)
	}
	e.checkLimits()
}

func TestRowSentBackKeepsItsPlaceAheadOfBulk(t *testing.T) {
	e := newSimEnv(t)
	e.bulk(1, 300)
	// Telegram fails chat 5's reminder ambiguously: it is retried a
	// second later, and a reply to chat 5 written meanwhile waits for it.
	e.srv.Inject(telegramtest.Fault{Method: "sendMessage", ChatID: 5, Status: 502, Count: 1})
	e.runUntil("chat 5's reminder failed", func() bool { return e.srv.Requests("sendMessage") >= 5 })
	e.reply(5, "reply-5")
	e.runUntil("chat 5 served", func() bool { return len(e.srv.BotMessages(5)) == 2 })

	if got, want := e.chatTexts(5), "bulk-5 reply-5"; got != want {
		t.Errorf("chat 5 got %q, want %q", got, want)
	}
	// The retry comes back after its backoff (1–1.1 s) and the reply a
	// second after it, not after the 295 reminders that were queued
	// behind the retried one (12 s at 25/s).
	if n := len(e.sent()); n > 3*25 {
		t.Errorf("%d messages sent before chat 5 was served", n)
	}
	e.checkLimits()
}
