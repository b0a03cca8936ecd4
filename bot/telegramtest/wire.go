package telegramtest

// Wire types mirror the JSON Telegram sends. They are written here rather
// than reused from go-telegram/bot/models so the fake emits exactly
// Telegram's fields and nothing the library happens to add.

type wireUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type wireChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

type wireMessage struct {
	MessageID       int             `json:"message_id"`
	From            *wireUser       `json:"from,omitempty"`
	Chat            wireChat        `json:"chat"`
	Date            int64           `json:"date"`
	EditDate        int64           `json:"edit_date,omitempty"`
	ReplyToMessage  *wireMessage    `json:"reply_to_message,omitempty"`
	Text            string          `json:"text,omitempty"`
	Entities        []entity        `json:"entities,omitempty"`
	Document        *wireFile       `json:"document,omitempty"`
	Photo           []wireFile      `json:"photo,omitempty"`
	Sticker         *wireFile       `json:"sticker,omitempty"`
	Voice           *wireFile       `json:"voice,omitempty"`
	Caption         string          `json:"caption,omitempty"`
	CaptionEntities []entity        `json:"caption_entities,omitempty"`
	ReplyMarkup     *inlineKeyboard `json:"reply_markup,omitempty"`
}

// wireFile covers Document, PhotoSize, Sticker and Voice: the fields each
// needs are a subset of these.
type wireFile struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
	Width        int    `json:"width,omitempty"`
	Height       int    `json:"height,omitempty"`
	Duration     int    `json:"duration,omitempty"`
	Type         string `json:"type,omitempty"`
	Emoji        string `json:"emoji,omitempty"`
	IsAnimated   *bool  `json:"is_animated,omitempty"`
	IsVideo      *bool  `json:"is_video,omitempty"`
}

type wireCallback struct {
	ID           string       `json:"id"`
	From         wireUser     `json:"from"`
	Message      *wireMessage `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}

type wireUpdate struct {
	UpdateID      int64         `json:"update_id"`
	Message       *wireMessage  `json:"message,omitempty"`
	EditedMessage *wireMessage  `json:"edited_message,omitempty"`
	CallbackQuery *wireCallback `json:"callback_query,omitempty"`
}

func (s *Server) botUser() wireUser {
	return wireUser{ID: BotID, IsBot: true, FirstName: BotFirstName, Username: s.opts.BotUsername}
}

func toWireUser(u User) wireUser {
	return wireUser{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName,
		Username: u.Username, LanguageCode: u.LanguageCode}
}

func (c *chat) wire() wireChat {
	w := wireChat{ID: c.id, Type: c.kind, Title: c.title}
	if c.user != nil {
		w.FirstName, w.LastName, w.Username = c.user.FirstName, c.user.LastName, c.user.Username
	}
	return w
}

// wireMessage renders a stored message as Telegram would deliver it now.
func (s *Server) wireMessage(c *chat, r *record) *wireMessage {
	w := &wireMessage{
		MessageID:   r.msg.MessageID,
		Chat:        c.wire(),
		Date:        r.msg.Date.Unix(),
		ReplyMarkup: r.markup.wire(),
	}
	if r.from != nil {
		u := toWireUser(*r.from)
		w.From = &u
	} else {
		u := s.botUser()
		w.From = &u
	}
	if !r.editDate.IsZero() {
		w.EditDate = r.editDate.Unix()
	}
	if r.replyTo != nil {
		quoted := *r.replyTo
		quoted.replyTo = nil // Telegram does not nest replies further
		w.ReplyToMessage = s.wireMessage(c, &quoted)
	}
	wireContent(w, r)
	return w
}

// wireContent fills the text or media fields for the message kind.
func wireContent(w *wireMessage, r *record) {
	f := r.file
	switch r.kind {
	case kindText:
		w.Text, w.Entities = r.msg.Plain, r.entities
		return
	case kindDocument:
		w.Document = &wireFile{FileID: f.FileID, FileUniqueID: f.FileUniqueID,
			FileName: f.FileName, FileSize: f.FileSize, MimeType: f.MimeType}
	case kindPhoto:
		small, big := *f, *f
		small.Width, small.Height, small.FileID = 90, 90, f.FileID+"-s"
		small.FileUniqueID += "-s"
		w.Photo = []wireFile{small, big}
	case kindSticker:
		w.Sticker = f
	case kindVoice:
		w.Voice = f
	}
	w.Caption, w.CaptionEntities = r.msg.Plain, r.entities
}
