package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// talkCommands mirrors the lines the talk feature adds to commandList.
var talkCommands = []command{
	{name: "talk", minRole: models.RoleLeader, run: runTalk},
	{name: "talks", minRole: models.RoleCadre, run: runTalks},
	{name: "record", minRole: models.RoleLeader, run: runRecord},
	{name: "event", minRole: models.RoleLeader, run: runEvent},
}

// talkRegistered tells whether the talk feature is wired into the router
// (commands, the "tk" buttons, flowTalk in routeText). Until it is, the
// tests route through talkRoute, which mirrors those registrations.
func talkRegistered() bool {
	_, ok := findCommand("/talk")
	return ok
}

// talkRoute is route with the talk feature's registrations in front.
func talkRoute(r *request) ([]telegram.Message, error) {
	in := r.in
	if !in.private || r.me.ID == 0 || in.edited {
		return route(r)
	}
	switch {
	case in.callbackID != "":
		if action, arg, _ := strings.Cut(in.data, ":"); action == "tk" {
			out, err := talkButton(r, arg)
			if err != nil {
				return nil, err
			}
			return answered(r, out), nil
		}
	case in.command != "":
		for _, c := range talkCommands {
			if "/"+c.name == in.command {
				if !r.me.AtLeast(c.minRole) {
					return r.refuse(in.command), nil
				}
				return c.run(r)
			}
		}
	case !in.nonText:
		c, _, ok, err := r.conv()
		if err != nil {
			return nil, err
		}
		if ok && c.Flow == flowTalk {
			return talkText(r, c.Step)
		}
	}
	return route(r)
}

// talkHandle is harness.handle through talkRoute until the feature is
// registered, and the real router after.
func (h *harness) talkHandle(u *tgmodels.Update) []telegram.Message {
	h.t.Helper()
	if talkRegistered() {
		return h.handle(u)
	}
	u.ID = h.next.Add(1)
	ctx := context.Background()
	err := h.st.Tx(ctx, func(tx *models.Store) error {
		in := readIncoming(u)
		req := &request{ctx: ctx, tx: tx, log: h.r.log, loc: h.r.loc, cal: h.r.cal, in: in, lang: LangZH}
		me, err := tx.CadreByTelegram(ctx, in.userID)
		switch {
		case err == nil:
			req.me, req.lang = me, me.Lang
		case !errors.Is(err, models.ErrNotFound):
			return err
		}
		out, err := talkRoute(req)
		if err != nil {
			return err
		}
		return send(ctx, tx, in, out)
	})
	if err != nil {
		h.t.Fatalf("handle update %d: %v", u.ID, err)
	}
	return h.newReplies()
}

// tsay sends a private text as the named person, through talkHandle.
func (h *harness) tsay(name, text string) []telegram.Message {
	h.t.Helper()
	uid := h.user(name)
	return h.talkHandle(&tgmodels.Update{Message: &tgmodels.Message{
		Text: text, From: &tgmodels.User{ID: uid}, Chat: tgmodels.Chat{ID: uid, Type: tgmodels.ChatTypePrivate},
	}})
}

// ttap presses a button as the named person, through talkHandle.
func (h *harness) ttap(name, data string) []telegram.Message {
	h.t.Helper()
	uid := h.user(name)
	return h.talkHandle(&tgmodels.Update{CallbackQuery: &tgmodels.CallbackQuery{
		ID: "q" + data, Data: data, From: tgmodels.User{ID: uid},
		Message: tgmodels.MaybeInaccessibleMessage{Message: &tgmodels.Message{Chat: tgmodels.Chat{ID: uid, Type: tgmodels.ChatTypePrivate}}},
	}})
}

// lastTo is the last message written to the named person's chat, and
// whether there was one.
func (h *harness) lastTo(name string) (telegram.Message, bool) {
	h.t.Helper()
	var n models.Notification
	err := h.st.DB().Where("chat_id = ?", h.user(name)).Order("id DESC").Take(&n).Error
	if err != nil {
		return telegram.Message{}, false
	}
	var m telegram.Message
	if err := json.Unmarshal([]byte(n.Payload), &m); err != nil {
		h.t.Fatal(err)
	}
	return m, true
}

// countTo counts the messages written to the named person's chat.
func (h *harness) countTo(name string) int64 {
	var n int64
	h.st.DB().Model(&models.Notification{}).Where("chat_id = ?", h.user(name)).Count(&n)
	return n
}

func mustLack(t *testing.T, what string, ms []telegram.Message, unwanted ...string) {
	t.Helper()
	got := joined(ms)
	for _, u := range unwanted {
		if strings.Contains(got, u) {
			t.Fatalf("%s shows %q:\n%s", what, u, got)
		}
	}
}

// alert tells whether the replies are a refused or stale tap.
func alert(ms []telegram.Message) bool { return len(ms) == 1 && ms[0].Alert }
