package telegramtest

import (
	"encoding/json"
	"time"
)

// Message kinds, also used as Message.Method for messages users send.
const (
	kindText     = "text"
	kindDocument = "document"
	kindPhoto    = "photo"
	kindSticker  = "sticker"
	kindVoice    = "voice"
)

// supergroupBase: ids at or below it are supergroups, like Telegram's -100… ids.
const supergroupBase = -1000000000000

// state is everything the fake remembers; guarded by Server.mu.
type state struct {
	users      map[int64]*User
	chats      map[int64]*chat
	botLog     []*record // bot messages in send order
	updates    []queued  // not yet confirmed by an offset
	nextUpdate int64
	queries    map[string]*query
	answers    []CallbackAnswer
	nextQuery  int64
	files      map[string]*storedFile // file_id → uploaded document
	nextFile   int64
	commands   map[string][]Command
	webhook    webhook
	sends      []sendEntry // accepted sends, for SentTimes and the limits
}

type chat struct {
	id         int64
	kind       string // private, group, supergroup
	title      string
	user       *User // the other party of a private chat
	started    bool  // private: the user started the bot
	blocked    bool  // private: the user blocked the bot
	migratedTo int64
	nextID     int
	records    []*record
}

// record is one stored message; msg is its public view.
type record struct {
	msg      Message
	from     *User // nil when the bot sent it
	entities []entity
	markup   *replyMarkup
	kind     string
	file     *wireFile
	editDate time.Time
	replyTo  *record
}

type queued struct {
	id   int64
	body json.RawMessage
}

type query struct {
	answered bool
}

type storedFile struct {
	doc  Document
	wire wireFile
}

type webhook struct {
	url, secret string
}

type sendEntry struct {
	chatID int64
	at     time.Time
}

func newState() *state {
	return &state{
		users:      make(map[int64]*User),
		chats:      make(map[int64]*chat),
		nextUpdate: 1,
		queries:    make(map[string]*query),
		files:      make(map[string]*storedFile),
		commands:   make(map[string][]Command),
	}
}

// privateChat returns the private chat with u, creating it.
func (st *state) privateChat(u User) *chat {
	st.rememberUser(u)
	c := st.chats[u.ID]
	if c == nil {
		c = &chat{id: u.ID, kind: "private"}
		st.chats[u.ID] = c
	}
	c.user = st.users[u.ID]
	return c
}

// groupChat returns the group chatID, creating it with title.
func (st *state) groupChat(chatID int64, title string) *chat {
	c := st.chats[chatID]
	if c == nil {
		c = &chat{id: chatID, kind: "group", title: title}
		if chatID <= supergroupBase {
			c.kind = "supergroup"
		}
		st.chats[chatID] = c
	}
	if title != "" {
		c.title = title
	}
	return c
}

func (st *state) rememberUser(u User) {
	cp := u
	st.users[u.ID] = &cp
}

// appendRecord gives r the chat's next message id and stores it.
func (c *chat) appendRecord(r *record) {
	c.nextID++
	r.msg.ChatID, r.msg.MessageID = c.id, c.nextID
	c.records = append(c.records, r)
}

// find returns a message that has not been deleted.
func (c *chat) find(messageID int) *record {
	for _, r := range c.records {
		if r.msg.MessageID == messageID && !r.msg.Deleted {
			return r
		}
	}
	return nil
}

// sendTarget resolves the chat a bot method addresses, refusing the way
// Telegram does for unknown, blocked and migrated chats.
func (st *state) sendTarget(chatID int64) (*chat, *apiError) {
	c := st.chats[chatID]
	if chatID > 0 {
		if c == nil || !c.started {
			if st.users[chatID] != nil {
				return nil, forbidden("bot can't initiate conversation with a user")
			}
			return nil, badRequest("chat not found")
		}
		if c.blocked {
			return nil, forbidden("bot was blocked by the user")
		}
		return c, nil
	}
	if c == nil {
		return nil, badRequest("chat not found")
	}
	if c.migratedTo != 0 {
		ae := badRequest("group chat was upgraded to a supergroup chat")
		ae.migrateTo = c.migratedTo
		return nil, ae
	}
	return c, nil
}
