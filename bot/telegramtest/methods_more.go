package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
)

func sendDocument(s *Server, _ *http.Request, p params) (any, *apiError) {
	return sendFile(s, p, "sendDocument", kindDocument, s.documentParam)
}

// sendFile is sendDocument and sendPhoto: a file with an optional
// caption and keyboard, checked and limited as Telegram does; param reads
// the method's file parameter.
func sendFile(s *Server, p params, method, kind string, param func(params) (*storedFile, *apiError)) (any, *apiError) {
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
	caption, ae := parseText(p.str("caption"), p.str("parse_mode"), maxCaption, "", "message caption is too long")
	if ae != nil {
		return nil, ae
	}
	markup, ae := parseMarkup(p.str("reply_markup"), false)
	if ae != nil {
		return nil, ae
	}
	file, ae := param(p)
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
	doc := file.doc
	doc.Caption = caption.raw
	rec := &record{
		msg: Message{FromBot: true, From: BotID, Text: caption.raw, Plain: caption.plain,
			ParseMode: caption.parseMode, Document: &doc, Date: now, Method: method},
		entities: caption.entities, markup: markup, kind: kind, file: &file.wire, replyTo: replyTo,
	}
	s.storeBotMessage(c, rec)
	return s.wireMessage(c, rec), nil
}

// documentParam reads "document": an upload, a known file_id or an HTTP URL.
func (s *Server) documentParam(p params) (*storedFile, *apiError) {
	if up, ok := p.files["document"]; ok {
		if len(up.data) == 0 {
			return nil, badRequest("file must be non-empty")
		}
		return s.newFile(Document{Name: up.name, Data: up.data}), nil
	}
	ref := p.str("document")
	if ref == "" {
		return nil, badRequest("there is no document in the request")
	}
	if f := s.state.files[ref]; f != nil {
		return f, nil
	}
	if u, err := url.Parse(ref); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return s.newFile(Document{Name: path.Base(u.Path)}), nil
	}
	return nil, badRequest("wrong file identifier/HTTP URL specified")
}

// newFile stores a document under a fresh file_id; callers hold s.mu.
func (s *Server) newFile(d Document) *storedFile {
	s.state.nextFile++
	id := "BQACAgIAAxkBAAI" + itoa(s.state.nextFile)
	f := &storedFile{doc: d, wire: wireFile{FileID: id, FileUniqueID: "AgAD" + itoa(s.state.nextFile),
		FileName: d.Name, FileSize: len(d.Data), MimeType: mimeFor(d.Name)}}
	s.state.files[id] = f
	return f
}

func mimeFor(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return "text/plain"
	case ".csv":
		return "text/csv"
	case ".json":
		return "application/json"
	case ".pdf":
		return "application/pdf"
	}
	return "application/octet-stream"
}

var chatActions = map[string]bool{
	"typing": true, "upload_photo": true, "record_video": true, "upload_video": true,
	"record_voice": true, "upload_voice": true, "upload_document": true, "choose_sticker": true,
	"find_location": true, "record_video_note": true, "upload_video_note": true,
}

func sendChatAction(s *Server, _ *http.Request, p params) (any, *apiError) {
	chatID, ae := p.chatID()
	if ae != nil {
		return nil, ae
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ae := s.state.sendTarget(chatID); ae != nil {
		return nil, ae
	}
	if !chatActions[p.str("action")] {
		return nil, badRequest("wrong parameter action in request")
	}
	return true, nil
}

func setMyCommands(s *Server, _ *http.Request, p params) (any, *apiError) {
	var cmds []Command
	if err := json.Unmarshal([]byte(p.str("commands")), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands specified")
	}
	for _, c := range cmds {
		if !validCommand(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := textLen(c.Description); n == 0 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	key, chat, ae := commandKey(p)
	if ae != nil {
		return nil, ae
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ae := s.commandChat(chat); ae != nil {
		return nil, ae
	}
	if len(cmds) == 0 {
		delete(s.state.commands, key)
	} else {
		s.state.commands[key] = cmds
	}
	s.notify()
	return true, nil
}

func getMyCommands(s *Server, _ *http.Request, p params) (any, *apiError) {
	key, chat, ae := commandKey(p)
	if ae != nil {
		return nil, ae
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ae := s.commandChat(chat); ae != nil {
		return nil, ae
	}
	cmds := s.state.commands[key]
	if cmds == nil {
		cmds = []Command{}
	}
	return cmds, nil
}

func deleteMyCommands(s *Server, _ *http.Request, p params) (any, *apiError) {
	key, chat, ae := commandKey(p)
	if ae != nil {
		return nil, ae
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ae := s.commandChat(chat); ae != nil {
		return nil, ae
	}
	delete(s.state.commands, key)
	s.notify()
	return true, nil
}

func validCommand(c string) bool {
	if c == "" || len(c) > 32 {
		return false
	}
	for _, r := range c {
		if r != '_' && (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

var scopeTypes = map[string]bool{
	"default": true, "all_private_chats": true, "all_group_chats": true,
	"all_chat_administrators": true, "chat": true, "chat_administrators": true, "chat_member": true,
}

// commandKey is the Commands() key for the request's scope and language,
// checked as Telegram checks them: a known scope type, a chat_id exactly
// where the scope names a chat (user_id for chat_member), and a two-letter
// lower-case language code or none. chat is the scope's chat, 0 if none;
// the caller checks it exists.
func commandKey(p params) (key string, chat int64, ae *apiError) {
	var scope struct {
		Type   string          `json:"type"`
		ChatID json.RawMessage `json:"chat_id"`
		UserID json.RawMessage `json:"user_id"`
	}
	if raw := p.str("scope"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &scope); err != nil {
			return "", 0, badRequest("can't parse BotCommandScope JSON object")
		}
	}
	if scope.Type == "" {
		scope.Type = "default"
	}
	if !scopeTypes[scope.Type] {
		return "", 0, badRequest("unsupported bot command scope type")
	}
	chatScope := strings.HasPrefix(scope.Type, "chat")
	if chatScope != (len(scope.ChatID) > 0) || (scope.Type == "chat_member") != (len(scope.UserID) > 0) {
		return "", 0, badRequest("can't parse BotCommandScope JSON object")
	}
	key = scope.Type
	if chatScope {
		id, err := strconv.ParseInt(strings.Trim(string(scope.ChatID), `"`), 10, 64)
		if err != nil {
			return "", 0, badRequest("chat not found")
		}
		key, chat = key+":"+strconv.FormatInt(id, 10), id
	}
	if len(scope.UserID) > 0 {
		key += ":" + strings.Trim(string(scope.UserID), `"`)
	}
	if lang := p.str("language_code"); lang != "" {
		if len(lang) != 2 || lang[0] < 'a' || lang[0] > 'z' || lang[1] < 'a' || lang[1] > 'z' {
			return "", 0, badRequest("invalid language code specified")
		}
		key += "/" + lang
	}
	return key, chat, nil
}

// commandChat checks that a scope's chat exists; the caller holds s.mu.
func (s *Server) commandChat(chat int64) *apiError {
	if chat != 0 && s.state.chats[chat] == nil {
		return badRequest("chat not found")
	}
	return nil
}

// MenuShown is the command menu a private chat shows its user, whose
// client is in the given language (an IETF tag as Telegram sends, often
// ""), by Telegram's order: the chat's own menu in the user's language,
// then without a language, then every private chat's, then the default
// scope's, each in the user's language first.
func (s *Server) MenuShown(chatID int64, userLang string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	lang, _, _ := strings.Cut(userLang, "-")
	for _, scope := range []string{"chat:" + strconv.FormatInt(chatID, 10), "all_private_chats", "default"} {
		if cmds, ok := s.state.commands[scope+"/"+lang]; ok && lang != "" {
			return slices.Clone(cmds)
		}
		if cmds, ok := s.state.commands[scope]; ok {
			return slices.Clone(cmds)
		}
	}
	return nil
}

func setWebhook(s *Server, _ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.webhook = webhook{url: p.str("url"), secret: p.str("secret_token")}
	if p.flag("drop_pending_updates") {
		s.state.updates = nil
	}
	s.notify()
	return true, nil
}

func deleteWebhook(s *Server, _ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.webhook = webhook{}
	if p.flag("drop_pending_updates") {
		s.state.updates = nil
	}
	s.notify()
	return true, nil
}

func getWebhookInfo(s *Server, _ *http.Request, _ params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return struct {
		URL                  string `json:"url"`
		HasCustomCertificate bool   `json:"has_custom_certificate"`
		PendingUpdateCount   int    `json:"pending_update_count"`
	}{s.state.webhook.url, false, len(s.state.updates)}, nil
}

// Webhook is the URL and secret token last set with setWebhook ("" if none).
func (s *Server) Webhook() (webhookURL, secretToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.webhook.url, s.state.webhook.secret
}
