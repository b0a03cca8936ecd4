package bot

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// plan reads the caller's plan; out is set when there is none any more.
func (r *request) plan(seq int) (models.TalkPlan, []telegram.Message, error) {
	p, err := r.tx.GetTalkPlan(r.ctx, r.me.ID)
	switch {
	case errors.Is(err, models.ErrNotFound) || (err == nil && seq != 0 && p.Seq != seq):
		if r.in.callbackID != "" {
			return p, r.stale(), nil
		}
		return p, r.say("plan_gone"), r.endConv()
	case err != nil:
		return p, nil, err
	}
	return p, nil, nil
}

// planTime reads the time typed; it stays at this step until one reads.
func planTime(r *request, text string) ([]telegram.Message, error) {
	p, out, err := r.plan(0)
	if out != nil || err != nil {
		return out, err
	}
	at, err := whenParse(r, text)
	if err != nil {
		return r.whenError(err), nil
	}
	p.StartsAt = &at
	if p, err = r.tx.SaveTalkPlan(r.ctx, p); err != nil {
		return nil, err
	}
	if err := r.setTalkStep(stepTalkPlace); err != nil {
		return nil, err
	}
	m := telegram.Message{Text: r.t("ask_place", talkWhen(r.lang, at, r.loc))}
	if p.Place != "" {
		m.Buttons = [][]telegram.Button{{{Text: r.t("btn_keep_place", p.Place), Data: planPlaceData(p.Seq)}}}
	}
	return []telegram.Message{m}, nil
}

func planPlace(r *request, text string) ([]telegram.Message, error) {
	p, out, err := r.plan(0)
	if out != nil || err != nil {
		return out, err
	}
	if text == "" || len([]rune(text)) > 100 {
		return r.say("place_bad"), nil
	}
	p.Place = text
	return confirmPlan(r, p)
}

func keepTalkPlace(r *request, seq int) ([]telegram.Message, error) {
	p, out, err := r.plan(seq)
	if out != nil || err != nil {
		return out, err
	}
	if p.StartsAt == nil || p.Place == "" {
		return r.stale(), nil
	}
	return confirmPlan(r, p)
}

func retypeTalkTime(r *request, seq int) ([]telegram.Message, error) {
	p, out, err := r.plan(seq)
	if out != nil || err != nil {
		return out, err
	}
	if err := r.setTalkStep(stepTalkTime); err != nil {
		return nil, err
	}
	c, err := r.tx.GetCadre(r.ctx, p.CadreID)
	if err != nil {
		return nil, err
	}
	return r.say("ask_time", esc(c.Name), reasonName(r.lang, p.Reason)), nil
}

// confirmTyped is the confirm step's buttons typed as words.
func confirmTyped(r *request, text string) ([]telegram.Message, error) {
	switch strings.ToLower(text) {
	case "确认", "确定", "是", "ok", "yes":
		return confirmTalkPlan(r, 0)
	case "修改时间", "改时间", "time":
		return retypeTalkTime(r, 0)
	case "放弃", "不", "drop", "no":
		return dropTalkPlan(r)
	}
	return r.say("plan_use_buttons"), nil
}

func dropTalkPlan(r *request) ([]telegram.Message, error) {
	if err := r.tx.DeleteTalkPlan(r.ctx, r.me.ID); err != nil {
		return nil, err
	}
	return r.say("plan_dropped"), r.endConv()
}

// confirmPlan echoes what was understood, with what deserves a second
// look: a time outside working hours, another talk within the hour, a
// cadre who cannot be told in chat.
func confirmPlan(r *request, p models.TalkPlan) ([]telegram.Message, error) {
	p, err := r.tx.SaveTalkPlan(r.ctx, p)
	if err != nil {
		return nil, err
	}
	if err := r.setTalkStep(stepTalkConfirm); err != nil {
		return nil, err
	}
	c, err := r.tx.GetCadre(r.ctx, p.CadreID)
	if err != nil {
		return nil, err
	}
	warnings, err := planWarnings(r, p, c)
	if err != nil {
		return nil, err
	}
	text := r.t("confirm_plan", esc(c.Name), reasonName(r.lang, p.Reason), talkWhen(r.lang, *p.StartsAt, r.loc), esc(p.Place))
	if len(warnings) > 0 {
		text += "\n\n" + strings.Join(warnings, "\n")
	}
	return []telegram.Message{{Text: text, Buttons: [][]telegram.Button{{
		{Text: r.t("btn_confirm"), Data: planConfirmData(p.Seq)},
		{Text: r.t("btn_change_time"), Data: planRetimeData(p.Seq)},
		{Text: r.t("btn_drop"), Data: planDropData()},
	}}}}, nil
}

func planWarnings(r *request, p models.TalkPlan, c models.Cadre) ([]string, error) {
	var out []string
	cal, err := r.calendar()
	if err != nil {
		return nil, err
	}
	if whenOutside(*p.StartsAt, r.loc, cal) {
		out = append(out, r.t("warn_outside_hours"))
	}
	var except int64
	if p.TalkID != nil {
		except = *p.TalkID
	}
	near, err := r.tx.TalksNear(r.ctx, r.me.ID, *p.StartsAt, time.Hour, except)
	if err != nil {
		return nil, err
	}
	for _, t := range near {
		out = append(out, r.t("warn_clash", talkWhen(r.lang, *t.StartsAt, r.loc), esc(t.CadreName)))
	}
	if c.ChatID == nil {
		out = append(out, r.t("warn_unbound", esc(c.Name)))
	}
	return out, nil
}

// confirmTalkPlan schedules the talk and invites the cadre.
func confirmTalkPlan(r *request, seq int) ([]telegram.Message, error) {
	p, out, err := r.plan(seq)
	if out != nil || err != nil {
		return out, err
	}
	if p.StartsAt == nil || p.Place == "" {
		return r.stale(), nil
	}
	if !p.StartsAt.After(r.tx.Now()) {
		if err := r.setTalkStep(stepTalkTime); err != nil {
			return nil, err
		}
		return r.say("plan_time_passed", talkWhen(r.lang, *p.StartsAt, r.loc)), nil
	}
	c, err := r.tx.GetCadre(r.ctx, p.CadreID)
	if err != nil {
		return nil, err
	}
	if !r.mayTalkWith(c) {
		return r.refuse(fmt.Sprintf("talk cadre %d", c.ID)), nil
	}
	t, moved, out, err := applyPlan(r, p, c)
	if out != nil || err != nil {
		return out, err
	}
	if err := r.tx.DeleteTalkPlan(r.ctx, r.me.ID); err != nil {
		return nil, err
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	if err := inviteCadre(r, t, c, moved); err != nil {
		return nil, err
	}
	key := "scheduled_done"
	if c.ChatID == nil {
		key = "scheduled_unbound"
	}
	return r.say(key, esc(c.Name), talkWhen(r.lang, *t.StartsAt, r.loc), esc(t.Place), t.ID), nil
}

// applyPlan writes the plan: a new talk, or the owed or moved one.
func applyPlan(r *request, p models.TalkPlan, c models.Cadre) (models.Talk, bool, []telegram.Message, error) {
	if p.TalkID == nil {
		t, err := r.tx.CreateTalk(r.ctx, models.NewTalk{CadreID: c.ID, LeaderID: r.me.ID, Reason: p.Reason, At: *p.StartsAt, Place: p.Place})
		return t, false, nil, err
	}
	t, err := r.tx.GetTalk(r.ctx, *p.TalkID)
	if err != nil {
		return t, false, nil, err
	}
	if !r.me.MayArrangeTalk(t, c) {
		return t, false, r.refuse(fmt.Sprintf("arrange talk %d", t.ID)), nil
	}
	switch t.Status {
	case models.TalkCancelled:
		return t, false, r.say("talk_was_cancelled_leader"), r.endConv()
	case models.TalkDue, models.TalkScheduled:
	default:
		return t, false, r.say("talk_state_now", statusName(r.lang, t.Status)), r.endConv()
	}
	moved := t.Status == models.TalkScheduled
	t, err = r.tx.ScheduleTalk(r.ctx, t.ID, t.Version, r.me.ID, *p.StartsAt, p.Place)
	return t, moved, nil, err
}
