package bot

import (
	"errors"
	"fmt"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runSubmit is /submit: the report open in the conversation goes to the
// principal.
func runSubmit(r *request) ([]telegram.Message, error) {
	rep, _, out, err := openInConv(r)
	if rep.ID == 0 {
		return out, err
	}
	return submit(r, rep.ID, 0)
}

// submitButton is "rsub:REPORT:VERSION" from the preview.
func submitButton(r *request, repID int64, version int) ([]telegram.Message, error) {
	return submit(r, repID, version)
}

func submit(r *request, repID int64, version int) ([]telegram.Message, error) {
	rep, out, err := ownReport(r, repID, "submit")
	if rep.ID == 0 {
		return out, err
	}
	if !rep.Editable() {
		// A second tap on "submit", or an old preview: say where it stands.
		return showReport(r, rep, "report_already_submitted")
	}
	if version != 0 && version != rep.Version {
		return r.stale(), nil
	}
	// On time or late is judged against today's deadline, after any
	// change an admin made to the rule or the calendar.
	due, err := r.due(mustPeriod(rep.Period))
	if err != nil {
		return nil, err
	}
	if _, err := r.tx.OpenReport(r.ctx, r.me, mustPeriod(rep.Period), due); err != nil {
		return nil, err
	}
	rep, err = r.tx.Submit(r.ctx, repID, r.me.ID)
	if errors.Is(err, models.ErrEmptyReport) {
		return r.say("report_incomplete"), nil
	}
	if err != nil {
		return nil, err
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	principal, err := askSignature(r, rep)
	if err != nil {
		return nil, err
	}
	if principal == "" {
		return r.say("submitted_no_principal"), nil
	}
	return r.say("submitted", esc(principal)), nil
}

// ownReport loads a report the caller acts on as its owner; a zero report
// comes with the answer instead (gone, or not theirs: refused and logged).
func ownReport(r *request, repID int64, what string) (models.Report, []telegram.Message, error) {
	rep, err := r.tx.GetReport(r.ctx, repID)
	if errors.Is(err, models.ErrNotFound) {
		return models.Report{}, r.stale(), nil
	}
	if err != nil {
		return models.Report{}, nil, err
	}
	if rep.CadreID != r.me.ID {
		return models.Report{}, r.refuse(fmt.Sprintf("%s report %d", what, repID)), nil
	}
	return rep, nil, nil
}

// askSignature sends the submitted report to the unit's principal with
// sign and return buttons. It returns the principal's name, "" when the
// unit has no bound principal to ask.
func askSignature(r *request, rep models.Report) (string, error) {
	d, err := loadDoc(r, rep)
	if err != nil {
		return "", err
	}
	if d.unit.PrincipalID == nil {
		return "", nil
	}
	p, err := r.tx.GetCadre(r.ctx, *d.unit.PrincipalID)
	if err != nil || p.ChatID == nil {
		return "", ignoreNotFound(err)
	}
	head := texts.T(p.Lang, "sign_request", esc(d.owner.Name))
	if p.ID == d.owner.ID {
		head = texts.T(p.Lang, "sign_request_self")
	}
	m := telegram.Message{
		Text: head + "\n\n" + d.format(p.Lang, r.loc),
		Buttons: [][]telegram.Button{{
			{Text: texts.T(p.Lang, "btn_sign"), Data: signData(rep.ID, rep.Version)},
			{Text: texts.T(p.Lang, "btn_return"), Data: returnData(rep.ID, rep.Version)},
		}},
	}
	if p.ID == r.me.ID {
		// The principal's own report: the prompt is a reply in this chat.
		return p.Name, r.notify(r.in.chatID, m)
	}
	return p.Name, r.notify(*p.ChatID, m)
}
