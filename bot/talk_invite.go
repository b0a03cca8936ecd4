package bot

import (
	"errors"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// inviteCadre tells the cadre the time and place, in their language, with
// buttons to confirm or ask for another time. The reason is not told: the
// cadre sees time, place and status only.
func inviteCadre(r *request, t models.Talk, c models.Cadre, moved bool) error {
	if c.ChatID == nil {
		return nil
	}
	return r.notify(*c.ChatID, invitation(c.Lang, t, r.me.Name, moved, r.loc))
}

func invitation(lang string, t models.Talk, leader string, moved bool, loc *time.Location) telegram.Message {
	key := "invitation"
	if moved {
		key = "invitation_moved"
	}
	return telegram.Message{
		Text: texts.T(lang, key, esc(leader), talkWhen(lang, *t.StartsAt, loc), esc(t.Place), t.ID),
		Buttons: [][]telegram.Button{{
			{Text: texts.T(lang, "btn_attend"), Data: attendData(t.ID, t.Version)},
			{Text: texts.T(lang, "btn_later"), Data: laterData(t.ID, t.Version)},
		}},
	}
}

// invitedTalk loads a talk and its holder for the cadre's answer; out
// explains when the answer cannot apply: not theirs, cancelled, moved
// since, or over.
func invitedTalk(r *request, id int64, version int) (t models.Talk, leader models.Cadre, out []telegram.Message, err error) {
	t, _, out, err = loadTalk(r, id)
	if out != nil || err != nil {
		return t, models.Cadre{}, out, err
	}
	if t.CadreID != r.me.ID {
		return t, models.Cadre{}, r.refuse(fmt.Sprintf("answer talk %d", id)), nil
	}
	leader, err = r.tx.GetCadre(r.ctx, t.LeaderID)
	if err != nil {
		return t, models.Cadre{}, nil, err
	}
	switch {
	case t.Status == models.TalkCancelled:
		return t, models.Cadre{}, r.say("talk_cancelled_reply", talkWhenOpt(r.lang, t.StartsAt, r.loc), esc(leader.Name)), r.endConv()
	case t.Status != models.TalkScheduled:
		return t, models.Cadre{}, r.say("talk_over_reply", statusName(r.lang, t.Status)), r.endConv()
	case version != 0 && version != t.Version:
		return t, models.Cadre{}, r.say("talk_moved_reply", talkWhen(r.lang, *t.StartsAt, r.loc), esc(t.Place)), r.endConv()
	}
	return t, leader, nil, nil
}

// confirmInvitation is the cadre's "I will come".
func confirmInvitation(r *request, id int64, version int) ([]telegram.Message, error) {
	t, leader, out, err := invitedTalk(r, id, version)
	if out != nil || err != nil {
		return out, err
	}
	if _, err := r.tx.AnswerTalk(r.ctx, id, t.Version, models.AnswerConfirmed, ""); err != nil {
		return nil, err
	}
	if leader.ChatID != nil {
		msg := texts.T(leader.Lang, "cadre_confirmed", esc(r.me.Name), talkWhen(leader.Lang, *t.StartsAt, r.loc))
		if err := r.notify(*leader.ChatID, telegram.Message{Text: msg}); err != nil {
			return nil, err
		}
	}
	return r.say("attend_done", talkWhen(r.lang, *t.StartsAt, r.loc), esc(t.Place)), nil
}

// askLaterNote asks the cadre which times suit them.
func askLaterNote(r *request, id int64, version int) ([]telegram.Message, error) {
	t, _, out, err := invitedTalk(r, id, version)
	if out != nil || err != nil {
		return out, err
	}
	if err := r.setTalkStep(fmt.Sprintf("%s:%d:%d", stepTalkLater, t.ID, t.Version)); err != nil {
		return nil, err
	}
	return r.say("ask_later_note"), nil
}

// answerLater passes the cadre's request for another time to the holder,
// with a button to move the talk.
func answerLater(r *request, id int64, version int, note string) ([]telegram.Message, error) {
	t, leader, out, err := invitedTalk(r, id, version)
	if out != nil || err != nil {
		return out, err
	}
	if note == "" {
		return r.say("ask_later_note"), nil
	}
	if _, err := r.tx.AnswerTalk(r.ctx, id, t.Version, models.AnswerLater, note); err != nil {
		return nil, err
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	if leader.ChatID != nil {
		msg := telegram.Message{
			Text:    texts.T(leader.Lang, "cadre_asks_later", esc(r.me.Name), talkWhen(leader.Lang, *t.StartsAt, r.loc), esc(note)),
			Buttons: [][]telegram.Button{{{Text: texts.T(leader.Lang, "btn_move_short"), Data: arrangeTalkData(t.ID)}}},
		}
		if err := r.notify(*leader.ChatID, msg); err != nil {
			return nil, err
		}
	}
	return r.say("later_done", esc(leader.Name)), nil
}

// startCancelTalk asks for the reason, or cancels when it was typed.
func startCancelTalk(r *request, id int64, reason string) ([]telegram.Message, error) {
	t, c, out, err := loadTalk(r, id)
	if out != nil || err != nil {
		return out, err
	}
	if !r.me.MayCancelTalk(t, c) {
		return r.refuse(fmt.Sprintf("cancel talk %d", id)), nil
	}
	if t.Status != models.TalkDue && t.Status != models.TalkScheduled {
		return r.say("talk_state_now", statusName(r.lang, t.Status)), nil
	}
	if reason != "" {
		return cancelTalk(r, id, reason)
	}
	if err := r.setTalkStep(fmt.Sprintf("%s:%d", stepTalkCancel, id)); err != nil {
		return nil, err
	}
	return r.say("ask_cancel_reason", esc(c.Name)), nil
}

// cancelTalk calls the talk off. A cadre already invited is told (without
// the reason, which stays with the holder and the department), and so is
// the holder when someone else cancelled.
func cancelTalk(r *request, id int64, reason string) ([]telegram.Message, error) {
	t, c, out, err := loadTalk(r, id)
	if out != nil || err != nil {
		return out, err
	}
	if !r.me.MayCancelTalk(t, c) {
		return r.refuse(fmt.Sprintf("cancel talk %d", id)), r.endConv()
	}
	if reason == "" {
		return r.say("ask_cancel_reason", esc(c.Name)), nil
	}
	was := t.Status
	t, err = r.tx.CancelTalk(r.ctx, id, r.me.ID, reason)
	if errors.Is(err, models.ErrTalkCancelled) || errors.Is(err, models.ErrConflict) {
		return r.say("talk_state_now", statusName(r.lang, was)), r.endConv()
	} else if err != nil {
		return nil, err
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	if was == models.TalkScheduled && c.ChatID != nil {
		msg := texts.T(c.Lang, "cancelled_to_cadre", talkWhen(c.Lang, *t.StartsAt, r.loc))
		if err := r.notify(*c.ChatID, telegram.Message{Text: msg}); err != nil {
			return nil, err
		}
	}
	if t.LeaderID != r.me.ID {
		if holder, err := r.tx.GetCadre(r.ctx, t.LeaderID); err == nil && holder.ChatID != nil {
			msg := texts.T(holder.Lang, "cancelled_to_holder", esc(r.me.Name), esc(c.Name), esc(reason))
			if err := r.notify(*holder.ChatID, telegram.Message{Text: msg}); err != nil {
				return nil, err
			}
		}
	}
	return r.say("talk_cancel_done", esc(c.Name)), nil
}
