package telegramtest

import (
	"fmt"
	"slices"
)

// EditText makes the user edit their earlier text message and queues the
// edited_message update. It panics if that user sent no such message.
func (s *Server) EditText(chatID int64, from User, messageID int, newText string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.state.chats[chatID]
	var rec *record
	if c != nil {
		rec = c.find(messageID)
	}
	if rec == nil || rec.from == nil || rec.from.ID != from.ID || rec.kind != kindText {
		panic(fmt.Sprintf("telegramtest: EditText: user %d has no text message %d in chat %d", from.ID, messageID, chatID))
	}
	rec.msg.Text, rec.msg.Plain, rec.msg.Edited = newText, newText, true
	rec.entities = commandEntity(newText)
	rec.editDate = s.now()
	return s.queue(wireUpdate{EditedMessage: s.wireMessage(c, rec)})
}

// Tap presses the inline button labelled label on the newest live bot
// message in the chat that has one, queuing a callback_query update.
func (s *Server) Tap(chatID int64, from User, label string) (updateID int64, err error) {
	if chatID > 0 && chatID != from.ID {
		return 0, fmt.Errorf("tap %q: user %d cannot see private chat %d", label, from.ID, chatID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.state.chats[chatID]
	if c == nil {
		return 0, fmt.Errorf("tap %q: no chat %d", label, chatID)
	}
	for _, rec := range slices.Backward(c.records) {
		if rec.from != nil || rec.msg.Deleted {
			continue
		}
		if data, ok := callbackData(rec, label); ok {
			return s.queueCallback(c, rec, rec.msg.MessageID, from, data), nil
		}
	}
	return 0, fmt.Errorf("tap %q: no live bot message in chat %d has a callback button with that text", label, chatID)
}

// TapData queues a callback_query with arbitrary data for messageID, as a
// forged or stale client would send. If the message does not exist the
// query carries an inaccessible message (date 0), as Telegram does.
func (s *Server) TapData(chatID int64, from User, messageID int, data string) int64 {
	mustUser("TapData", from)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.state.chats[chatID]
	if c == nil {
		c = &chat{id: chatID, kind: "private"}
		if chatID < 0 {
			c.kind = "group"
		}
	}
	return s.queueCallback(c, c.find(messageID), messageID, from, data)
}

func callbackData(rec *record, label string) (string, bool) {
	if rec.markup == nil {
		return "", false
	}
	for _, row := range rec.markup.inline {
		for _, b := range row {
			if b.Text == label && b.CallbackData != nil {
				return *b.CallbackData, true
			}
		}
	}
	return "", false
}

// queueCallback queues a callback_query; rec may be nil. Callers hold s.mu.
func (s *Server) queueCallback(c *chat, rec *record, messageID int, from User, data string) int64 {
	s.state.rememberUser(from)
	s.state.nextQuery++
	id := itoa(4000000000000000000 + s.state.nextQuery)
	s.state.queries[id] = &query{}
	cb := &wireCallback{ID: id, From: toWireUser(from), ChatInstance: itoa(-7000000000000000000 + c.id), Data: data}
	if rec != nil {
		cb.Message = s.wireMessage(c, rec)
	} else {
		cb.Message = &wireMessage{MessageID: messageID, Chat: c.wire()}
	}
	return s.queue(wireUpdate{CallbackQuery: cb})
}

// LastQueryID is the id of the newest callback query Tap or TapData made.
func (s *Server) LastQueryID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.nextQuery == 0 {
		return ""
	}
	return itoa(4000000000000000000 + s.state.nextQuery)
}
