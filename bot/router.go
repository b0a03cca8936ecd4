package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// Router turns stored updates into replies.
type Router struct {
	log    *slog.Logger
	loc    *time.Location
	cal    models.Calendar
	sched  Scheduler
	webURL string
}

// Options configure a Router. Zero values: no logs, UTC, and the calendar
// read from the database for each update (admins change it in chat).
type Options struct {
	Logger    *slog.Logger
	Location  *time.Location
	Calendar  models.Calendar
	Scheduler Scheduler // for /schedules and /schedule run; nil: listing only
	WebURL    string    // GANSHI_PUBLIC_URL, for /web's login links; "": the console is not configured
}

// NewRouter returns a router.
func NewRouter(o Options) *Router {
	r := &Router{log: o.Logger, loc: o.Location, cal: o.Calendar, sched: o.Scheduler, webURL: strings.TrimRight(o.WebURL, "/")}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.loc == nil {
		r.loc = time.UTC
	}
	return r
}

// Handle is the inbox handler: it runs inside the transaction that marks
// the update done, so its replies commit with that mark.
func (r *Router) Handle(ctx context.Context, tx *models.Store, u *tgmodels.Update) error {
	in := readIncoming(u)
	if in.chatID == 0 || in.userID == 0 {
		return nil
	}
	req := &request{ctx: ctx, tx: tx, log: r.log, loc: r.loc, cal: r.cal, sched: r.sched, webURL: r.webURL, in: in, lang: texts.ZH}
	me, err := tx.CadreByTelegram(ctx, in.userID)
	switch {
	case err == nil:
		req.me, req.lang = me, me.Lang
	case !errors.Is(err, models.ErrNotFound):
		return fmt.Errorf("look up telegram user: %w", err)
	}
	if in.private {
		var writer *models.Cadre
		if req.me.ID != 0 {
			writer = &req.me
		}
		if err := tx.MarkReachable(ctx, in.chatID, writer); err != nil {
			return err
		}
	}
	out, err := route(req)
	if err != nil {
		return err
	}
	if in.private && req.me.ID != 0 {
		// A role or unit changed since the menu was set: set it again.
		menu, err := menuChange(ctx, tx, req.me, false, clientMenuLang(in.userLang))
		if err != nil {
			return err
		}
		out = append(out, menu...)
	}
	return send(ctx, tx, in, out)
}

// route picks the flow for an update.
func route(r *request) ([]telegram.Message, error) {
	in := r.in
	if !in.private {
		return routeGroup(r)
	}
	if r.me.ID == 0 {
		return routeStranger(r)
	}
	switch {
	case in.callbackID != "":
		return routeButton(r)
	case in.edited:
		return r.say("edit_ignored"), nil
	case in.command == "/start":
		return runStart(r)
	case in.command != "":
		return routeCommand(r)
	}
	return routeText(r)
}

func routeCommand(r *request) ([]telegram.Message, error) {
	c, ok := findCommand(r.in.command)
	if !ok {
		return r.say("unknown_command", esc(r.in.command)), nil
	}
	if !c.may(r.me) {
		return r.refuse(r.in.command), nil
	}
	return c.run(r)
}

// routeStranger: a person not bound yet may only bind.
func routeStranger(r *request) ([]telegram.Message, error) {
	in := r.in
	switch {
	case in.command == "/start":
		return runStart(r)
	case in.callbackID != "":
		return []telegram.Message{{CallbackID: in.callbackID, Text: both("not_onboarded_short")}, {Text: both("not_onboarded")}}, nil
	case in.edited:
		return nil, nil
	}
	return []telegram.Message{{Text: both("not_onboarded")}}, nil
}

// routeGroup: in groups the bot listens to /bindgroup only; ordinary
// chatter is not its business.
func routeGroup(r *request) ([]telegram.Message, error) {
	if r.in.command == "/bindgroup" {
		return runBindGroup(r)
	}
	return nil, nil
}

// Apology is given to the dispatcher: a person whose message made a
// handler fail is told so instead of being left waiting.
func (r *Router) Apology(ctx context.Context, tx *models.Store, u *tgmodels.Update, reason string) error {
	in := readIncoming(u)
	if in.chatID == 0 || !in.private {
		return nil
	}
	lang := texts.ZH
	if me, err := tx.CadreByTelegram(ctx, in.userID); err == nil {
		lang = me.Lang
	}
	return send(ctx, tx, in, []telegram.Message{{Text: texts.T(lang, "apology")}})
}

// send writes the replies to the outbox. Their dedup keys derive from the
// update, so handling an update again can never reply twice.
func send(ctx context.Context, tx *models.Store, in incoming, out []telegram.Message) error {
	for i, m := range out {
		if err := enqueue(ctx, tx, in.chatID, fmt.Sprintf("reply:%d:%d", in.updateID, i), m); err != nil {
			return err
		}
	}
	return nil
}

// enqueue writes one message for a chat to the outbox, in the reply lane:
// whatever the bot writes answers something a person just did (or, for
// the menus, installs what people need first), so it goes ahead of the
// jobs' bulk notifications. That includes what an action tells someone
// else — a leader asked to sign, a cadre told of a signature, a talk
// invitation: the actor was just told it was passed on, each action writes
// one or two, and behind a fan-out of 10,000 reminders they would wait
// minutes.
func enqueue(ctx context.Context, tx *models.Store, chatID int64, key string, m telegram.Message) error {
	payload, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	_, err = tx.Enqueue(ctx, &models.Notification{ChatID: chatID, Kind: sender.KindText, Payload: string(payload), DedupKey: key, Lane: models.LaneReply})
	return err
}
