package bot

import (
	"errors"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runEvent is /event CADRE REASON [YYYY-MM-DD] [NOTE]: a leader (for the
// unit) or an admin records a life event, and the cadre's principal owes
// a talk within the configured workdays.
func runEvent(r *request) ([]telegram.Message, error) {
	if !r.me.AtLeast(models.RoleLeader) {
		return r.refuse("/event"), nil
	}
	who, rest := cutWord(r.in.args)
	reasonText, note := cutWord(rest)
	if reasonText == "" {
		return r.say("event_usage"), nil
	}
	reason, ok := models.ParseTalkReason(reasonText)
	if !ok || reason == models.TalkRoutine || reason == models.TalkFollowUp {
		return r.say("event_bad_reason", esc(reasonText)), nil
	}
	var day string
	if first, after := cutWord(note); first != "" {
		if d, err := time.ParseInLocation("2006-01-02", first, r.loc); err == nil {
			day, note = d.Format("2006-01-02"), after
		}
	}
	c, out, err := findScopedCadre(r, who, "event")
	if out != nil || err != nil {
		return out, err
	}
	if !r.me.MayActOnCadre(c) || c.ID == r.me.ID {
		return r.refuse("event " + c.ExternalID), nil
	}
	return recordEvent(r, c, models.NewEvent{CadreID: c.ID, Reason: reason, Day: day, Note: note,
		Source: models.EventFromChat, ActorID: &r.me.ID})
}

func recordEvent(r *request, c models.Cadre, n models.NewEvent) ([]telegram.Message, error) {
	rec, err := r.tx.RecordEvent(r.ctx, n)
	if errors.Is(err, models.ErrNoPrincipal) {
		return r.say("event_no_principal", esc(c.Name)), nil
	} else if err != nil {
		return nil, err
	}
	if err := r.tx.Audit(r.ctx, &r.me.ID, "event.record", c.ExternalID, n.Reason+" "+rec.Event.Day); err != nil {
		return nil, err
	}
	holder, err := r.tx.GetCadre(r.ctx, rec.Talk.LeaderID)
	if err != nil {
		return nil, err
	}
	reason, due := reasonName(r.lang, n.Reason), talkDay(r.lang, rec.Talk.DueBy)
	if rec.Known {
		return r.say("event_known", esc(c.Name), reason, talkDay(r.lang, rec.Event.Day)), nil
	}
	arrange := [][]telegram.Button{{{Text: r.t("btn_arrange_now"), Data: arrangeTalkData(rec.Talk.ID)}}}
	if holder.ID == r.me.ID {
		return []telegram.Message{{Text: r.t("event_done_self", esc(c.Name), reason, due), Buttons: arrange}}, nil
	}
	if holder.ChatID != nil {
		m := telegram.Message{
			Text: texts.T(holder.Lang, "event_to_holder", esc(r.me.Name), esc(c.Name), reasonName(holder.Lang, n.Reason),
				esc(orDash(n.Note)), talkDay(holder.Lang, rec.Talk.DueBy)),
			Buttons: [][]telegram.Button{{{Text: texts.T(holder.Lang, "btn_arrange_now"), Data: arrangeTalkData(rec.Talk.ID)}}},
		}
		if err := r.notify(*holder.ChatID, m); err != nil {
			return nil, err
		}
	}
	return r.say("event_done", esc(c.Name), reason, esc(holder.Name), due), nil
}
