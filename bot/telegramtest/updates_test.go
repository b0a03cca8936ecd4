package telegramtest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

func TestGetUpdatesOffset(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	srv.SendPrivate(alice, "one")
	srv.SendPrivate(alice, "two")
	srv.SendPrivate(alice, "three")

	if got := updateIDs(getUpdates(ctx, t, srv, nil)); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("first poll = %v", got)
	}
	if got := updateIDs(getUpdates(ctx, t, srv, map[string]any{"offset": 2, "limit": 1})); !slices.Equal(got, []int64{2}) {
		t.Fatalf("offset 2 limit 1 = %v", got)
	}
	if n := srv.PendingUpdates(); n != 2 {
		t.Fatalf("pending after offset 2 = %d, want 2", n)
	}
	// Confirmed updates are gone for good, even for offset 0.
	if got := updateIDs(getUpdates(ctx, t, srv, map[string]any{"offset": 0})); !slices.Equal(got, []int64{2, 3}) {
		t.Fatalf("offset 0 = %v", got)
	}
	if got := getUpdates(ctx, t, srv, map[string]any{"offset": 4}); len(got) != 0 {
		t.Fatalf("offset 4 = %v", updateIDs(got))
	}
	if n := srv.PendingUpdates(); n != 0 {
		t.Fatalf("pending = %d, want 0", n)
	}
	if id, _ := srv.SendPrivate(alice, "four"); id != 4 {
		t.Fatalf("next update id = %d, want 4", id)
	}
}

func TestGetUpdatesBotCommandEntity(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	_, msgID := srv.SendPrivate(alice, "/start abc")
	ups := getUpdates(ctx, t, srv, nil)
	m := ups[0].Message
	if m == nil || m.MessageID != msgID || m.Text != "/start abc" || len(m.Entities) != 1 {
		t.Fatalf("update = %+v", ups[0])
	}
	if e := m.Entities[0]; e.Type != "bot_command" || e.Offset != 0 || e.Length != 6 {
		t.Fatalf("entity = %+v", e)
	}
}

func TestGetUpdatesLongPollWakes(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	done := make(chan []update, 1)
	go func() {
		var ups []update
		r, err := post(ctx, srv, "getUpdates", "application/json", []byte(`{"timeout":10}`))
		if err == nil {
			err = json.Unmarshal(r.Result, &ups)
		}
		if err != nil {
			t.Error(err)
		}
		done <- ups
	}()
	if err := srv.WaitFor(ctx, (*telegramtest.Server).Polling); err != nil {
		t.Fatal(err)
	}
	srv.SendPrivate(alice, "wake up")
	select {
	case ups := <-done:
		if len(ups) != 1 || ups[0].Message.Text != "wake up" {
			t.Fatalf("long poll returned %+v", ups)
		}
	case <-ctx.Done():
		t.Fatal("long poll did not return after an update was queued")
	}
}

func TestGetUpdatesConflict(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	pollCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		req, _ := http.NewRequestWithContext(pollCtx, http.MethodPost,
			srv.URL()+"/bot"+srv.Token()+"/getUpdates?timeout=10", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_ = resp.Body.Close()
		}
	}()
	if err := srv.WaitFor(ctx, (*telegramtest.Server).Polling); err != nil {
		t.Fatal(err)
	}
	r := callJSON(ctx, t, srv, "getUpdates", map[string]any{})
	if r.ErrorCode != http.StatusConflict || r.Description != "Conflict: terminated by other getUpdates request" {
		t.Fatalf("second poll = %+v", r)
	}
	cancel() // the first poll ends early when its client goes away
	<-done
	if err := srv.WaitFor(ctx, func(s *telegramtest.Server) bool { return !s.Polling() }); err != nil {
		t.Fatal(err)
	}
	if r := callJSON(ctx, t, srv, "getUpdates", map[string]any{}); !r.OK {
		t.Fatalf("poll after the first ended = %+v", r)
	}
}

func TestWebhookBlocksGetUpdates(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	got := make(chan *http.Request, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got <- r }))
	defer hook.Close()
	if _, err := b.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: hook.URL, SecretToken: "s3cret"}); err != nil {
		t.Fatalf("set webhook: %v", err)
	}
	r := callJSON(ctx, t, srv, "getUpdates", nil)
	if r.ErrorCode != http.StatusConflict || r.Description != "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" {
		t.Fatalf("getUpdates with webhook = %+v", r)
	}
	srv.SendPrivate(alice, "hi")
	if n, err := srv.DeliverWebhook(ctx); n != 1 || err != nil {
		t.Fatalf("deliver = %d %v", n, err)
	}
	if h := (<-got).Header.Get("X-Telegram-Bot-Api-Secret-Token"); h != "s3cret" {
		t.Fatalf("secret header = %q", h)
	}
	if _, err := b.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
		t.Fatalf("delete webhook: %v", err)
	}
	if r := callJSON(ctx, t, srv, "getUpdates", nil); !r.OK {
		t.Fatalf("getUpdates after deleteWebhook = %+v", r)
	}
}

func TestTapByLabel(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.SendPrivate(alice, "/menu")
	for _, data := range []string{"old", "new"} {
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "Pick",
			ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Yes", CallbackData: "yes:" + data}, {Text: "Site", URL: "https://x.org"}})})
		if err != nil {
			t.Fatalf("send: %v", err)
		}
	}
	getUpdates(ctx, t, srv, map[string]any{"offset": 2}) // confirm /menu

	id, err := srv.Tap(alice.ID, alice, "Yes")
	if err != nil {
		t.Fatalf("tap: %v", err)
	}
	// Decode with the library's own types to prove it understands the update.
	r := callJSON(ctx, t, srv, "getUpdates", map[string]any{"offset": id})
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) != 1 {
		t.Fatalf("updates = %s (%v)", r.Result, err)
	}
	cq := ups[0].CallbackQuery
	if cq == nil || cq.Data != "yes:new" || cq.From.ID != alice.ID || cq.Message.Message == nil || cq.Message.Message.ID != 3 {
		t.Fatalf("callback query = %+v", cq)
	}
	if cq.Message.Message.ReplyMarkup == nil || cq.Message.Message.ReplyMarkup.InlineKeyboard[0][0].CallbackData != "yes:new" {
		t.Fatalf("callback message markup = %+v", cq.Message.Message.ReplyMarkup)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID}); err != nil {
		t.Fatalf("answer: %v", err)
	}
	if _, err := srv.Tap(alice.ID, alice, "Site"); err == nil {
		t.Fatal("tapping a URL button queued a callback")
	}
	if _, err := srv.Tap(alice.ID, alice, "Nope"); err == nil {
		t.Fatal("tapping a missing button queued a callback")
	}
}

func TestTapData(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	_, msgID := srv.SendPrivate(alice, "hi")
	srv.TapData(alice.ID, alice, msgID, "forged:1")
	srv.TapData(alice.ID, alice, 999, "stale")
	r := callJSON(ctx, t, srv, "getUpdates", map[string]any{"offset": 2})
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) != 2 {
		t.Fatalf("updates = %s (%v)", r.Result, err)
	}
	if cq := ups[0].CallbackQuery; cq.Data != "forged:1" || cq.Message.Message == nil || cq.Message.Message.ID != msgID {
		t.Fatalf("forged = %+v", cq)
	}
	if cq := ups[1].CallbackQuery; cq.Data != "stale" || cq.Message.Type != models.MaybeInaccessibleMessageTypeInaccessibleMessage {
		t.Fatalf("stale = %+v", cq)
	}
}

func TestUserMediaAndEdits(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	_, msgID := srv.SendPrivate(alice, "typo")
	srv.SendSticker(alice.ID, alice)
	srv.SendPhoto(alice.ID, alice, "look")
	srv.SendVoice(alice.ID, alice)
	srv.EditText(alice.ID, alice, msgID, "fixed")
	r := callJSON(ctx, t, srv, "getUpdates", nil)
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) != 5 {
		t.Fatalf("updates = %s (%v)", r.Result, err)
	}
	if ups[1].Message.Sticker == nil || len(ups[2].Message.Photo) == 0 || ups[2].Message.Caption != "look" || ups[3].Message.Voice == nil {
		t.Fatalf("media updates = %s", r.Result)
	}
	if e := ups[4].EditedMessage; e == nil || e.Text != "fixed" || e.EditDate == 0 {
		t.Fatalf("edited = %+v", e)
	}
	tr := srv.Transcript(alice.ID)
	if len(tr) != 4 || tr[0].Text != "fixed" || !tr[0].Edited || tr[1].Method != "sticker" {
		t.Fatalf("transcript = %+v", tr)
	}
}

func TestQueueRaw(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	id := srv.QueueRaw(map[string]any{"my_chat_member": map[string]any{"date": 1}})
	ups := getUpdates(ctx, t, srv, nil)
	if id != 1 || len(ups) != 1 || ups[0].UpdateID != 1 {
		t.Fatalf("raw = %d %+v", id, ups)
	}
}

func TestCloseEndsLongPoll(t *testing.T) {
	srv := telegramtest.New(telegramtest.Options{})
	ctx := testCtx(t)
	done := make(chan error, 1)
	go func() {
		_, err := post(ctx, srv, "getUpdates", "application/json", []byte(`{"timeout":50}`))
		done <- err
	}()
	if err := srv.WaitFor(ctx, (*telegramtest.Server).Polling); err != nil {
		t.Fatal(err)
	}
	srv.Close() // must not wait out the 50s poll
	if err := <-done; err != nil {
		t.Fatalf("poll ended with %v, want an empty result", err)
	}
	srv.Close() // idempotent
}
