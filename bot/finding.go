package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// flowFinding is a liaison's guided finding: cadre → dimension → fact →
// reference → severity (the last a tap, which files it).
const flowFinding = "finding"

// runFinding is /finding [NAME], or /finding none (本轮无问题线索).
func runFinding(r *request) ([]telegram.Message, error) {
	round, out, err := reviewRound(r)
	if out != nil || err != nil {
		return out, err
	}
	if round.State != models.ReviewCollecting {
		return r.say("review_not_taking"), nil
	}
	switch strings.ToLower(r.in.args) {
	case "":
		if err := r.setConv(flowFinding, "cadre", convData{}); err != nil {
			return nil, err
		}
		return []telegram.Message{{Text: r.t("finding_ask_cadre"),
			Buttons: [][]telegram.Button{{{Text: r.t("btn_finding_none"), Data: findNoneData()}}}}}, nil
	case "none", "无":
		return findingNone(r)
	}
	return findingWho(r, round, r.in.args)
}

// findingWho finds the cadre a liaison typed: one → ask the dimension;
// several → ask which; none → suggest the nearest names.
func findingWho(r *request, round models.ReviewRound, q string) ([]telegram.Message, error) {
	c, others, err := r.tx.MatchCadre(r.ctx, round, q)
	switch {
	case errors.Is(err, models.ErrConflict), errors.Is(err, models.ErrNotFound):
		if err := r.setConv(flowFinding, "cadre", convData{}); err != nil {
			return nil, err
		}
		var rows [][]telegram.Button
		for _, o := range others {
			rows = append(rows, []telegram.Button{{Text: fmt.Sprintf("%s（%s，%s）", o.Name, r.unitName(o), o.ExternalID), Data: findCadreData(o.ID)}})
		}
		key := "finding_which"
		if errors.Is(err, models.ErrNotFound) {
			key = "finding_none_match"
			if len(others) > 0 {
				key = "finding_suggest"
			}
		}
		return []telegram.Message{{Text: r.t(key, esc(q)), Buttons: rows}}, nil
	case err != nil:
		return nil, err
	}
	return findingCadre(r, c.ID)
}

// findingCadre sets the cadre and asks the dimension.
func findingCadre(r *request, cadreID int64) ([]telegram.Message, error) {
	if !r.me.MayFileFindings() {
		return r.refuse(fmt.Sprintf("finding cadre:%d", cadreID)), nil
	}
	c, err := r.tx.GetCadre(r.ctx, cadreID)
	if errors.Is(err, models.ErrNotFound) {
		return r.stale(), nil
	} else if err != nil {
		return nil, err
	}
	if err := r.setConv(flowFinding, "dim", convData{ReviewCadre: cadreID}); err != nil {
		return nil, err
	}
	var row []telegram.Button
	for _, d := range models.ReviewDims {
		row = append(row, telegram.Button{Text: r.dimName(d), Data: findDimData(d)})
	}
	return []telegram.Message{{Text: r.t("finding_ask_dim", esc(c.Name), esc(r.unitName(c))), Buttons: [][]telegram.Button{row}}}, nil
}

func findingDim(r *request, dim string) ([]telegram.Message, error) {
	conv, d, ok, err := r.conv()
	if err != nil {
		return nil, err
	}
	if _, known := models.ParseDim(dim); !known || !ok || conv.Flow != flowFinding || d.ReviewCadre == 0 || !r.me.MayFileFindings() {
		return r.stale(), nil
	}
	d.ReviewDim = dim
	if err := r.setConv(flowFinding, "fact", d); err != nil {
		return nil, err
	}
	return r.say("finding_ask_fact", r.dimName(dim)), nil
}

// findingText takes the typed steps: the cadre's name, the fact, the
// reference number.
func findingText(r *request, step string, d convData) ([]telegram.Message, error) {
	text := strings.TrimSpace(r.in.text)
	switch step {
	case "cadre":
		round, out, err := reviewRound(r)
		if out != nil || err != nil {
			return out, err
		}
		return findingWho(r, round, text)
	case "fact":
		if text == "" || len([]rune(text)) > models.MaxReviewNote {
			return r.say("review_too_long", models.MaxReviewNote), nil
		}
		d.FindFact = text
		if err := r.setConv(flowFinding, "ref", d); err != nil {
			return nil, err
		}
		return r.say("finding_ask_ref"), nil
	case "ref":
		if text == "无" || text == "-" || strings.EqualFold(text, "none") {
			text = ""
		}
		if len([]rune(text)) > 100 {
			return r.say("review_too_long", 100), nil
		}
		d.FindRef = text
		if err := r.setConv(flowFinding, "sev", d); err != nil {
			return nil, err
		}
		var row []telegram.Button
		for _, s := range []string{models.SevRemind, models.SevWarn, models.SevSerious} {
			row = append(row, telegram.Button{Text: r.t("review_sev_" + s), Data: findSevData(s)})
		}
		return []telegram.Message{{Text: r.t("finding_ask_sev"), Buttons: [][]telegram.Button{row}}}, nil
	}
	return r.say("finding_tap"), nil
}

// findingSeverity files the finding the conversation holds.
func findingSeverity(r *request, sev string) ([]telegram.Message, error) {
	conv, d, ok, err := r.conv()
	if err != nil {
		return nil, err
	}
	if !ok || conv.Flow != flowFinding || conv.Step != "sev" || !r.me.MayFileFindings() {
		return r.stale(), nil
	}
	round, out, err := reviewRound(r)
	if out != nil || err != nil {
		return out, err
	}
	c, err := r.tx.GetCadre(r.ctx, d.ReviewCadre)
	if err != nil {
		return nil, err
	}
	_, err = r.tx.FileFinding(r.ctx, models.Answer{Round: round, By: r.me, Cadre: c, Dims: []string{d.ReviewDim},
		Note: d.FindFact, Ref: d.FindRef, Sev: sev, Dept: r.unitName(r.me), Finding: true})
	if err != nil {
		return reviewErr(r, err)
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	return r.say("finding_filed", esc(c.Name), r.dimName(d.ReviewDim), r.t("review_sev_"+sev)), nil
}

// findingNone records the liaison's "no findings this round".
func findingNone(r *request) ([]telegram.Message, error) {
	if r.me.Role != models.RoleLiaison {
		return r.refuse("finding none"), nil
	}
	round, out, err := reviewRound(r)
	if out != nil || err != nil {
		return out, err
	}
	if err := r.tx.DeclareNoFindings(r.ctx, round, r.me); err != nil {
		return reviewErr(r, err)
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	return r.say("finding_none_saved", round.Code), nil
}
