package bot

import (
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

const progressSkip = "skip"

// openChecklist lists last month's plan items: they are asked first, so
// nobody retypes what they already promised.
func openChecklist(r *request, rep models.Report) ([]int64, error) {
	plan, err := r.tx.PlanItems(r.ctx, rep.CadreID, mustPeriod(rep.Period).Prev())
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(plan))
	for i, it := range plan {
		ids[i] = it.ID
	}
	return ids, nil
}

// promptCheck asks how one of last month's plan items went.
func promptCheck(r *request, rep models.Report, d convData) ([]telegram.Message, error) {
	prev, err := r.tx.PlanItems(r.ctx, rep.CadreID, mustPeriod(rep.Period).Prev())
	if err != nil {
		return nil, err
	}
	var it models.ReportItem
	for _, p := range prev {
		if p.ID == d.Checklist[0] {
			it = p
		}
	}
	done := len(prev) - len(d.Checklist) + 1
	data := func(p string) string { return checkData(rep.ID, it.ID, p) }
	return []telegram.Message{{
		Text: r.t("check_prompt", done, len(prev), esc(it.Text)),
		Buttons: [][]telegram.Button{
			{{Text: r.t("btn_done"), Data: data(models.ProgressDone)}, {Text: r.t("btn_partly"), Data: data(models.ProgressPartly)}},
			{{Text: r.t("btn_not_done"), Data: data(models.ProgressNotDone)}, {Text: r.t("btn_skip"), Data: data(progressSkip)}},
		},
	}}, nil
}

// checkWords are the typed answers, longest first so "部分完成" is not read as "完成".
var checkWords = []struct{ word, progress string }{
	{"部分完成", models.ProgressPartly}, {"not done", models.ProgressNotDone}, {"未完成", models.ProgressNotDone},
	{"没完成", models.ProgressNotDone}, {"已完成", models.ProgressDone}, {"partly", models.ProgressPartly},
	{"部分", models.ProgressPartly}, {"完成", models.ProgressDone}, {"done", models.ProgressDone},
	{"跳过", progressSkip}, {"skip", progressSkip},
}

// checkText reads "完成 实际完成40户": an answer with an optional remark. Any
// other text is a remark for the item answered last.
func checkText(r *request, rep models.Report, d convData, text string) ([]telegram.Message, error) {
	low := strings.ToLower(text)
	for _, w := range checkWords {
		if strings.HasPrefix(low, w.word) {
			remark := strings.TrimLeft(strings.TrimSpace(text[len(w.word):]), "，,:：。 ")
			return answerCheck(r, rep, d, d.Checklist[0], w.progress, remark)
		}
	}
	if d.LastItem == 0 {
		out, err := promptCheck(r, rep, d)
		return append(r.say("check_answer_first"), out...), err
	}
	if err := r.tx.AddRemark(r.ctx, rep.ID, d.LastItem, text); err != nil {
		return nil, err
	}
	out, err := promptCheck(r, rep, d)
	return append(r.say("check_remark_saved"), out...), err
}

// checkButton answers from a tap: "rc:REPORT:ITEM:PROGRESS".
func checkButton(r *request, repID, itemID int64, progress string) ([]telegram.Message, error) {
	rep, c, d, err := r.ownOpenReport(repID)
	if err != nil || rep.ID == 0 {
		return r.stale(), err
	}
	if c.Step != stepCheck || len(d.Checklist) == 0 || d.Checklist[0] != itemID {
		return r.stale(), nil
	}
	return answerCheck(r, rep, d, itemID, progress, "")
}

// answerCheck stores the answer as an achievement (done, partly) or as a
// plan item carried over (not done), then asks the next one.
func answerCheck(r *request, rep models.Report, d convData, planID int64, progress, remark string) ([]telegram.Message, error) {
	plan, err := r.tx.PlanItems(r.ctx, rep.CadreID, mustPeriod(rep.Period).Prev())
	if err != nil {
		return nil, err
	}
	var text string
	for _, p := range plan {
		if p.ID == planID {
			text = p.Text
		}
	}
	d.Checklist = d.Checklist[1:]
	d.LastItem = 0
	if progress != progressSkip {
		section := models.SectionAchievement
		if progress == models.ProgressNotDone {
			section = models.SectionPlan
		}
		added, err := r.tx.AddItems(r.ctx, rep.ID, section, []models.NewItem{{Text: text, Progress: progress, FromItemID: &planID, Remark: remark}})
		if err != nil {
			return nil, err
		}
		d.LastItem = added[0].ID
	}
	next := stepCheck
	if len(d.Checklist) == 0 {
		next = stepAch
	}
	out, err := promptStep(r, rep, next, d)
	ack := r.t("check_saved", r.t("progress_"+progress), esc(text))
	return append([]telegram.Message{{Text: ack}}, out...), err
}
