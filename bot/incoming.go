package bot

import (
	"strings"

	tgmodels "github.com/go-telegram/bot/models"
)

// incoming is an update reduced to what the flows need, with no Telegram
// types left in it.
type incoming struct {
	updateID   int64
	chatID     int64
	userID     int64
	userLang   string // the sender's Telegram client language (IETF tag), often ""
	private    bool
	text       string
	command    string // "/start" without the bot's @name, lower case
	args       string // what follows the command
	callbackID string
	data       string // callback data
	edited     bool
	nonText    bool // a sticker, photo, voice… where text was expected
}

func readIncoming(u *tgmodels.Update) incoming {
	in := incoming{updateID: u.ID}
	m := u.Message
	if u.EditedMessage != nil {
		m, in.edited = u.EditedMessage, true
	}
	switch {
	case m != nil:
		in.chatID, in.private = m.Chat.ID, m.Chat.Type == tgmodels.ChatTypePrivate
		if m.From != nil {
			in.userID, in.userLang = m.From.ID, m.From.LanguageCode
		}
		in.text = m.Text
		in.nonText = m.Text == ""
		in.command, in.args = splitCommand(m.Text)
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		in.callbackID, in.data, in.userID, in.userLang = q.ID, q.Data, q.From.ID, q.From.LanguageCode
		in.chatID, in.private = q.From.ID, true
		if cm := q.Message.Message; cm != nil {
			in.chatID, in.private = cm.Chat.ID, cm.Chat.Type == tgmodels.ChatTypePrivate
		}
	}
	return in
}

// splitCommand reads "/start@ganshi_bot  CODE" (any Unicode space between
// them) as ("/start", "CODE").
func splitCommand(text string) (string, string) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") {
		return "", ""
	}
	cmd, args := cutWord(text)
	cmd, _, _ = strings.Cut(cmd, "@")
	return strings.ToLower(cmd), args
}
