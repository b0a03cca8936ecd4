package bot

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// request is one update being handled: who asks, in which language, and the
// transaction every write goes through.
type request struct {
	ctx   context.Context
	tx    *models.Store
	log   *slog.Logger
	loc   *time.Location
	cal   models.Calendar
	sched Scheduler
	in    incoming
	me    models.Cadre // zero when the sender is not bound
	lang  string
	sent  int // messages written to other chats so far

	webURL string // the web console's public base URL; "": not configured
}

// notify writes a message to someone else's chat (a leader, the cadre
// acted on), keyed to this update so a retry never repeats it. Like the
// reply it goes in the outbox's reply lane (see enqueue).
func (r *request) notify(chatID int64, m telegram.Message) error {
	r.sent++
	return enqueue(r.ctx, r.tx, chatID, fmt.Sprintf("notify:%d:%d", r.in.updateID, r.sent), m)
}

// calendar is the workday calendar: the one given to the router, or the
// database's, read once per update so an admin's change applies at once.
func (r *request) calendar() (models.Calendar, error) {
	if r.cal != nil {
		return r.cal, nil
	}
	c, err := r.tx.LoadCalendar(r.ctx)
	if err != nil {
		return nil, err
	}
	r.cal = c
	return c, nil
}

// t is the text for key in the caller's language.
func (r *request) t(key string, args ...any) string { return texts.T(r.lang, key, args...) }

// say is a plain reply in the caller's chat.
func (r *request) say(key string, args ...any) []telegram.Message {
	return []telegram.Message{{Text: r.t(key, args...)}}
}

// refuse answers a request outside the caller's role or scope, and logs it:
// a refused button tap may be a forged callback.
func (r *request) refuse(what string) []telegram.Message {
	r.log.Warn("refused", "cadre_id", r.me.ID, "role", r.me.Role, "what", what, "update_id", r.in.updateID)
	if r.me.ID != 0 {
		_ = r.tx.Audit(r.ctx, &r.me.ID, "refused", what, "")
	}
	if r.in.callbackID != "" {
		return []telegram.Message{{CallbackID: r.in.callbackID, Text: r.t("not_allowed_short"), Alert: true}}
	}
	return r.say("not_allowed")
}

// unitName names the cadre's unit, or "(none)" for admins without one.
func (r *request) unitName(c models.Cadre) string {
	if c.UnitID == nil {
		return r.t("no_unit")
	}
	u, err := r.tx.GetUnit(r.ctx, *c.UnitID)
	if err != nil {
		return r.t("no_unit")
	}
	return u.Name
}

func roleText(lang, role string) string { return texts.T(lang, "role_"+role) }
