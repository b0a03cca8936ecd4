package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// judgeable loads a report the caller may sign, return or reopen: only the
// principal of the report's unit may. A zero report means refused or gone;
// the messages say which.
func judgeable(r *request, repID int64) (models.Report, []telegram.Message, error) {
	rep, err := r.tx.GetReport(r.ctx, repID)
	if errors.Is(err, models.ErrNotFound) {
		return models.Report{}, r.stale(), nil
	}
	if err != nil {
		return models.Report{}, nil, err
	}
	u, err := r.tx.GetUnit(r.ctx, rep.UnitID)
	if err != nil {
		return models.Report{}, nil, err
	}
	if u.PrincipalID == nil || *u.PrincipalID != r.me.ID || !r.me.MayActOnUnit(u.ID) {
		return models.Report{}, r.refuse(fmt.Sprintf("judge report %d", repID)), nil
	}
	return rep, nil, nil
}

// signReport is the principal's 签字确认: the report is locked and posted.
func signReport(r *request, repID int64, version int) ([]telegram.Message, error) {
	rep, refused, err := judgeable(r, repID)
	if rep.ID == 0 {
		return refused, err
	}
	rep, err = r.tx.Sign(r.ctx, repID, version, r.me.ID)
	if out, handled := judgeError(r, repID, err); handled {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	d, err := loadDoc(r, rep)
	if err != nil {
		return nil, err
	}
	if err := publish(r, d); err != nil {
		return nil, err
	}
	return r.say("signed_done", esc(d.owner.Name), periodText(r.lang, mustPeriod(rep.Period))), nil
}

// judgeError turns a refused state change into what the principal sees.
func judgeError(r *request, repID int64, err error) ([]telegram.Message, bool) {
	switch {
	case errors.Is(err, models.ErrStale):
		return r.say("report_changed"), true
	case errors.Is(err, models.ErrConflict):
		rep, gerr := r.tx.GetReport(r.ctx, repID)
		if gerr != nil {
			return r.stale(), true
		}
		return r.say("report_state_now", texts.T(r.lang, "status_"+rep.Status)), true
	}
	return nil, false
}

// publish tells the cadre and posts the signed report to the unit's
// group for everyone in the unit to see (公示).
func publish(r *request, d reportDoc) error {
	if d.owner.ID != r.me.ID && d.owner.ChatID != nil {
		msg := texts.T(d.owner.Lang, "your_report_signed", periodText(d.owner.Lang, mustPeriod(d.rep.Period)), esc(r.me.Name))
		if err := r.notify(*d.owner.ChatID, telegram.Message{Text: msg}); err != nil {
			return err
		}
	}
	if d.unit.GroupChatID == nil {
		return nil
	}
	post := texts.T(texts.ZH, "posting_head") + "\n\n" + d.format(texts.ZH, r.loc, false)
	return r.notify(*d.unit.GroupChatID, telegram.Message{Text: post})
}

// startReturn asks the principal for the required comment.
func startReturn(r *request, repID int64, version int) ([]telegram.Message, error) {
	rep, refused, err := judgeable(r, repID)
	if rep.ID == 0 {
		return refused, err
	}
	if rep.Status != models.ReportSubmitted {
		return r.say("report_state_now", texts.T(r.lang, "status_"+rep.Status)), nil
	}
	if err := r.setConv(flowReturn, "comment", convData{ReportID: repID, Version: version}); err != nil {
		return nil, err
	}
	return r.say("ask_return_comment"), nil
}

// returnComment is the principal's comment; the report goes back with it.
func returnComment(r *request, d convData) ([]telegram.Message, error) {
	comment := strings.TrimSpace(r.in.text)
	if comment == "" {
		return r.say("ask_return_comment"), nil
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	return returnReport(r, d.ReportID, d.Version, comment)
}

func returnReport(r *request, repID int64, version int, comment string) ([]telegram.Message, error) {
	rep, refused, err := judgeable(r, repID)
	if rep.ID == 0 {
		return refused, err
	}
	rep, err = r.tx.Return(r.ctx, repID, version, r.me.ID, comment)
	if out, handled := judgeError(r, repID, err); handled {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	owner, err := askFix(r, rep, "your_report_returned", esc(r.me.Name), esc(comment))
	if err != nil {
		return nil, err
	}
	talk, err := returnedTwice(r, rep, owner, comment)
	return append(r.say("returned_done", esc(owner.Name)), talk...), err
}

// returnedTwice raises the talk owed when the report and the one of a
// month next to it have both been returned (an early sign), whichever was
// returned second, and tells the talk's holder privately, once, that it
// is owed and why. It returns that message when the holder is the caller.
func returnedTwice(r *request, rep models.Report, owner models.Cadre, comment string) ([]telegram.Message, error) {
	p := mustPeriod(rep.Period)
	other, twice, err := r.tx.ReturnedNextTo(r.ctx, rep.CadreID, p)
	if err != nil || !twice {
		return nil, err
	}
	talk, created, err := r.tx.RaiseTriggered(r.ctx, models.TriggerReturnedTwice, rep.CadreID, comment)
	if err != nil || !created {
		return nil, err // an owed talk of that reason took the note
	}
	holder, err := r.tx.GetCadre(r.ctx, talk.LeaderID)
	if err != nil {
		return nil, err
	}
	first, second := other, p
	if p.Before(other) {
		first, second = p, other
	}
	lang := holder.Lang
	m := telegram.Message{
		Text: texts.T(lang, "talk_owed_returned_twice", esc(owner.Name), periodText(lang, first), periodText(lang, second),
			reasonName(lang, talk.Reason), talkDay(lang, talk.DueBy)),
		Buttons: [][]telegram.Button{{{Text: texts.T(lang, "btn_arrange_now"), Data: arrangeTalkData(talk.ID)}}},
	}
	switch {
	case holder.ID == r.me.ID:
		return []telegram.Message{m}, nil
	case holder.ChatID != nil:
		return nil, r.notify(*holder.ChatID, m)
	}
	return nil, nil
}

// runSign is /sign REPORT_ID.
func runSign(r *request) ([]telegram.Message, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(r.in.args, "#"), 10, 64)
	if err != nil {
		return r.say("sign_usage"), nil
	}
	return signReport(r, id, 0)
}

// runReturn is /return REPORT_ID comment.
func runReturn(r *request) ([]telegram.Message, error) {
	idText, comment := cutWord(r.in.args)
	id, err := strconv.ParseInt(strings.TrimPrefix(idText, "#"), 10, 64)
	if err != nil {
		return r.say("return_usage"), nil
	}
	if comment == "" {
		return startReturn(r, id, 0)
	}
	return returnReport(r, id, 0, comment)
}

// runReopen is /reopen REPORT_ID reason: a signed report is unlocked for a
// correction, and the reopening is recorded.
func runReopen(r *request) ([]telegram.Message, error) {
	idText, reason := cutWord(r.in.args)
	id, err := strconv.ParseInt(strings.TrimPrefix(idText, "#"), 10, 64)
	if err != nil || reason == "" {
		return r.say("reopen_usage"), nil
	}
	rep, refused, err := judgeable(r, id)
	if rep.ID == 0 {
		return refused, err
	}
	rep, err = r.tx.Reopen(r.ctx, id, r.me.ID, reason)
	if out, handled := judgeError(r, id, err); handled {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	owner, err := askFix(r, rep, "your_report_reopened", esc(reason))
	if err != nil {
		return nil, err
	}
	return r.say("reopened_done", esc(owner.Name)), nil
}

// askFix tells the report's owner (in their language) that it is back with
// them, with a button that opens it; key's first argument is the month.
func askFix(r *request, rep models.Report, key string, args ...any) (models.Cadre, error) {
	owner, err := r.tx.GetCadre(r.ctx, rep.CadreID)
	if err != nil || owner.ChatID == nil || owner.ID == r.me.ID {
		return owner, err
	}
	args = append([]any{periodText(owner.Lang, mustPeriod(rep.Period))}, args...)
	return owner, r.notify(*owner.ChatID, telegram.Message{Text: texts.T(owner.Lang, key, args...),
		Buttons: [][]telegram.Button{{{Text: texts.T(owner.Lang, "btn_fix"), Data: reopenData(rep.ID)}}}})
}
