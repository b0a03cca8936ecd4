package telegramtest

import (
	"bytes"
	"encoding/json"
	"net/url"
)

// maxCallbackData is Telegram's limit on callback_data, in bytes.
const maxCallbackData = 64

// replyMarkup is a validated reply_markup. Only inline keyboards are kept in
// structured form because only they can be edited and tapped.
type replyMarkup struct {
	inline [][]inlineButton // nil for reply keyboards, remove_keyboard, force_reply
	canon  json.RawMessage  // canonical JSON, compared for "message is not modified"
}

type inlineButton struct {
	Text                         string          `json:"text"`
	URL                          string          `json:"url,omitempty"`
	CallbackData                 *string         `json:"callback_data,omitempty"`
	WebApp                       json.RawMessage `json:"web_app,omitempty"`
	LoginURL                     json.RawMessage `json:"login_url,omitempty"`
	SwitchInlineQuery            *string         `json:"switch_inline_query,omitempty"`
	SwitchInlineQueryCurrentChat *string         `json:"switch_inline_query_current_chat,omitempty"`
	SwitchInlineQueryChosenChat  json.RawMessage `json:"switch_inline_query_chosen_chat,omitempty"`
	CopyText                     *copyText       `json:"copy_text,omitempty"`
	CallbackGame                 json.RawMessage `json:"callback_game,omitempty"`
	Pay                          bool            `json:"pay,omitempty"`
}

type copyText struct {
	Text string `json:"text"`
}

type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

// parseMarkup validates reply_markup like Telegram. inlineOnly is set for the
// edit methods, which accept nothing but inline keyboards.
func parseMarkup(raw string, inlineOnly bool) (*replyMarkup, *apiError) {
	if raw == "" {
		return nil, nil
	}
	var m struct {
		InlineKeyboard *[][]inlineButton `json:"inline_keyboard"`
		Keyboard       json.RawMessage   `json:"keyboard"`
		RemoveKeyboard bool              `json:"remove_keyboard"`
		ForceReply     bool              `json:"force_reply"`
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	if m.InlineKeyboard != nil {
		return inlineMarkup(*m.InlineKeyboard)
	}
	if inlineOnly {
		return nil, badRequest("inline keyboard expected")
	}
	if m.Keyboard == nil && !m.RemoveKeyboard && !m.ForceReply {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	var canon bytes.Buffer
	if err := json.Compact(&canon, []byte(raw)); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	return &replyMarkup{canon: canon.Bytes()}, nil
}

func inlineMarkup(rows [][]inlineButton) (*replyMarkup, *apiError) {
	for i := range rows {
		for j := range rows[i] {
			if ae := checkButton(&rows[i][j]); ae != nil {
				return nil, ae
			}
		}
	}
	canon, err := json.Marshal(inlineKeyboard{InlineKeyboard: rows})
	if err != nil {
		return nil, badRequest("can't parse inline keyboard button")
	}
	return &replyMarkup{inline: rows, canon: canon}, nil
}

// checkButton validates one button and normalises it for comparison.
func checkButton(b *inlineButton) *apiError {
	// go-telegram/bot always sends "copy_text":{"text":""}; Telegram ignores
	// an empty copy_text when the button has another action.
	emptyCopy := b.CopyText != nil && b.CopyText.Text == ""
	if emptyCopy {
		b.CopyText = nil
	}
	for _, raw := range []*json.RawMessage{&b.WebApp, &b.LoginURL, &b.SwitchInlineQueryChosenChat, &b.CallbackGame} {
		if string(*raw) == "null" {
			*raw = nil
		}
	}
	if b.CallbackData != nil {
		if n := len(*b.CallbackData); n == 0 || n > maxCallbackData {
			return badRequest("BUTTON_DATA_INVALID")
		}
	}
	if b.URL != "" && !validButtonURL(b.URL) {
		return badRequest("BUTTON_URL_INVALID")
	}
	if !hasAction(b) {
		if emptyCopy {
			// An empty callback_data is omitted by go-telegram/bot, leaving
			// only the empty copy_text: the data is what is missing.
			return badRequest("BUTTON_DATA_INVALID")
		}
		return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	}
	return nil
}

func hasAction(b *inlineButton) bool {
	return b.URL != "" || b.CallbackData != nil || b.WebApp != nil || b.LoginURL != nil ||
		b.SwitchInlineQuery != nil || b.SwitchInlineQueryCurrentChat != nil ||
		b.SwitchInlineQueryChosenChat != nil || b.CopyText != nil || b.CallbackGame != nil || b.Pay
}

func validButtonURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	case "tg":
		return true
	}
	return false
}

// buttons is the transcript view of an inline keyboard.
func (m *replyMarkup) buttons() [][]Button {
	if m == nil || m.inline == nil {
		return nil
	}
	out := make([][]Button, len(m.inline))
	for i, row := range m.inline {
		out[i] = make([]Button, len(row))
		for j, b := range row {
			out[i][j] = Button{Text: b.Text, URL: b.URL}
			if b.CallbackData != nil {
				out[i][j].Data = *b.CallbackData
			}
		}
	}
	return out
}

// wire is the reply_markup a Message carries: only inline keyboards are
// echoed back by Telegram.
func (m *replyMarkup) wire() *inlineKeyboard {
	if m == nil || m.inline == nil {
		return nil
	}
	return &inlineKeyboard{InlineKeyboard: m.inline}
}

func sameMarkup(a, b *replyMarkup) bool {
	var ca, cb []byte
	if a != nil && a.inline != nil {
		ca = a.canon
	}
	if b != nil && b.inline != nil {
		cb = b.canon
	}
	return bytes.Equal(ca, cb)
}
