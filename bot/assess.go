package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

const (
	flowAssess = "assess"
	stepAssess = "text"
)

// runAssess is /assess: the principal's short assessment of each cadre of
// the unit for the annual judgement (年度研判). Without arguments it lists
// who is still to be assessed, a button each; "/assess 张三 评价" records
// one; "/assess 张三" asks for the text.
func runAssess(r *request) ([]telegram.Message, error) {
	if !r.in.private {
		return nil, nil
	}
	year := models.AnnualYearAt(r.tx.Now(), r.loc)
	args := strings.TrimSpace(r.in.args)
	if args == "" {
		return assessList(r, year)
	}
	name, text := cutWord(args)
	c, out, err := findScopedCadre(r, name, "assess")
	if out != nil || err != nil {
		return out, err
	}
	if text == "" {
		return askAssessment(r, c.ID)
	}
	return saveAssessment(r, c, year, text)
}

func assessList(r *request, year int) ([]telegram.Message, error) {
	rows, err := r.tx.AssessList(r.ctx, r.me, year)
	if err != nil {
		return nil, err
	}
	done := 0
	var lines []string
	var buttons [][]telegram.Button
	for _, row := range rows {
		if row.Assessed {
			done++
			lines = append(lines, r.t("assess_done_mark", esc(row.Cadre.Name)))
			continue
		}
		lines = append(lines, r.t("assess_todo_mark", esc(row.Cadre.Name)))
		if !row.Confirmed {
			buttons = append(buttons, []telegram.Button{{Text: r.t("btn_assess", row.Cadre.Name), Data: assessData(row.Cadre.ID)}})
		}
	}
	text := r.t("assess_list_head", year, len(rows), done)
	if len(lines) > 0 {
		text += "\n" + strings.Join(lines, "\n")
	}
	text += "\n\n" + r.t("assess_hint", models.AnnualRoundDue(year))
	return []telegram.Message{{Text: text, Buttons: buttons}}, nil
}

// askAssessment starts the flow for one cadre; the id may come from a
// forged button, so the rule is checked again.
func askAssessment(r *request, cadreID int64) ([]telegram.Message, error) {
	c, err := r.tx.GetCadre(r.ctx, cadreID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && !r.me.MayAssess(c)) {
		return r.refuse("assess cadre " + strconv.FormatInt(cadreID, 10)), nil
	}
	if err != nil {
		return nil, err
	}
	if err := r.setConv(flowAssess, stepAssess, convData{CadreID: c.ID}); err != nil {
		return nil, err
	}
	return r.say("assess_ask", esc(c.Name), models.AnnualYearAt(r.tx.Now(), r.loc), models.MaxAssessmentRunes), nil
}

// assessText is the text typed in the flow.
func assessText(r *request, d convData) ([]telegram.Message, error) {
	c, err := r.tx.GetCadre(r.ctx, d.CadreID)
	if err != nil {
		return nil, err
	}
	out, err := saveAssessment(r, c, models.AnnualYearAt(r.tx.Now(), r.loc), r.in.text)
	if err == nil {
		err = r.endConv()
	}
	return out, err
}

func saveAssessment(r *request, c models.Cadre, year int, text string) ([]telegram.Message, error) {
	_, err := r.tx.AssessAnnual(r.ctx, r.me, c.ID, year, text)
	switch {
	case errors.Is(err, models.ErrNotAllowed):
		return r.say("not_allowed"), nil // AssessAnnual audited the refusal
	case errors.Is(err, models.ErrJudgementLocked):
		return r.say("assess_locked", esc(c.Name), year), nil
	case errors.Is(err, models.ErrTooLong):
		return r.say("assess_too_long", models.MaxAssessmentRunes), nil
	case errors.Is(err, models.ErrReasonRequired):
		return r.say("assess_empty"), nil
	case err != nil:
		return nil, err
	}
	return r.say("assess_saved", esc(c.Name), year), nil
}

// annualRoundMessage is the round's prompt: the year, the deadline, how
// many are still to assess and the next step.
func annualRoundMessage(p models.AnnualRound) telegram.Message {
	return telegram.Message{Text: texts.T(p.Lang, "annual_round", p.Year, p.Due, p.ToAssess)}
}
