package telegramtest_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

func TestDeleteMessage(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	msg, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "bye"})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if _, err := b.DeleteMessage(ctx, &tgbot.DeleteMessageParams{ChatID: alice.ID, MessageID: msg.ID}); err != nil {
		t.Fatalf("delete: %v", err)
	}
	_, err = b.DeleteMessage(ctx, &tgbot.DeleteMessageParams{ChatID: alice.ID, MessageID: msg.ID})
	wantErrText(t, err, "Bad Request: message to delete not found")
	if got := srv.Transcript(alice.ID); len(got) != 1 || !got[0].Deleted {
		t.Fatalf("transcript = %+v", got)
	}
}

func TestSendDocument(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	msg, err := b.SendDocument(ctx, &tgbot.SendDocumentParams{
		ChatID:   alice.ID,
		Document: &models.InputFileUpload{Filename: "report.csv", Data: strings.NewReader("a,b\n1,2\n")},
		Caption:  "<i>Report</i>", ParseMode: models.ParseModeHTML,
	})
	if err != nil {
		t.Fatalf("send document: %v", err)
	}
	if msg.Document == nil || msg.Document.FileName != "report.csv" || msg.Caption != "Report" {
		t.Fatalf("result = %+v", msg)
	}
	got := srv.BotMessages(alice.ID)[0]
	if got.Document.Name != "report.csv" || string(got.Document.Data) != "a,b\n1,2\n" || got.Document.Caption != "<i>Report</i>" {
		t.Fatalf("document = %+v", got.Document)
	}
	// Re-sending by file_id reuses the stored bytes.
	if _, err := b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: msg.Document.FileID}}); err != nil {
		t.Fatalf("by file_id: %v", err)
	}
	_, err = b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID, Caption: strings.Repeat("c", 1025),
		Document: &models.InputFileUpload{Filename: "x.txt", Data: strings.NewReader("x")}})
	wantErrText(t, err, "message caption is too long")
	if d := srv.BotMessages(alice.ID)[1].Document; string(d.Data) != "a,b\n1,2\n" {
		t.Fatalf("by file_id data = %q", d.Data)
	}
}

func TestAnswerCallbackQueryOnce(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	srv.TapData(alice.ID, alice, 1, "forged")
	id := srv.LastQueryID()
	ok, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id, Text: "Done", ShowAlert: true})
	if err != nil || !ok {
		t.Fatalf("answer: %v %v", ok, err)
	}
	_, err = b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id})
	wantErrText(t, err, "Bad Request: query is too old and response timeout expired or query ID is invalid")
	_, err = b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: "nope"})
	wantErrText(t, err, "query is too old")
	want := []telegramtest.CallbackAnswer{{QueryID: id, Text: "Done", ShowAlert: true}}
	if got := srv.CallbackAnswers(); len(got) != 1 || got[0] != want[0] {
		t.Fatalf("answers = %+v", got)
	}
}

func TestSetMyCommands(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	srv.AddGroup(-100, "group")
	b, ctx := newBot(t, srv), testCtx(t)
	cmds := []models.BotCommand{{Command: "start", Description: "Start"}, {Command: "help", Description: "Help"}}
	if _, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds}); err != nil {
		t.Fatalf("default: %v", err)
	}
	if _, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds[:1],
		Scope: &models.BotCommandScopeChat{ChatID: int64(-100)}, LanguageCode: "ru"}); err != nil {
		t.Fatalf("scoped: %v", err)
	}
	_, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "Bad-Cmd", Description: "x"}}})
	wantErrText(t, err, "BOT_COMMAND_INVALID")
	got := srv.Commands()
	if len(got) != 2 || len(got["default"]) != 2 || got["chat:-100/ru"][0] != (telegramtest.Command{Command: "start", Description: "Start"}) {
		t.Fatalf("commands = %+v", got)
	}
	list, err := b.GetMyCommands(ctx, &tgbot.GetMyCommandsParams{})
	if err != nil || len(list) != 2 {
		t.Fatalf("get: %v %v", list, err)
	}
}

func TestUnknownMethodAndWrongToken(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	r := callJSON(ctx, t, srv, "sendTelepathy", map[string]any{})
	if r.ErrorCode != 404 || r.Description != "Not Found" {
		t.Fatalf("unknown method = %+v", r)
	}
	if srv.Requests("SENDTELEPATHY") != 1 {
		t.Fatalf("requests = %d", srv.Requests("sendTelepathy"))
	}
	bad, err := tgbot.New("999:WRONG", tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatalf("new bot: %v", err)
	}
	_, err = bad.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	if !errors.Is(err, tgbot.ErrorUnauthorized) {
		t.Fatalf("wrong token: %v", err)
	}
	wantErrText(t, err, "Unauthorized")
}

func TestJSONAndFormBodies(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	ctx := testCtx(t)
	srv.AddUser(alice)
	r := callJSON(ctx, t, srv, "sendMessage", map[string]any{
		"chat_id": alice.ID, "text": "json",
		"reply_markup": map[string]any{"inline_keyboard": [][]map[string]any{{{"text": "A", "callback_data": "a"}}}},
	})
	if !r.OK {
		t.Fatalf("json: %+v", r)
	}
	r = callForm(ctx, t, srv, "SENDMESSAGE", url.Values{
		"chat_id": {"42"}, "text": {"<b>form</b>"}, "parse_mode": {"HTML"},
		"reply_markup": {`{"inline_keyboard":[[{"text":"B","callback_data":"b"}]]}`},
	})
	if !r.OK {
		t.Fatalf("form: %+v", r)
	}
	r = call(ctx, t, srv, "sendMessage?chat_id=42&text=query", "", nil)
	if !r.OK {
		t.Fatalf("query string: %+v", r)
	}
	got := srv.BotMessages(alice.ID)
	if len(got) != 3 || got[0].Buttons[0][0].Data != "a" || got[1].Plain != "form" || got[1].Buttons[0][0].Data != "b" || got[2].Text != "query" {
		t.Fatalf("bot messages = %+v", got)
	}
	if srv.Requests("sendMessage") != 3 {
		t.Fatalf("requests = %d", srv.Requests("sendMessage"))
	}
}

// Scopes and language codes are checked as Telegram checks them, and a
// private chat shows the most specific menu set for it.
func TestCommandScopesStrict(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	srv.AddUser(telegramtest.User{ID: 42, FirstName: "A"})
	b, ctx := newBot(t, srv), testCtx(t)
	cmd := func(name string) []models.BotCommand { return []models.BotCommand{{Command: name, Description: name}} }
	for _, bad := range []struct {
		p    tgbot.SetMyCommandsParams
		want string
	}{
		{tgbot.SetMyCommandsParams{Commands: cmd("a"), LanguageCode: "zh-hans"}, "invalid language code specified"},
		{tgbot.SetMyCommandsParams{Commands: cmd("a"), LanguageCode: "EN"}, "invalid language code specified"},
		{tgbot.SetMyCommandsParams{Commands: cmd("a"), Scope: &models.BotCommandScopeChat{ChatID: 777}}, "chat not found"},
	} {
		_, err := b.SetMyCommands(ctx, &bad.p)
		wantErrText(t, err, bad.want)
	}
	_, err := b.DeleteMyCommands(ctx, &tgbot.DeleteMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: 777}})
	wantErrText(t, err, "chat not found")
	set := func(p tgbot.SetMyCommandsParams) {
		t.Helper()
		if _, err := b.SetMyCommands(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	set(tgbot.SetMyCommandsParams{Commands: cmd("start")})
	set(tgbot.SetMyCommandsParams{Commands: cmd("zh"), Scope: &models.BotCommandScopeAllPrivateChats{}})
	set(tgbot.SetMyCommandsParams{Commands: cmd("en"), Scope: &models.BotCommandScopeAllPrivateChats{}, LanguageCode: "en"})
	for lang, want := range map[string]string{"": "zh", "en": "en", "en-gb": "en", "ru": "zh"} {
		if got := srv.MenuShown(42, lang); len(got) != 1 || got[0].Command != want {
			t.Errorf("client %q shows %+v, want /%s", lang, got, want)
		}
	}
	set(tgbot.SetMyCommandsParams{Commands: cmd("own"), Scope: &models.BotCommandScopeChat{ChatID: 42}})
	if got := srv.MenuShown(42, "en"); len(got) != 1 || got[0].Command != "own" {
		t.Errorf("the chat's own menu is not shown: %+v", got)
	}
	if _, err := b.DeleteMyCommands(ctx, &tgbot.DeleteMyCommandsParams{Scope: &models.BotCommandScopeChat{ChatID: 42}}); err != nil {
		t.Fatal(err)
	}
	if got := srv.MenuShown(42, "en"); len(got) != 1 || got[0].Command != "en" {
		t.Errorf("after deleting the chat's own menu: %+v", got)
	}
}
