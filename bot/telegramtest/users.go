package telegramtest

import (
	"fmt"
	"unicode"
)

// User is a simulated Telegram user.
type User struct {
	ID                                          int64
	FirstName, LastName, Username, LanguageCode string
}

// AddUser registers u as having started the bot, so the bot may message
// their private chat (whose id is u.ID).
func (s *Server) AddUser(u User) {
	mustUser("AddUser", u)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.privateChat(u).started = true
	s.notify()
}

// AddGroup registers a group (chatID < 0; at or below -1000000000000 it is
// a supergroup) so the bot may message it.
func (s *Server) AddGroup(chatID int64, title string) {
	if chatID >= 0 {
		panic(fmt.Sprintf("telegramtest: AddGroup: group ids are negative, got %d", chatID))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state.groupChat(chatID, title)
	s.notify()
}

// BlockUser makes the user block the bot: sends to their chat answer 403.
// A blocked user who later sends something has unblocked the bot, as in
// Telegram, where writing to a blocked bot first requires unblocking it.
func (s *Server) BlockUser(userID int64) {
	s.setBlocked(userID, true)
}

// UnblockUser undoes BlockUser.
func (s *Server) UnblockUser(userID int64) {
	s.setBlocked(userID, false)
}

func (s *Server) setBlocked(userID int64, blocked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.state.chats[userID]
	if c == nil {
		u := s.state.users[userID]
		if u == nil {
			u = &User{ID: userID, FirstName: "User" + itoa(userID)}
		}
		c = s.state.privateChat(*u)
	}
	// Blocking implies the user had started the bot, so sends answer
	// "blocked" rather than "can't initiate conversation".
	c.started = c.started || blocked
	c.blocked = blocked
	s.notify()
}

// MigrateGroup upgrades group oldID to supergroup newID: sends to oldID then
// answer 400 with migrate_to_chat_id=newID, and newID works.
func (s *Server) MigrateGroup(oldID, newID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.state.groupChat(oldID, "")
	old.migratedTo = newID
	s.state.groupChat(newID, old.title).kind = "supergroup"
	s.notify()
}

// SendText queues a message update from the user. A text starting with "/"
// carries a bot_command entity for its command part, as Telegram adds. In a
// private chat chatID must equal from.ID; a group is created on first use.
func (s *Server) SendText(chatID int64, from User, text string) (updateID int64, messageID int) {
	rec := &record{msg: Message{Text: text, Plain: text}, kind: kindText, entities: commandEntity(text)}
	return s.userMessage("SendText", chatID, from, rec)
}

// SendPrivate is SendText in the user's private chat with the bot.
func (s *Server) SendPrivate(from User, text string) (updateID int64, messageID int) {
	return s.SendText(from.ID, from, text)
}

// SendSticker queues a sticker message from the user.
func (s *Server) SendSticker(chatID int64, from User) int64 {
	f := &wireFile{Type: "regular", Width: 512, Height: 512, Emoji: "👍",
		IsAnimated: new(false), IsVideo: new(false)}
	id, _ := s.userMessage("SendSticker", chatID, from, &record{kind: kindSticker, file: f})
	return id
}

// SendPhoto queues a photo message with a caption from the user.
func (s *Server) SendPhoto(chatID int64, from User, caption string) int64 {
	rec := &record{msg: Message{Text: caption, Plain: caption}, kind: kindPhoto,
		file: &wireFile{Width: 1280, Height: 960, FileSize: 123456}}
	id, _ := s.userMessage("SendPhoto", chatID, from, rec)
	return id
}

// SendVoice queues a voice message from the user.
func (s *Server) SendVoice(chatID int64, from User) int64 {
	f := &wireFile{Duration: 3, MimeType: "audio/ogg", FileSize: 12345}
	id, _ := s.userMessage("SendVoice", chatID, from, &record{kind: kindVoice, file: f})
	return id
}

// userMessage stores rec as sent by from in chatID and queues its update.
func (s *Server) userMessage(op string, chatID int64, from User, rec *record) (int64, int) {
	mustUser(op, from)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.userChat(op, chatID, from)
	rec.from = s.state.users[from.ID]
	rec.msg.From, rec.msg.Date, rec.msg.Method = from.ID, s.now(), rec.kind
	c.appendRecord(rec)
	if rec.file != nil {
		s.state.nextFile++
		rec.file.FileID = "AgACAgIAAxkBAAI" + itoa(s.state.nextFile)
		rec.file.FileUniqueID = "AQAD" + itoa(s.state.nextFile)
	}
	id := s.queue(wireUpdate{Message: s.wireMessage(c, rec)})
	return id, rec.msg.MessageID
}

// userChat is the chat a user writes in; writing starts (and unblocks) a
// private chat. Callers hold s.mu.
func (s *Server) userChat(op string, chatID int64, from User) *chat {
	if chatID > 0 {
		if chatID != from.ID {
			panic(fmt.Sprintf("telegramtest: %s: private chat %d must equal sender id %d", op, chatID, from.ID))
		}
		c := s.state.privateChat(from)
		c.started, c.blocked = true, false
		return c
	}
	if chatID == 0 {
		panic(fmt.Sprintf("telegramtest: %s: chat id 0", op))
	}
	s.state.rememberUser(from)
	return s.state.groupChat(chatID, "")
}

func mustUser(op string, u User) {
	if u.ID <= 0 {
		panic(fmt.Sprintf("telegramtest: %s: user id must be positive, got %d", op, u.ID))
	}
}

// commandEntity is the bot_command entity Telegram adds to "/cmd@bot args".
func commandEntity(text string) []entity {
	if len(text) < 2 || text[0] != '/' {
		return nil
	}
	n := 1
	for _, r := range text[1:] {
		if unicode.IsSpace(r) {
			break
		}
		if r != '_' && r != '@' && !isASCIIAlnum(r) {
			break
		}
		n++
	}
	if n == 1 {
		return nil
	}
	return []entity{{Type: "bot_command", Offset: 0, Length: n}}
}

func isASCIIAlnum(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
}
