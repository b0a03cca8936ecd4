package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// flowTraining is the leave reason being typed: step "leave:INVITATION".
const flowTraining = "training"

// myInvitation loads the caller's invitation; out explains when the answer
// cannot apply: not theirs, cancelled, moved since the button was shown.
func myInvitation(r *request, id int64, version int) (models.TrainingInvitation, models.TrainingSession, []telegram.Message, error) {
	inv, t, err := r.tx.GetTrainingInvitation(r.ctx, id)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return inv, t, r.stale(), nil
	case err != nil:
		return inv, t, nil, err
	case inv.CadreID != r.me.ID:
		return inv, t, r.refuse(fmt.Sprintf("answer training invitation %d", id)), nil
	case t.Status == models.TrainingCancelled:
		return inv, t, r.say("training_is_cancelled", esc(t.Title)), r.endConv()
	case version != 0 && version != t.Version:
		return inv, t, r.say("training_was_moved", esc(t.Title), talkWhen(r.lang, t.StartsAt, r.loc), esc(t.Place)), r.endConv()
	}
	return inv, t, nil, nil
}

// confirmTraining is the invitee's "I will come".
func confirmTraining(r *request, id int64, version int) ([]telegram.Message, error) {
	_, t, out, err := myInvitation(r, id, version)
	if out != nil || err != nil {
		return out, err
	}
	if _, _, err := r.tx.ConfirmTraining(r.ctx, id, r.me.ID); errors.Is(err, models.ErrTrainingStarted) {
		return r.say("training_over"), nil
	} else if err != nil {
		return nil, err
	}
	return r.say("training_confirmed", esc(t.Title), talkWhen(r.lang, t.StartsAt, r.loc), esc(t.Place)), nil
}

// askTrainingLeave asks for the reason of a leave request.
func askTrainingLeave(r *request, id int64, version int) ([]telegram.Message, error) {
	_, t, out, err := myInvitation(r, id, version)
	if out != nil || err != nil {
		return out, err
	}
	if !r.tx.Now().Before(t.StartsAt) {
		return r.say("training_leave_too_late"), nil
	}
	if err := r.setConv(flowTraining, "leave:"+strconv.FormatInt(id, 10), convData{}); err != nil {
		return nil, err
	}
	return r.say("training_leave_ask", esc(t.Title)), nil
}

// trainingText takes the typed leave reason.
func trainingText(r *request, step string) ([]telegram.Message, error) {
	name, rest, _ := strings.Cut(step, ":")
	id, err := strconv.ParseInt(rest, 10, 64)
	if name != "leave" || err != nil {
		return r.say("plain_text_hint"), r.endConv()
	}
	reason := strings.TrimSpace(r.in.text)
	if reason == "" || utf8.RuneCountInString(reason) > 200 {
		return r.say("training_leave_reason_bad"), nil
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	return requestLeave(r, id, reason)
}

// requestLeave records the request and asks the approver, with buttons.
func requestLeave(r *request, id int64, reason string) ([]telegram.Message, error) {
	_, t, out, err := myInvitation(r, id, 0)
	if out != nil || err != nil {
		return out, err
	}
	inv, t, approverID, err := r.tx.AskTrainingLeave(r.ctx, id, r.me.ID, reason)
	switch {
	case errors.Is(err, models.ErrTrainingStarted):
		return r.say("training_leave_too_late"), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("training_leave_already"), nil
	case err != nil:
		return nil, err
	}
	approver, err := r.tx.GetCadre(r.ctx, approverID)
	if err != nil {
		return nil, err
	}
	if approver.ChatID != nil {
		l := approver.Lang
		m := telegram.Message{
			Text: texts.T(l, "training_leave_to_approver", esc(r.me.Name), esc(r.unitName(r.me)), esc(t.Title),
				talkWhen(l, t.StartsAt, r.loc), esc(reason)),
			Buttons: [][]telegram.Button{{
				{Text: texts.T(l, "btn_training_approve"), Data: trainingApproveData(inv.ID)},
				{Text: texts.T(l, "btn_training_refuse"), Data: trainingRefuseData(inv.ID)},
			}},
		}
		if err := r.notify(*approver.ChatID, m); err != nil {
			return nil, err
		}
	}
	return r.say("training_leave_sent", esc(approver.Name)), nil
}

// decideTrainingLeave is the approver's answer; the cadre is told either way.
func decideTrainingLeave(r *request, id int64, approve bool) ([]telegram.Message, error) {
	inv, t, err := r.tx.DecideTrainingLeave(r.ctx, id, r.me, approve)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return r.stale(), nil
	case errors.Is(err, models.ErrTrainingNotAllowed):
		return r.refuse(fmt.Sprintf("decide leave %d", id)), nil
	case errors.Is(err, models.ErrConflict), errors.Is(err, models.ErrTrainingCancelled):
		return r.say("training_leave_decided_already"), nil
	case err != nil:
		return nil, err
	}
	c, err := r.tx.GetCadre(r.ctx, inv.CadreID)
	if err != nil {
		return nil, err
	}
	key, reply := "training_leave_refused", "training_leave_refused_done"
	if approve {
		key, reply = "training_leave_approved", "training_leave_approved_done"
	}
	if c.ChatID != nil {
		m := telegram.Message{Text: texts.T(c.Lang, key, esc(t.Title), talkWhen(c.Lang, t.StartsAt, r.loc), esc(t.Place))}
		if err := r.notify(*c.ChatID, m); err != nil {
			return nil, err
		}
	}
	return r.say(reply, esc(c.Name), esc(t.Title)), nil
}
