package telegramtest_test

import (
	"errors"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

func keyboard(rows ...[]models.InlineKeyboardButton) *models.InlineKeyboardMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

func TestSendMessageAppearsInTranscript(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.SendPrivate(alice, "hello")

	msg, err := b.SendMessage(ctx, &tgbot.SendMessageParams{
		ChatID: alice.ID, Text: "<b>Hi</b> &amp; welcome", ParseMode: models.ParseModeHTML,
		ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Go", CallbackData: "go:1"}}),
	})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if msg.Text != "Hi & welcome" || msg.ID != 2 || msg.Chat.ID != alice.ID || len(msg.Entities) != 1 {
		t.Fatalf("result = %+v", msg)
	}
	tr := srv.Transcript(alice.ID)
	if len(tr) != 2 || tr[0].FromBot || tr[0].Text != "hello" || !tr[1].FromBot {
		t.Fatalf("transcript = %+v", tr)
	}
	got := tr[1]
	if got.Text != "<b>Hi</b> &amp; welcome" || got.Plain != "Hi & welcome" || got.ParseMode != "HTML" ||
		got.Method != "sendMessage" || got.Buttons[0][0] != (telegramtest.Button{Text: "Go", Data: "go:1"}) {
		t.Fatalf("bot message = %+v", got)
	}
	if n := len(srv.AllBotMessages()); n != 1 {
		t.Fatalf("AllBotMessages = %d, want 1", n)
	}
}

func TestSendMessageUnknownChats(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: int64(777), Text: "x"})
	if !errors.Is(err, tgbot.ErrorBadRequest) {
		t.Fatalf("unknown user: %v", err)
	}
	wantErrText(t, err, "chat not found")

	// Seen in a group but never started the bot: Telegram refuses with 403.
	srv.SendText(-5, bob, "hi all")
	_, err = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: bob.ID, Text: "x"})
	if !errors.Is(err, tgbot.ErrorForbidden) {
		t.Fatalf("group-only user: %v", err)
	}
	if _, err = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: int64(-5), Text: "x"}); err != nil {
		t.Fatalf("group: %v", err)
	}
}

func TestSendMessageLength(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	send := func(text string, mode models.ParseMode) error {
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: text, ParseMode: mode})
		return err
	}
	if err := send(strings.Repeat("a", 4096), ""); err != nil {
		t.Fatalf("4096: %v", err)
	}
	wantErrText(t, send(strings.Repeat("a", 4097), ""), "Bad Request: message is too long")
	// Length is in UTF-16 code units: each emoji counts twice.
	if err := send(strings.Repeat("😀", 2048), ""); err != nil {
		t.Fatalf("2048 emoji: %v", err)
	}
	wantErrText(t, send(strings.Repeat("😀", 2049), ""), "message is too long")
	// HTML is measured as displayed.
	if err := send("<b>"+strings.Repeat("a", 4090)+"</b>&lt;&gt;&amp;&quot;&#33;&#x21;", models.ParseModeHTML); err != nil {
		t.Fatalf("html displayed 4096: %v", err)
	}
	wantErrText(t, send("<i>"+strings.Repeat("a", 4097)+"</i>", models.ParseModeHTML), "message is too long")
	wantErrText(t, send("", ""), "Bad Request: message text is empty")
	wantErrText(t, send("<b> </b>", models.ParseModeHTML), "message text is empty")
}

func TestSendMessageBadHTML(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	for _, text := range []string{
		"<b>unclosed", "a < b", "line<br>break", "<b><i>x</b></i>", "x</b>",
		`<span class="other">x</span>`, "<a href='x'>y", "<b",
	} {
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: text, ParseMode: models.ParseModeHTML})
		wantErrText(t, err, "Bad Request: can't parse entities: ")
	}
	for _, text := range []string{
		"a > b & c", `<a href="https://x.org/?a=1&amp;b=2">link</a>`, `<span class="tg-spoiler">s</span>`,
		"<tg-spoiler>s</tg-spoiler> <pre><code class=\"language-go\">x</code></pre> <blockquote expandable>q</blockquote>",
		"<B>upper</B> &nbsp; &unknown;",
	} {
		if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: text, ParseMode: models.ParseModeHTML}); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
	// Without a parse mode, markup is plain text.
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "a < b <br>"}); err != nil {
		t.Fatalf("plain: %v", err)
	}
}

func TestSendMessageButtonData(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	send := func(btn models.InlineKeyboardButton) error {
		_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyMarkup: keyboard([]models.InlineKeyboardButton{btn})})
		return err
	}
	if err := send(models.InlineKeyboardButton{Text: "ok", CallbackData: strings.Repeat("d", 64)}); err != nil {
		t.Fatalf("64 bytes: %v", err)
	}
	wantErrText(t, send(models.InlineKeyboardButton{Text: "long", CallbackData: strings.Repeat("d", 65)}), "BUTTON_DATA_INVALID")
	wantErrText(t, send(models.InlineKeyboardButton{Text: "empty"}), "BUTTON_DATA_INVALID")
	// Multi-byte data is measured in bytes: 22 × 3 bytes = 66.
	wantErrText(t, send(models.InlineKeyboardButton{Text: "utf8", CallbackData: strings.Repeat("€", 22)}), "BUTTON_DATA_INVALID")
	if err := send(models.InlineKeyboardButton{Text: "site", URL: "https://example.org"}); err != nil {
		t.Fatalf("url button: %v", err)
	}
	if n := len(srv.BotMessages(alice.ID)); n != 2 {
		t.Fatalf("bot messages = %d, want 2", n)
	}
}

func TestEditMessageNotModified(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	kb := keyboard([]models.InlineKeyboardButton{{Text: "A", CallbackData: "a"}})
	msg, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "<b>v1</b>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	edit := func(text string, mode models.ParseMode, markup models.ReplyMarkup) error {
		_, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: msg.ID, Text: text, ParseMode: mode, ReplyMarkup: markup})
		return err
	}
	wantErrText(t, edit("<strong>v1</strong>", models.ParseModeHTML, kb), "Bad Request: message is not modified: specified new message content and reply markup are exactly the same")
	if err := edit("v1", "", kb); err != nil { // bold dropped: modified
		t.Fatalf("edit entities: %v", err)
	}
	if err := edit("v1", "", nil); err != nil { // keyboard removed
		t.Fatalf("edit markup: %v", err)
	}
	if got := srv.BotMessages(alice.ID)[0]; !got.Edited || got.Buttons != nil || got.Text != "v1" {
		t.Fatalf("after edit = %+v", got)
	}
	wantErrText(t, edit(strings.Repeat("x", 4097), "", nil), "message is too long")
	_, err = b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: 99, Text: "x"})
	wantErrText(t, err, "Bad Request: message to edit not found")

	_, err = b.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: msg.ID})
	wantErrText(t, err, "message is not modified")
	if _, err = b.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: msg.ID, ReplyMarkup: kb}); err != nil {
		t.Fatalf("edit markup: %v", err)
	}
}

func TestReplyParameters(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	_, userMsg := srv.SendPrivate(alice, "question")
	msg, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "answer",
		ReplyParameters: &models.ReplyParameters{MessageID: userMsg}})
	if err != nil {
		t.Fatalf("reply: %v", err)
	}
	if msg.ReplyToMessage == nil || msg.ReplyToMessage.Text != "question" || srv.BotMessages(alice.ID)[0].ReplyTo != userMsg {
		t.Fatalf("reply_to_message = %+v", msg.ReplyToMessage)
	}
	_, err = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x",
		ReplyParameters: &models.ReplyParameters{MessageID: 999}})
	wantErrText(t, err, "Bad Request: message to be replied not found")
	if _, err = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x",
		ReplyParameters: &models.ReplyParameters{MessageID: 999, AllowSendingWithoutReply: true}}); err != nil {
		t.Fatalf("allow without reply: %v", err)
	}
}

// go-telegram/bot sends an empty multipart body for calls without
// parameters; the fake must accept it as Telegram does.
func TestGetMeThroughTheLibrary(t *testing.T) {
	srv := telegramtest.New(telegramtest.Options{})
	defer srv.Close()
	b, err := tgbot.New(srv.Token(), tgbot.WithServerURL(srv.URL()))
	if err != nil {
		t.Fatalf("tgbot.New with getMe: %v", err)
	}
	if b.ID() != telegramtest.BotID {
		t.Fatalf("bot id = %d", b.ID())
	}
}
