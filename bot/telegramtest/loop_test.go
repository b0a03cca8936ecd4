package telegramtest_test

import (
	"context"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

// TestLibraryPollingLoop runs the real library's getUpdates loop against the
// fake, as the bot under test will: user text → reply with a button → tap →
// answered callback and an edit.
func TestLibraryPollingLoop(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	handler := func(ctx context.Context, b *tgbot.Bot, u *models.Update) {
		switch {
		case u.Message != nil:
			_, _ = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "echo: " + u.Message.Text,
				ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Again", CallbackData: "again"}})})
		case u.CallbackQuery != nil:
			m := u.CallbackQuery.Message.Message
			_, _ = b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: u.CallbackQuery.ID, Text: "ok"})
			_, _ = b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: m.Chat.ID, MessageID: m.ID, Text: "tapped " + u.CallbackQuery.Data})
		}
	}
	b, err := tgbot.New(srv.Token(), tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe(), tgbot.WithDefaultHandler(handler))
	if err != nil {
		t.Fatalf("new bot: %v", err)
	}
	ctx, cancel := context.WithCancel(testCtx(t))
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.Start(ctx)
	}()
	defer func() { cancel(); <-done }()

	srv.SendPrivate(alice, "hi")
	msgs, err := srv.WaitBotMessages(ctx, alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].Text != "echo: hi" {
		t.Fatalf("reply = %+v", msgs[0])
	}
	if _, err := srv.Tap(alice.ID, alice, "Again"); err != nil {
		t.Fatal(err)
	}
	err = srv.WaitFor(ctx, func(s *telegramtest.Server) bool {
		m := s.BotMessages(alice.ID)
		return len(s.CallbackAnswers()) == 1 && m[0].Edited
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.BotMessages(alice.ID)[0]; got.Text != "tapped again" || got.Buttons != nil {
		t.Fatalf("edited = %+v", got)
	}
}
