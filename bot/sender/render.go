package sender

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// KindText is the notification kind whose payload is one telegram.Message
// in JSON: replies and menus, which bot writes ready-made. The kinds jobs
// write are named in models (models.Kind…).
const KindText = "text"

// Render renders a "text" notification, the default Config.Render: it
// becomes its telegram.Message; a text longer than telegram.MaxText is cut
// into parts that go out one by one, with the buttons on the last part,
// where the reader ends up. Any other kind is ErrUnrenderable, which fails
// the notification for good: retrying cannot teach the sender a new kind.
func Render(n models.Notification) ([]telegram.Message, error) {
	if n.Kind != KindText {
		return nil, Unrenderable("unknown notification kind %q", n.Kind)
	}
	var m telegram.Message
	if err := json.Unmarshal([]byte(n.Payload), &m); err != nil {
		return nil, Unrenderable("decode %s payload: %w", n.Kind, err)
	}
	return splitMessage(m), nil
}

// splitMessage cuts a long new text into parts. Edits, callback answers and
// documents are left whole: they cannot be spread over several messages,
// and Telegram's refusal of an overlong one is a clearer error than ours.
func splitMessage(m telegram.Message) []telegram.Message {
	if m.Document != nil || m.Photo != nil || m.EditID != 0 || m.CallbackID != "" ||
		utf8.RuneCountInString(m.Text) <= telegram.MaxText {
		return []telegram.Message{m}
	}
	texts := telegram.Split(m.Text, telegram.MaxText)
	parts := make([]telegram.Message, len(texts))
	for i, text := range texts {
		parts[i] = telegram.Message{Text: text}
	}
	parts[len(parts)-1].Buttons = m.Buttons
	return parts
}
