package bot

import (
	"errors"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// flowReview is the check-up's conversations: a concern's note
// ("note"), a 不予采纳's reason ("reject").
const flowReview = "review"

// runReview is /review. Without words: the round's status for the caller
// and what they still owe (the answer sheet). Admins add subcommands and
// /review CADRE; the others answer with /review NAME 无问题 or
// /review NAME 作风,遵纪 说明.
func runReview(r *request) ([]telegram.Message, error) {
	if r.me.Role == models.RoleAdmin {
		return reviewAdmin(r)
	}
	if r.in.args == "" {
		return reviewSheet(r)
	}
	return reviewTyped(r)
}

// reviewRound is the round running, or a reply saying there is none.
func reviewRound(r *request) (models.ReviewRound, []telegram.Message, error) {
	round, err := r.tx.CurrentRound(r.ctx)
	if errors.Is(err, models.ErrNoRound) {
		return round, r.say("review_no_round"), nil
	}
	return round, nil, err
}

// reviewErr says why an answer was not taken, or passes other errors on.
func reviewErr(r *request, err error) ([]telegram.Message, error) {
	switch {
	case errors.Is(err, models.ErrSelfReview):
		return r.say("review_self"), nil
	case errors.Is(err, models.ErrOtherUnit), errors.Is(err, models.ErrNotInScope):
		return r.refuse("review: not in scope"), nil
	case errors.Is(err, models.ErrRoundState):
		return r.say("review_not_taking"), nil
	case errors.Is(err, models.ErrNoteTooLong):
		return r.say("review_too_long", models.MaxReviewNote), nil
	case errors.Is(err, models.ErrNeedReason):
		return r.say("review_need_reason"), nil
	}
	return nil, err
}

func (r *request) dimName(d string) string { return r.t("review_dim_" + d) }
func (r *request) srcName(s string) string { return r.t("review_src_" + s) }
func (r *request) dispName(d string) string {
	if d == "" {
		d = "none"
	}
	return r.t("review_disp_" + d)
}
func (r *request) stateName(s string) string { return r.t("review_state_" + s) }
func (r *request) dimNames(ds []string) string {
	var out []string
	for _, d := range ds {
		out = append(out, r.dimName(d))
	}
	return strings.Join(out, r.t("words_sep"))
}

// roundLine is the round's code, state and last day.
func roundLine(r *request, round models.ReviewRound) string {
	return r.t("review_round_line", round.Code, r.stateName(round.State), round.ClosesOn)
}

// itemLines lists items by dimension and disposition, never by source.
func itemLines(r *request, items []models.ReviewItem, names map[int64]string, links map[int64]string) string {
	var b strings.Builder
	for _, it := range items {
		line := r.t("review_item_line", r.dimName(it.Dim), r.dispName(it.Disposition))
		if names != nil {
			line = r.t("review_item_line_who", esc(names[it.CadreID]), r.dimName(it.Dim), r.dispName(it.Disposition))
		}
		b.WriteString("\n" + line)
		if it.State == models.ItemResolved {
			b.WriteString(r.t("review_item_resolved"))
		}
		b.WriteString(links[it.ID])
	}
	return b.String()
}

// itemCaseLinks are the error-tolerance cases linked to the items, as
// lines to add under each: for readers who may read those cases (the
// cadre, their principal, admins).
func itemCaseLinks(r *request, items []models.ReviewItem) (map[int64]string, error) {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	cs, err := r.tx.CasesOfItems(r.ctx, ids)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for id, list := range cs {
		for _, c := range list {
			out[id] += "\n" + r.t("tol_link_line", c.ID, decisionText(r, c))
		}
	}
	return out, nil
}

// reviewText hands typed text to the step of flowReview the chat is in.
func reviewText(r *request, step string, d convData) ([]telegram.Message, error) {
	text := strings.TrimSpace(r.in.text)
	switch step {
	case "note":
		if err := r.endConv(); err != nil {
			return nil, err
		}
		return answerAbout(r, d.ReviewCadre, []string{d.ReviewDim}, text)
	case "pick":
		return r.say("review_pick_first"), nil
	case "reject":
		if err := r.endConv(); err != nil {
			return nil, err
		}
		return decide(r, d.ReviewCadre, d.ReviewDim, models.DispReject, text)
	}
	return r.say("plain_text_hint"), r.endConv()
}
