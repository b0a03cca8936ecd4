package telegramtest_test

import (
	"errors"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

func retryAfter(t *testing.T, err error) int {
	t.Helper()
	var tooMany *tgbot.TooManyRequestsError
	if !errors.As(err, &tooMany) {
		t.Fatalf("error = %v, want TooManyRequestsError", err)
	}
	return tooMany.RetryAfter
}

func TestLimitOneMessagePerSecondPerChat(t *testing.T) {
	clock := newClock()
	srv := newServer(t, telegramtest.Options{EnforceLimits: true, Now: clock.Now})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	send := func() error {
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"})
		return err
	}
	if err := send(); err != nil {
		t.Fatalf("first: %v", err)
	}
	if got := retryAfter(t, send()); got != 1 {
		t.Fatalf("retry_after = %d, want 1", got)
	}
	clock.Advance(900 * time.Millisecond) // within the 100ms tolerance
	if err := send(); err != nil {
		t.Fatalf("after 900ms: %v", err)
	}
	if srv.Count429() != 1 || len(srv.SentTimes(alice.ID)) != 2 {
		t.Fatalf("429s %d, sent %v", srv.Count429(), srv.SentTimes(alice.ID))
	}
}

func TestLimitTwentyPerMinutePerGroup(t *testing.T) {
	clock := newClock()
	srv := newServer(t, telegramtest.Options{EnforceLimits: true, Now: clock.Now})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddGroup(-77, "Team")
	send := func() error {
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: int64(-77), Text: "x"})
		return err
	}
	for i := range 20 {
		if err := send(); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
		clock.Advance(time.Second)
	}
	// The first of the 20 was at t=0; now t=20s, so 40s remain.
	if got := retryAfter(t, send()); got != 40 {
		t.Fatalf("retry_after = %d, want 40", got)
	}
	clock.Advance(40 * time.Second)
	if err := send(); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func TestLimitThirtyPerSecondOverall(t *testing.T) {
	clock := newClock()
	srv := newServer(t, telegramtest.Options{EnforceLimits: true, Now: clock.Now})
	b, ctx := newBot(t, srv), testCtx(t)
	for id := int64(1); id <= 31; id++ {
		srv.AddUser(telegramtest.User{ID: id, FirstName: "U"})
	}
	for id := int64(1); id <= 30; id++ {
		if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: id, Text: "x"}); err != nil {
			t.Fatalf("send to %d: %v", id, err)
		}
	}
	_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: int64(31), Text: "x"})
	if got := retryAfter(t, err); got != 1 {
		t.Fatalf("retry_after = %d, want 1", got)
	}
	if n := len(srv.SentTimes(0)); n != 30 {
		t.Fatalf("sent = %d, want 30", n)
	}
}

func TestNoLimitsByDefault(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	for i := range 5 {
		if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
}
