package bot

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/texts"
)

// harness drives the router directly with updates and reads the replies it
// wrote to the outbox. Roster: unit 城关镇 (leader 李书记, cadres 张三 and
// 赵六 who is not bound yet), unit 河西乡 (leader 王乡长, cadre 孙七), and
// admin 组织部周部长 without a unit. Telegram user ids equal cadre ids + 1000.
type harness struct {
	t      *testing.T
	st     *models.Store
	clock  *modelstest.Clock
	r      *Router
	next   atomic.Int64
	seen   int64 // highest outbox id already read
	cadres map[string]models.Cadre
	units  map[string]models.Unit
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	clock := modelstest.NewClock(modelstest.Start)
	h := &harness{t: t, st: modelstest.SQLite(t, clock.Now), clock: clock, cadres: map[string]models.Cadre{}, units: map[string]models.Unit{}}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	h.r = NewRouter(Options{Location: loc})
	h.unit("城关镇", models.UnitTownship)
	h.unit("河西乡", models.UnitTownship)
	h.cadre("李书记", "城关镇", models.RoleLeader, true)
	h.cadre("张三", "城关镇", models.RoleCadre, true)
	h.cadre("赵六", "城关镇", models.RoleCadre, false)
	h.cadre("王乡长", "河西乡", models.RoleLeader, true)
	h.cadre("孙七", "河西乡", models.RoleCadre, true)
	h.cadre("周部长", "", models.RoleAdmin, true)
	return h
}

func (h *harness) unit(name, kind string) {
	u := models.Unit{Name: name, Kind: kind, Category: "乡镇一类"}
	if err := h.st.DB().Create(&u).Error; err != nil {
		h.t.Fatal(err)
	}
	h.units[name] = u
}

func (h *harness) cadre(name, unit, role string, bound bool) {
	c := models.Cadre{Name: name, ExternalID: "GS-" + name, Role: role, Position: "职务", Duty: "分工", Lang: texts.ZH, Active: true}
	if unit != "" {
		id := h.units[unit].ID
		c.UnitID = &id
	}
	if err := h.st.DB().Create(&c).Error; err != nil {
		h.t.Fatal(err)
	}
	if bound {
		uid := c.ID + 1000
		now := h.clock.Now()
		c.TelegramUserID, c.ChatID, c.BoundAt = &uid, &uid, &now
		if err := h.st.DB().Save(&c).Error; err != nil {
			h.t.Fatal(err)
		}
	}
	h.cadres[name] = c
	if role == models.RoleLeader {
		u := h.units[unit]
		u.PrincipalID = &c.ID
		if err := h.st.DB().Save(&u).Error; err != nil {
			h.t.Fatal(err)
		}
		h.units[unit] = u
	}
}

// user is the Telegram user id of a roster name, or the number for strangers.
func (h *harness) user(name string) int64 {
	if c, ok := h.cadres[name]; ok {
		return c.ID + 1000
	}
	return 99999
}

func (h *harness) handle(u *tgmodels.Update) []telegram.Message {
	h.t.Helper()
	u.ID = h.next.Add(1)
	err := h.st.Tx(context.Background(), func(tx *models.Store) error { return h.r.Handle(context.Background(), tx, u) })
	if err != nil {
		h.t.Fatalf("handle update %d: %v", u.ID, err)
	}
	return h.newReplies()
}

// newReplies returns outbox rows written since the last call, in order.
func (h *harness) newReplies() []telegram.Message {
	h.t.Helper()
	var rows []models.Notification
	if err := h.st.DB().Where("id > ?", h.seen).Order("id").Find(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	var out []telegram.Message
	for _, n := range rows {
		out = append(out, h.rendered(n)...)
		h.seen = n.ID
	}
	return out
}

// rendered is a row as the notices table renders it as written, without
// the send-time re-check: what models writes for both edges (a judged
// report's notices) is not stored as ready text.
func (h *harness) rendered(n models.Notification) []telegram.Message {
	h.t.Helper()
	if n.Kind == models.KindDigestAdmin {
		// An admin's /digest is composed when it is sent (adminDigestNow).
		ms, err := Renderer(h.r.loc)(context.Background(), h.st.Reads(), n)
		if err != nil {
			h.t.Fatalf("render %s: %v", n.Kind, err)
		}
		return ms
	}
	k, ok := notices[n.Kind]
	if !ok {
		h.t.Fatalf("notification kind %q is not in the notices table", n.Kind)
	}
	ms, err := k.stored(n, h.r.loc)
	if err != nil {
		h.t.Fatalf("render %s: %v", n.Kind, err)
	}
	return ms
}

// say sends a private text message as the named person.
func (h *harness) say(name, text string) []telegram.Message {
	uid := h.user(name)
	return h.handle(&tgmodels.Update{Message: &tgmodels.Message{
		Text: text, From: &tgmodels.User{ID: uid}, Chat: tgmodels.Chat{ID: uid, Type: tgmodels.ChatTypePrivate},
	}})
}

// sticker sends a message with no text, as a sticker, photo or voice is.
func (h *harness) sticker(name string) []telegram.Message {
	uid := h.user(name)
	return h.handle(&tgmodels.Update{Message: &tgmodels.Message{
		Sticker: &tgmodels.Sticker{FileID: "x"}, From: &tgmodels.User{ID: uid}, Chat: tgmodels.Chat{ID: uid, Type: tgmodels.ChatTypePrivate},
	}})
}

// tap presses a button with the given data in the named person's chat.
func (h *harness) tap(name, data string) []telegram.Message {
	uid := h.user(name)
	return h.handle(&tgmodels.Update{CallbackQuery: &tgmodels.CallbackQuery{
		ID: "q" + data, Data: data, From: tgmodels.User{ID: uid},
		Message: tgmodels.MaybeInaccessibleMessage{Message: &tgmodels.Message{Chat: tgmodels.Chat{ID: uid, Type: tgmodels.ChatTypePrivate}}},
	}})
}

// inGroup sends text in a group chat as the named person.
func (h *harness) inGroup(chat int64, name, text string) []telegram.Message {
	return h.handle(&tgmodels.Update{Message: &tgmodels.Message{
		Text: text, From: &tgmodels.User{ID: h.user(name)}, Chat: tgmodels.Chat{ID: chat, Type: tgmodels.ChatTypeSupergroup},
	}})
}

func joined(ms []telegram.Message) string {
	var s string
	for _, m := range ms {
		s += m.Text + "\n"
	}
	return s
}

func editedText(uid int64, text string) *tgmodels.Update {
	return &tgmodels.Update{EditedMessage: &tgmodels.Message{
		Text: text, From: &tgmodels.User{ID: uid}, Chat: tgmodels.Chat{ID: uid, Type: tgmodels.ChatTypePrivate},
	}}
}
