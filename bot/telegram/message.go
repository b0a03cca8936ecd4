package telegram

import (
	"bytes"
	"context"
	"fmt"

	tgbot "github.com/go-telegram/bot"
	tgmodels "github.com/go-telegram/bot/models"
)

// MaxText is Telegram's limit on a message's text, in characters.
const MaxText = 4096

// MaxCallbackData is Telegram's limit on a button's callback data, in bytes.
const MaxCallbackData = 64

// Message is one thing Ganshi shows in a chat, as plain data that can be
// stored in the outbox. Text is HTML: every user-supplied piece of it must
// have gone through html.EscapeString.
type Message struct {
	Text     string     `json:"text,omitempty"`
	Buttons  [][]Button `json:"buttons,omitempty"`
	Document *Document  `json:"document,omitempty"`
	// Photo is an image sent with sendPhoto, Text its caption.
	Photo *Photo `json:"photo,omitempty"`
	// EditID edits that message in place instead of sending a new one.
	EditID int `json:"edit_id,omitempty"`
	// CallbackID answers a button tap (a toast, or an alert when Alert).
	CallbackID string `json:"callback_id,omitempty"`
	Alert      bool   `json:"alert,omitempty"`
	// Menu sets the command menu: for the chat it is sent to, or for
	// every chat (every private chat when Private) when sent to chat 0. A
	// menu without commands deletes that menu, so the wider one shows.
	Menu *Menu `json:"menu,omitempty"`
}

// Menu is a command menu in one language ("" = every language without its own).
type Menu struct {
	Language string    `json:"language,omitempty"`
	Private  bool      `json:"private,omitempty"` // sent to chat 0: every private chat's default
	Commands []Command `json:"commands"`
}

// Command is one entry of a command menu.
type Command struct {
	Name        string `json:"name"` // without the slash
	Description string `json:"description"`
}

// Button is an inline button: Data (ids only, ≤ 64 bytes) or URL.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Document is a file sent with an optional caption.
type Document struct {
	Name    string `json:"name"`
	Data    []byte `json:"data"`
	Caption string `json:"caption,omitempty"`
}

// Photo is a PNG or JPEG picture, uploaded with the message.
type Photo struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// Send delivers m to chatID and returns the Telegram message id (0 for a
// callback answer). Errors are the library's typed errors, redacted.
func (c *Client) Send(ctx context.Context, chatID int64, m Message) (int, error) {
	var (
		msg *tgmodels.Message
		err error
	)
	switch {
	case m.Menu != nil && len(m.Menu.Commands) == 0:
		p := menuParams(chatID, m.Menu)
		_, err = c.api.DeleteMyCommands(ctx, &tgbot.DeleteMyCommandsParams{Scope: p.Scope, LanguageCode: p.LanguageCode})
	case m.Menu != nil:
		_, err = c.api.SetMyCommands(ctx, menuParams(chatID, m.Menu))
	case m.CallbackID != "":
		_, err = c.api.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{
			CallbackQueryID: m.CallbackID, Text: m.Text, ShowAlert: m.Alert,
		})
	case m.Document != nil:
		msg, err = c.api.SendDocument(ctx, &tgbot.SendDocumentParams{
			ChatID:      chatID,
			Document:    &tgmodels.InputFileUpload{Filename: m.Document.Name, Data: bytes.NewReader(m.Document.Data)},
			Caption:     m.Document.Caption,
			ParseMode:   tgmodels.ParseModeHTML,
			ReplyMarkup: keyboard(m.Buttons),
		})
	case m.Photo != nil:
		msg, err = c.api.SendPhoto(ctx, &tgbot.SendPhotoParams{
			ChatID:      chatID,
			Photo:       &tgmodels.InputFileUpload{Filename: m.Photo.Name, Data: bytes.NewReader(m.Photo.Data)},
			Caption:     m.Text,
			ParseMode:   tgmodels.ParseModeHTML,
			ReplyMarkup: keyboard(m.Buttons),
		})
	case m.EditID != 0:
		msg, err = c.api.EditMessageText(ctx, &tgbot.EditMessageTextParams{
			ChatID: chatID, MessageID: m.EditID, Text: m.Text,
			ParseMode: tgmodels.ParseModeHTML, ReplyMarkup: keyboard(m.Buttons),
		})
	default:
		msg, err = c.api.SendMessage(ctx, &tgbot.SendMessageParams{
			ChatID: chatID, Text: m.Text, ParseMode: tgmodels.ParseModeHTML,
			ReplyMarkup:        keyboard(m.Buttons),
			LinkPreviewOptions: &tgmodels.LinkPreviewOptions{IsDisabled: tgbot.True()},
		})
	}
	if err != nil {
		return 0, c.Redact(fmt.Errorf("send to chat %d: %w", chatID, err))
	}
	if msg == nil {
		return 0, nil
	}
	return msg.ID, nil
}

func menuParams(chatID int64, m *Menu) *tgbot.SetMyCommandsParams {
	p := &tgbot.SetMyCommandsParams{LanguageCode: m.Language, Scope: &tgmodels.BotCommandScopeDefault{}}
	switch {
	case chatID != 0:
		p.Scope = &tgmodels.BotCommandScopeChat{ChatID: chatID}
	case m.Private:
		p.Scope = &tgmodels.BotCommandScopeAllPrivateChats{}
	}
	for _, c := range m.Commands {
		p.Commands = append(p.Commands, tgmodels.BotCommand{Command: c.Name, Description: c.Description})
	}
	return p
}

func keyboard(rows [][]Button) tgmodels.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := &tgmodels.InlineKeyboardMarkup{}
	for _, row := range rows {
		var r []tgmodels.InlineKeyboardButton
		for _, b := range row {
			r = append(r, tgmodels.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data, URL: b.URL})
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, r)
	}
	return kb
}
