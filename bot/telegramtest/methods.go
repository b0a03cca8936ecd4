package telegramtest

import (
	"encoding/json"
	"net/http"
	"slices"
)

// Telegram's length limits, in UTF-16 code units of the displayed text.
const (
	maxText     = 4096
	maxCaption  = 1024
	maxAnswer   = 200
	notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
)

type handler func(s *Server, r *http.Request, p params) (any, *apiError)

// handlers is keyed by lower-case method name: Telegram ignores case.
var handlers = map[string]handler{
	"getme":                  getMe,
	"getupdates":             getUpdates,
	"sendmessage":            sendMessage,
	"senddocument":           sendDocument,
	"sendphoto":              sendPhoto,
	"sendchataction":         sendChatAction,
	"editmessagetext":        editMessageText,
	"editmessagereplymarkup": editMessageReplyMarkup,
	"deletemessage":          deleteMessage,
	"answercallbackquery":    answerCallbackQuery,
	"setmycommands":          setMyCommands,
	"getmycommands":          getMyCommands,
	"deletemycommands":       deleteMyCommands,
	"setwebhook":             setWebhook,
	"deletewebhook":          deleteWebhook,
	"getwebhookinfo":         getWebhookInfo,
}

func getMe(s *Server, _ *http.Request, _ params) (any, *apiError) {
	return struct {
		wireUser
		CanJoinGroups bool `json:"can_join_groups"`
	}{s.botUser(), true}, nil
}

func sendMessage(s *Server, _ *http.Request, p params) (any, *apiError) {
	chatID, ae := p.chatID()
	if ae != nil {
		return nil, ae
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ae := s.state.sendTarget(chatID)
	if ae != nil {
		return nil, ae
	}
	text, ae := parseText(p.str("text"), p.str("parse_mode"), maxText, "message text is empty", "message is too long")
	if ae != nil {
		return nil, ae
	}
	markup, ae := parseMarkup(p.str("reply_markup"), false)
	if ae != nil {
		return nil, ae
	}
	replyTo, ae := replyTarget(c, p)
	if ae != nil {
		return nil, ae
	}
	now := s.now()
	if ae := s.checkLimits(chatID, now); ae != nil {
		return nil, ae
	}
	rec := &record{
		msg: Message{FromBot: true, From: BotID, Text: text.raw, Plain: text.plain,
			ParseMode: text.parseMode, Date: now, Method: "sendMessage"},
		entities: text.entities, markup: markup, kind: kindText, replyTo: replyTo,
	}
	s.storeBotMessage(c, rec)
	return s.wireMessage(c, rec), nil
}

// storeBotMessage appends an accepted bot message; callers hold s.mu.
func (s *Server) storeBotMessage(c *chat, rec *record) {
	c.appendRecord(rec)
	if rec.replyTo != nil {
		rec.msg.ReplyTo = rec.replyTo.msg.MessageID
	}
	s.state.botLog = append(s.state.botLog, rec)
	s.recordSend(c.id, rec.msg.Date)
	s.notify()
}

// replyTarget resolves reply_parameters (or the older reply_to_message_id).
func replyTarget(c *chat, p params) (*record, *apiError) {
	var rp struct {
		MessageID                int  `json:"message_id"`
		AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
	}
	if raw := p.str("reply_parameters"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &rp); err != nil {
			return nil, badRequest("can't parse reply parameters JSON object")
		}
	} else if id, ok, _ := p.int64("reply_to_message_id"); ok {
		rp.MessageID = int(id)
		rp.AllowSendingWithoutReply = p.flag("allow_sending_without_reply")
	}
	if rp.MessageID == 0 {
		return nil, nil
	}
	if r := c.find(rp.MessageID); r != nil {
		return r, nil
	}
	if rp.AllowSendingWithoutReply {
		return nil, nil
	}
	return nil, badRequest("message to be replied not found")
}

// editable finds a bot message that an edit method may change.
func (s *Server) editable(p params) (*chat, *record, *apiError) {
	chatID, ae := p.chatID()
	if ae != nil {
		return nil, nil, ae
	}
	messageID, ae := p.messageID("message to edit not found")
	if ae != nil {
		return nil, nil, ae
	}
	c, ae := s.state.sendTarget(chatID)
	if ae != nil {
		return nil, nil, ae
	}
	rec := c.find(messageID)
	if rec == nil {
		return nil, nil, badRequest("message to edit not found")
	}
	if rec.from != nil {
		return nil, nil, badRequest("message can't be edited")
	}
	return c, rec, nil
}

func editMessageText(s *Server, _ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, rec, ae := s.editable(p)
	if ae != nil {
		return nil, ae
	}
	if rec.kind != kindText {
		return nil, badRequest("there is no text in the message to edit")
	}
	text, ae := parseText(p.str("text"), p.str("parse_mode"), maxText, "message text is empty", "message is too long")
	if ae != nil {
		return nil, ae
	}
	// Omitting reply_markup removes the keyboard, as in Telegram.
	markup, ae := parseMarkup(p.str("reply_markup"), true)
	if ae != nil {
		return nil, ae
	}
	if text.plain == rec.msg.Plain && slices.Equal(text.entities, rec.entities) && sameMarkup(markup, rec.markup) {
		return nil, badRequest(notModified)
	}
	rec.msg.Text, rec.msg.Plain, rec.msg.ParseMode = text.raw, text.plain, text.parseMode
	rec.entities, rec.markup = text.entities, markup
	s.markEdited(rec)
	return s.wireMessage(c, rec), nil
}

func editMessageReplyMarkup(s *Server, _ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, rec, ae := s.editable(p)
	if ae != nil {
		return nil, ae
	}
	markup, ae := parseMarkup(p.str("reply_markup"), true)
	if ae != nil {
		return nil, ae
	}
	if sameMarkup(markup, rec.markup) {
		return nil, badRequest(notModified)
	}
	rec.markup = markup
	s.markEdited(rec)
	return s.wireMessage(c, rec), nil
}

func (s *Server) markEdited(rec *record) {
	rec.msg.Edited = true
	rec.editDate = s.now()
	s.notify()
}

func deleteMessage(s *Server, _ *http.Request, p params) (any, *apiError) {
	chatID, ae := p.chatID()
	if ae != nil {
		return nil, ae
	}
	messageID, ae := p.messageID("message to delete not found")
	if ae != nil {
		return nil, ae
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ae := s.state.sendTarget(chatID)
	if ae != nil {
		return nil, ae
	}
	rec := c.find(messageID)
	if rec == nil {
		return nil, badRequest("message to delete not found")
	}
	rec.msg.Deleted = true
	s.notify()
	return true, nil
}

func answerCallbackQuery(s *Server, _ *http.Request, p params) (any, *apiError) {
	id := p.str("callback_query_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.state.queries[id]
	if q == nil || q.answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	text := p.str("text")
	if textLen(text) > maxAnswer {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	q.answered = true
	s.state.answers = append(s.state.answers, CallbackAnswer{QueryID: id, Text: text, ShowAlert: p.flag("show_alert")})
	s.notify()
	return true, nil
}
