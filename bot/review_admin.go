package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// reviewAdmin is the organization department's /review: the status, the
// round's life (open, extend, consult, confirmed, close, reopen), a
// cadre's matrix and the decisions on it.
func reviewAdmin(r *request) ([]telegram.Message, error) {
	sub, rest := cutWord(r.in.args)
	switch strings.ToLower(sub) {
	case "":
		return reviewCounty(r)
	case "open", "开启":
		return reviewOpen(r, rest)
	case "extend", "延长":
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 {
			return r.say("review_admin_usage"), nil
		}
		return reviewMove(r, func(code string) (models.ReviewRound, error) { return r.tx.ExtendRound(r.ctx, code, n, &r.me.ID) })
	case "consult", "研判":
		return reviewState(r, models.ReviewConsultation)
	case "confirmed", "确认完毕":
		return reviewState(r, models.ReviewConfirmed)
	case "close", "关闭":
		return reviewState(r, models.ReviewClosed)
	case "reopen", "重开":
		round, err := r.tx.LatestRound(r.ctx)
		if errors.Is(err, models.ErrNoRound) {
			return r.say("review_no_round"), nil
		} else if err != nil {
			return nil, err
		}
		return reviewMoveCode(r, round.Code, func(code string) (models.ReviewRound, error) {
			return r.tx.SetRoundState(r.ctx, code, models.ReviewCollecting, &r.me.ID)
		})
	case "confirm", "确认":
		return reviewConfirmTyped(r, rest, false)
	case "dismiss", "不予处理":
		return reviewConfirmTyped(r, rest, true)
	case "resolve", "销号":
		idText, note := cutWord(rest)
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil || note == "" {
			return r.say("review_admin_usage"), nil
		}
		it, err := r.tx.ResolveItem(r.ctx, id, r.me, note)
		if errors.Is(err, models.ErrNotFound) || errors.Is(err, models.ErrConflict) {
			return r.say("review_item_not_open", id), nil
		} else if err != nil {
			return nil, err
		}
		return r.say("review_resolved", it.ID, r.dimName(it.Dim)), nil
	case "note", "审":
		return reviewOrgNote(r, rest)
	case "describe", "说明":
		word, text := cutWord(rest)
		dim, ok := models.ParseDim(word)
		if !ok || text == "" {
			return r.say("review_admin_usage"), nil
		}
		if err := r.tx.SetDimensionDescription(r.ctx, dim, text, &r.me.ID); err != nil {
			return reviewErr(r, err)
		}
		return r.say("review_described", r.dimName(dim), esc(text)), nil
	}
	return reviewCadre(r, r.in.args)
}

// reviewOpen is /review open [2026Q4] [WORKDAYS].
func reviewOpen(r *request, rest string) ([]telegram.Message, error) {
	code, more := cutWord(rest)
	workdays := 0
	if n, err := strconv.Atoi(code); err == nil {
		code, workdays = "", n
	} else if n, err := strconv.Atoi(more); err == nil {
		workdays = n
	}
	if code == "" {
		code = models.QuarterOf(r.tx.Now().In(r.loc))
	}
	round, err := r.tx.OpenRound(r.ctx, models.NewRound{Code: code, Workdays: workdays, Actor: &r.me.ID})
	switch {
	case errors.Is(err, models.ErrBadRoundCode):
		return r.say("review_bad_code", esc(code)), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("review_exists", esc(strings.ToUpper(code))), nil
	case err != nil:
		return nil, err
	}
	return r.say("review_opened", round.Code, round.ClosesOn), nil
}

func reviewState(r *request, to string) ([]telegram.Message, error) {
	return reviewMove(r, func(code string) (models.ReviewRound, error) { return r.tx.SetRoundState(r.ctx, code, to, &r.me.ID) })
}

// reviewMove applies move to the running round and says where it is now.
func reviewMove(r *request, move func(code string) (models.ReviewRound, error)) ([]telegram.Message, error) {
	round, out, err := reviewRound(r)
	if out != nil || err != nil {
		return out, err
	}
	return reviewMoveCode(r, round.Code, move)
}

func reviewMoveCode(r *request, code string, move func(code string) (models.ReviewRound, error)) ([]telegram.Message, error) {
	round, err := move(code)
	if errors.Is(err, models.ErrRoundState) {
		return r.say("review_cannot_move", code), nil
	} else if err != nil {
		return nil, err
	}
	return r.say("review_moved", roundLine(r, round)), nil
}

// reviewCounty is the admin's status: the round, who has answered (counts
// by source), the county's summary by dimension, the promotion guard.
func reviewCounty(r *request) ([]telegram.Message, error) {
	round, err := r.tx.LatestRound(r.ctx)
	if errors.Is(err, models.ErrNoRound) {
		return r.say("review_no_round_admin"), nil
	} else if err != nil {
		return nil, err
	}
	prog, err := r.tx.Completeness(r.ctx, round.ID)
	if err != nil {
		return nil, err
	}
	ms, err := r.tx.Matrices(r.ctx, round, nil)
	if err != nil {
		return nil, err
	}
	sums, err := r.tx.Summaries(r.ctx, round, ms)
	if err != nil {
		return nil, err
	}
	guard, err := r.tx.PromotionGuard(r.ctx)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(roundLine(r, round))
	for _, src := range []string{models.SrcPrincipal, models.SrcColleague, models.SrcDepartment} {
		p := prog[src]
		fmt.Fprintf(&b, "\n%s", r.t("review_progress", r.srcName(src), p[0], p[1]))
	}
	c := sums[0]
	fmt.Fprintf(&b, "\n%s", r.t("review_county", c.Cadres))
	for i, d := range models.ReviewDims {
		fmt.Fprintf(&b, "\n%s", r.t("review_county_dim", r.dimName(d), c.Raised[i], c.Corroborated[i]))
	}
	if c.SatAnswers > 0 {
		fmt.Fprintf(&b, "\n%s", r.t("review_satisfaction", fmt.Sprintf("%.1f", c.Satisfaction), c.SatAnswers))
	}
	fmt.Fprintf(&b, "\n%s\n%s", r.t("review_guard", len(guard)), r.t("review_admin_usage"))
	return []telegram.Message{{Text: b.String()}}, nil
}

// reviewConfirmTyped is /review confirm CADRE DIM DISPOSITION [REASON]
// and /review dismiss CADRE DIM.
func reviewConfirmTyped(r *request, rest string, dismiss bool) ([]telegram.Message, error) {
	who, rest := cutWord(rest)
	dimWord, rest := cutWord(rest)
	dim, ok := models.ParseDim(dimWord)
	if who == "" || !ok {
		return r.say("review_admin_usage"), nil
	}
	target, out, err := adminFindCadre(r, who)
	if out != nil || err != nil {
		return out, err
	}
	if dismiss {
		return decide(r, target.ID, dim, "", rest)
	}
	dispWord, reason := cutWord(rest)
	disp, ok := models.ParseDisposition(dispWord)
	if !ok {
		return r.say("review_admin_usage"), nil
	}
	return decide(r, target.ID, dim, disp, reason)
}

func adminFindCadre(r *request, who string) (models.Cadre, []telegram.Message, error) {
	found, err := r.tx.FindCadres(r.ctx, who, nil, 5)
	switch {
	case err != nil:
		return models.Cadre{}, nil, err
	case len(found) == 0:
		return models.Cadre{}, r.say("cadre_not_found", esc(who)), nil
	case len(found) > 1:
		var names []string
		for _, c := range found {
			names = append(names, fmt.Sprintf("%s（%s）", esc(c.Name), esc(c.ExternalID)))
		}
		return models.Cadre{}, r.say("cadre_ambiguous", strings.Join(names, "、")), nil
	}
	return found[0], nil, nil
}

// decide confirms a dimension of a cadre into their list, or dismisses it.
func decide(r *request, cadreID int64, dim, disp, reason string) ([]telegram.Message, error) {
	round, out, err := reviewRound(r)
	if out != nil || err != nil {
		return out, err
	}
	it, err := r.tx.Decide(r.ctx, models.Decision{Round: round, CadreID: cadreID, Dim: dim, Disposition: disp, Reason: reason, Actor: r.me})
	if errors.Is(err, models.ErrNotFound) || errors.Is(err, models.ErrNotInScope) {
		return r.say("review_nothing_raised", r.dimName(dim)), nil
	} else if err != nil {
		return reviewErr(r, err)
	}
	c, err := r.tx.GetCadre(r.ctx, cadreID)
	if err != nil {
		return nil, err
	}
	switch {
	case it.State == models.ItemDismissed:
		return r.say("review_dismissed", esc(c.Name), r.dimName(dim)), nil
	case it.TalkID != nil:
		return r.say("review_confirmed_talk", esc(c.Name), r.dimName(dim), it.ID), nil
	}
	return r.say("review_confirmed", esc(c.Name), r.dimName(dim), r.dispName(disp), it.ID), nil
}

func reviewDisposeButton(r *request, cadreID int64, dim int) ([]telegram.Message, error) {
	if !r.me.MayReadReviewAnswers() {
		return r.refuse(fmt.Sprintf("review dispose:%d", cadreID)), nil
	}
	if dim < 0 || dim >= len(models.ReviewDims) {
		return r.stale(), nil
	}
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, d := range append(append([]string{}, models.Dispositions...), "none") {
		row = append(row, telegram.Button{Text: r.t("review_disp_" + d), Data: reviewDecideData(cadreID, dim, d)})
		if len(row) == 3 {
			rows, row = append(rows, row), nil
		}
	}
	return []telegram.Message{{Text: r.t("review_pick_disp", r.dimName(models.ReviewDims[dim])), Buttons: rows}}, nil
}

func reviewDecideButton(r *request, cadreID int64, dim int, disp string) ([]telegram.Message, error) {
	if !r.me.MayReadReviewAnswers() {
		return r.refuse(fmt.Sprintf("review decide:%d", cadreID)), nil
	}
	if dim < 0 || dim >= len(models.ReviewDims) {
		return r.stale(), nil
	}
	d := models.ReviewDims[dim]
	switch disp {
	case "none":
		return decide(r, cadreID, d, "", "")
	case models.DispReject:
		if err := r.setConv(flowReview, "reject", convData{ReviewCadre: cadreID, ReviewDim: d}); err != nil {
			return nil, err
		}
		return r.say("review_ask_reason"), nil
	}
	if _, ok := models.ParseDisposition(disp); !ok {
		return r.stale(), nil
	}
	return decide(r, cadreID, d, disp, "")
}

// reviewOrgNote is /review note CADRE DIMENSION TEXT: the department's own
// examination (组织部门审), while answers are taken or weighed.
func reviewOrgNote(r *request, rest string) ([]telegram.Message, error) {
	who, rest := cutWord(rest)
	dimWord, text := cutWord(rest)
	dim, ok := models.ParseDim(dimWord)
	if who == "" || !ok || text == "" {
		return r.say("review_admin_usage"), nil
	}
	target, out, err := adminFindCadre(r, who)
	if out != nil || err != nil {
		return out, err
	}
	round, out, err := reviewRound(r)
	if out != nil || err != nil {
		return out, err
	}
	_, err = r.tx.FileFinding(r.ctx, models.Answer{Round: round, By: r.me, Cadre: target, Dims: []string{dim}, Note: text, Dept: r.t("review_src_org")})
	if err != nil {
		return reviewErr(r, err)
	}
	return r.say("review_org_saved", esc(target.Name), r.dimName(dim)), nil
}
