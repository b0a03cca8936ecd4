package telegramtest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

func TestFault429(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	srv.Inject(telegramtest.Fault{Method: "sendMessage", Status: 429, RetryAfter: 7, Count: 1})

	_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	var tooMany *tgbot.TooManyRequestsError
	if !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 {
		t.Fatalf("error = %v, want TooManyRequestsError retry 7", err)
	}
	wantErrText(t, err, "Too Many Requests: retry after 7")
	if len(srv.BotMessages(alice.ID)) != 0 || srv.Count429() != 1 {
		t.Fatalf("faulted send was performed or not counted: %d messages, %d 429s", len(srv.BotMessages(alice.ID)), srv.Count429())
	}
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Fatalf("after fault used up: %v", err)
	}
}

func TestFaultCountAndMatching(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	srv.AddUser(bob)
	srv.Inject(telegramtest.Fault{Method: "SENDMESSAGE", ChatID: alice.ID, Status: 502, Count: 2})
	send := func(chatID int64) error {
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chatID, Text: "x"})
		return err
	}
	if err := send(bob.ID); err != nil {
		t.Fatalf("other chat: %v", err)
	}
	wantErrText(t, send(alice.ID), "502 Bad Gateway")
	wantErrText(t, send(alice.ID), "502 Bad Gateway")
	if err := send(alice.ID); err != nil {
		t.Fatalf("third: %v", err)
	}
	if srv.Requests("sendMessage") != 4 || len(srv.BotMessages(alice.ID)) != 1 {
		t.Fatalf("requests %d, alice messages %d", srv.Requests("sendMessage"), len(srv.BotMessages(alice.ID)))
	}

	srv.Inject(telegramtest.Fault{Status: 500}) // any method, until cleared
	wantErrText(t, send(bob.ID), "Internal Server Error")
	wantErrText(t, send(bob.ID), "Internal Server Error")
	srv.ClearFaults()
	if err := send(bob.ID); err != nil {
		t.Fatalf("after clear: %v", err)
	}
}

func TestBlockedUser(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	srv.BlockUser(alice.ID)
	_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	if !errors.Is(err, tgbot.ErrorForbidden) {
		t.Fatalf("error = %v, want ErrorForbidden", err)
	}
	wantErrText(t, err, "Forbidden: bot was blocked by the user")
	srv.SendPrivate(alice, "/start") // writing again means she unblocked the bot
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Fatalf("after unblock: %v", err)
	}
}

func TestMigratedGroup(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	const oldID, newID = int64(-4001), int64(-1004001)
	srv.AddGroup(oldID, "Team")
	srv.MigrateGroup(oldID, newID)
	_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: oldID, Text: "x"})
	var mig *tgbot.MigrateError
	if !errors.As(err, &mig) || int64(mig.MigrateToChatID) != newID {
		t.Fatalf("error = %v, want MigrateError to %d", err, newID)
	}
	wantErrText(t, err, "group chat was upgraded to a supergroup chat")
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: newID, Text: "x"}); err != nil {
		t.Fatalf("new id: %v", err)
	}

	srv.Inject(telegramtest.Fault{Method: "sendMessage", Status: 400, MigrateTo: -100777, Count: 1})
	_, err = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: newID, Text: "x"})
	if !errors.As(err, &mig) || mig.MigrateToChatID != -100777 {
		t.Fatalf("injected migrate = %v", err)
	}
}

func TestFaultDelayRespectsContext(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	srv.Inject(telegramtest.Fault{Method: "sendMessage", Delay: time.Hour, Count: 1})

	sendCtx, cancel := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() {
		_, err := b.SendMessage(sendCtx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "slow"})
		errc <- err
	}()
	// The fault is used up once the handler has taken it and started waiting.
	err := srv.WaitFor(ctx, func(s *telegramtest.Server) bool { return len(s.ActiveFaults()) == 0 })
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	// Nothing was sent; the next request (fault used up) goes through.
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "fast"}); err != nil {
		t.Fatalf("after delay fault: %v", err)
	}
	if got := srv.BotMessages(alice.ID); len(got) != 1 || got[0].Text != "fast" {
		t.Fatalf("bot messages = %+v", got)
	}
}

func TestFaultDelayThenPerform(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	srv.Inject(telegramtest.Fault{Delay: time.Millisecond, Count: 1})
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "late"}); err != nil {
		t.Fatalf("delayed send: %v", err)
	}
	if _, err := srv.WaitBotMessages(ctx, alice.ID, 1); err != nil {
		t.Fatal(err)
	}
}
