package telegramtest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
)

// Message is one message of a chat as the transcript shows it: the current
// state, reflecting later edits and deletions.
type Message struct {
	ChatID    int64
	MessageID int
	FromBot   bool
	From      int64 // sender's user id; BotID for the bot
	// Text is the text, or for media the caption, exactly as sent: raw HTML
	// when ParseMode is "HTML".
	Text string
	// Plain is Text as displayed: tags stripped and entities unescaped.
	Plain     string
	ParseMode string
	Buttons   [][]Button // the inline keyboard, if any
	Document  *Document
	ReplyTo   int // message_id this replies to; 0 if none
	Edited    bool
	Deleted   bool
	Date      time.Time
	// Method is the Bot API method that created a bot message
	// ("sendMessage", "sendDocument") or, for user messages, the simulated
	// kind ("text", "photo", "sticker", "voice").
	Method string
}

// Button is an inline keyboard button.
type Button struct {
	Text, Data, URL string
}

// Document is a file the bot sent (or a user's file re-sent by file_id).
type Document struct {
	Name    string
	Data    []byte // nil when sent by URL
	Caption string
}

// CallbackAnswer is one accepted answerCallbackQuery.
type CallbackAnswer struct {
	QueryID   string
	Text      string
	ShowAlert bool
}

// Command is one entry of setMyCommands.
type Command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

func (r *record) view() Message {
	m := r.msg
	m.Buttons = r.markup.buttons()
	if m.Document != nil {
		d := *m.Document
		d.Data = slices.Clone(d.Data)
		m.Document = &d
	}
	return m
}

// Transcript is every message in the chat in order, the user's and the bot's.
func (s *Server) Transcript(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.state.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, 0, len(c.records))
	for _, r := range c.records {
		out = append(out, r.view())
	}
	return out
}

// BotMessages is the bot's messages in the chat, deleted ones included.
func (s *Server) BotMessages(chatID int64) []Message {
	var out []Message
	for _, m := range s.Transcript(chatID) {
		if m.FromBot {
			out = append(out, m)
		}
	}
	return out
}

// AllBotMessages is the bot's messages in every chat, in send order.
func (s *Server) AllBotMessages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.state.botLog))
	for _, r := range s.state.botLog {
		out = append(out, r.view())
	}
	return out
}

// CallbackAnswers is every accepted answerCallbackQuery, in order.
func (s *Server) CallbackAnswers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.state.answers)
}

// Commands is the command lists set with setMyCommands. The key is the scope
// type, then ":"+chat_id and ":"+user_id when the scope has them, then
// "/"+language_code when one was given: "default", "all_private_chats/ru",
// "chat:-100123", "chat_member:-100123:42".
func (s *Server) Commands() map[string][]Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := maps.Clone(s.state.commands)
	for k, v := range out {
		out[k] = slices.Clone(v)
	}
	return out
}

// SentTimes is when each send (sendMessage, sendDocument) to chatID was
// accepted, by the Options.Now clock; chatID 0 means every chat.
func (s *Server) SentTimes(chatID int64) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Time
	for _, e := range s.state.sends {
		if chatID == 0 || e.chatID == chatID {
			out = append(out, e.at)
		}
	}
	return out
}

// WaitFor returns nil once cond holds, or ctx's error. cond is re-evaluated
// after every state change (requests included) and is called without the
// server's lock held, so it may use any accessor.
func (s *Server) WaitFor(ctx context.Context, cond func(*Server) bool) error {
	for {
		// Take the channel before evaluating cond so no change is missed.
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond(s) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for condition: %w", ctx.Err())
		case <-s.closed:
			return errors.New("wait for condition: server closed")
		case <-changed:
		}
	}
}

// WaitBotMessages waits until the chat has at least n bot messages and
// returns all of them.
func (s *Server) WaitBotMessages(ctx context.Context, chatID int64, n int) ([]Message, error) {
	var got []Message
	err := s.WaitFor(ctx, func(s *Server) bool {
		got = s.BotMessages(chatID)
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("wait for %d bot messages in chat %d (have %d): %w", n, chatID, len(got), err)
	}
	return got, nil
}
