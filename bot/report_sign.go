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

// judgeable loads a report the caller may sign or return (may is
// models.Cadre.MayJudgeReport) or reopen (MayReopenReport). A zero report
// means refused or gone; the messages say which.
func judgeable(r *request, repID int64, may func(models.Cadre, models.Unit) bool) (models.Report, []telegram.Message, error) {
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
	if !may(r.me, u) {
		return models.Report{}, r.refuse(fmt.Sprintf("judge report %d", repID)), nil
	}
	return rep, nil, nil
}

// signReport is the principal's 签字确认: the report is locked, its owner
// told and the unit's group shown it (公示), by models.SignReport as on
// the web.
func signReport(r *request, repID int64, version int) ([]telegram.Message, error) {
	rep, refused, err := judgeable(r, repID, models.Cadre.MayJudgeReport)
	if rep.ID == 0 {
		return refused, err
	}
	rep, err = r.tx.SignReport(r.ctx, repID, version, r.me)
	if out, handled := judgeError(r, repID, err); handled {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	owner, err := r.tx.GetCadre(r.ctx, rep.CadreID)
	if err != nil {
		return nil, err
	}
	return r.say("signed_done", esc(owner.Name), periodText(r.lang, mustPeriod(rep.Period))), nil
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

// startReturn asks the principal for the required comment.
func startReturn(r *request, repID int64, version int) ([]telegram.Message, error) {
	rep, refused, err := judgeable(r, repID, models.Cadre.MayJudgeReport)
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

// returnReport sends the report back with the comment through
// models.ReturnReport, which tells the owner and, when a month next to it
// was returned too, raises the talk owed and tells its holder once.
func returnReport(r *request, repID int64, version int, comment string) ([]telegram.Message, error) {
	rep, refused, err := judgeable(r, repID, models.Cadre.MayJudgeReport)
	if rep.ID == 0 {
		return refused, err
	}
	rep, err = r.tx.ReturnReport(r.ctx, repID, version, r.me, comment)
	if out, handled := judgeError(r, repID, err); handled {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	owner, err := r.tx.GetCadre(r.ctx, rep.CadreID)
	if err != nil {
		return nil, err
	}
	return r.say("returned_done", esc(owner.Name)), nil
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
// correction, and the reopening is recorded. The principal or an admin
// may (models.Cadre.MayReopenReport).
func runReopen(r *request) ([]telegram.Message, error) {
	idText, reason := cutWord(r.in.args)
	id, err := strconv.ParseInt(strings.TrimPrefix(idText, "#"), 10, 64)
	if err != nil || reason == "" {
		return r.say("reopen_usage"), nil
	}
	rep, refused, err := judgeable(r, id, models.Cadre.MayReopenReport)
	if rep.ID == 0 {
		return refused, err
	}
	rep, err = r.tx.ReopenReport(r.ctx, id, r.me, reason)
	if out, handled := judgeError(r, id, err); handled {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	owner, err := r.tx.GetCadre(r.ctx, rep.CadreID)
	if err != nil {
		return nil, err
	}
	return r.say("reopened_done", esc(owner.Name)), nil
}
