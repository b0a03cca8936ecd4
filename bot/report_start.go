package bot

import (
	"errors"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

const (
	flowReport = "report"
	flowReturn = "return"

	stepCheck   = "check"   // answering last month's plan, item by item
	stepAch     = "ach"     // typing this month's achievements
	stepPlan    = "plan"    // typing next month's plan
	stepPreview = "preview" // looking at the whole report
	stepEdit    = "edit"    // about to type "A2 new text"
	stepDelete  = "delete"  // about to type "A2"
)

// lateGrace is how long after a month's deadline /report still opens that
// month first: a report finished late is recorded as late, never blocked.
const lateGrace = 15 * 24 * time.Hour

// runReport starts or resumes the caller's monthly report: /report,
// /report 2026-11, or /report ach|plan|preview to jump to a part.
func runReport(r *request) ([]telegram.Message, error) {
	if r.me.UnitID == nil {
		return r.say("report_no_unit"), nil
	}
	switch r.in.args {
	case stepAch, stepPlan, stepPreview:
		return jumpTo(r, r.in.args)
	}
	p, err := r.reportPeriod(r.in.args)
	if err != nil {
		return r.say("report_bad_month", esc(r.in.args)), nil
	}
	if out, err := r.reportMonth(p); out != nil || err != nil {
		return out, err
	}
	if _, err := r.tx.ExemptionFor(r.ctx, r.me.ID, p); err == nil {
		return r.say("report_exempt", periodText(r.lang, p)), nil
	}
	due, err := r.due(p)
	if err != nil {
		return nil, err
	}
	rep, err := r.tx.OpenReport(r.ctx, r.me, p, due)
	if err != nil {
		return nil, err
	}
	if !rep.Editable() {
		return showReport(r, rep, "report_not_editable")
	}
	return resumeReport(r, rep)
}

// reportPeriod chooses the month: the one asked for, else last month while
// its report is still owed shortly after its deadline, else this month.
func (r *request) reportPeriod(arg string) (models.Period, error) {
	if arg != "" {
		return models.ParsePeriod(arg)
	}
	now := r.tx.Now()
	cur := models.PeriodOf(now, r.loc)
	prev := cur.Prev()
	rep, err := r.tx.ReportFor(r.ctx, r.me.ID, prev)
	switch {
	case err == nil && rep.Editable():
		return prev, nil
	case errors.Is(err, models.ErrNotFound):
		due, derr := r.due(prev)
		if derr != nil {
			return cur, derr
		}
		if _, eerr := r.tx.ExemptionFor(r.ctx, r.me.ID, prev); eerr != nil && now.Before(due.Add(lateGrace)) {
			return prev, nil
		}
	}
	return cur, nil
}

// due is the deadline of p under the admins' rule.
func (r *request) due(p models.Period) (time.Time, error) {
	rule, err := r.tx.DueRuleNow(r.ctx)
	if err != nil {
		return time.Time{}, err
	}
	cal, err := r.calendar()
	if err != nil {
		return time.Time{}, err
	}
	return rule.Due(p, r.loc, cal), nil
}

// resumeReport picks the step: last month's checklist first, then
// achievements, plan and preview, wherever the cadre left off.
func resumeReport(r *request, rep models.Report) ([]telegram.Message, error) {
	_, d, ok, err := r.conv()
	if err != nil {
		return nil, err
	}
	intro := []telegram.Message{{Text: r.t("report_intro", periodText(r.lang, mustPeriod(rep.Period)), r.dueText(rep))}}
	c, _ := r.tx.GetConversation(r.ctx, r.in.chatID)
	if ok && c.Flow == flowReport && d.ReportID == rep.ID {
		out, err := promptStep(r, rep, c.Step, d)
		return append(intro, out...), err
	}
	d = convData{ReportID: rep.ID}
	its, err := r.tx.ReportItems(r.ctx, rep.ID)
	if err != nil {
		return nil, err
	}
	if len(its) == 0 {
		if d.Checklist, err = openChecklist(r, rep); err != nil {
			return nil, err
		}
	}
	step := stepAch
	switch {
	case len(d.Checklist) > 0:
		step = stepCheck
	case hasSection(its, models.SectionPlan):
		step = stepPreview
	case hasSection(its, models.SectionAchievement):
		step = stepPlan
	}
	out, err := promptStep(r, rep, step, d)
	return append(intro, out...), err
}

// jumpTo moves an open report to a part by typed command.
func jumpTo(r *request, step string) ([]telegram.Message, error) {
	rep, d, out, err := openInConv(r)
	if rep.ID == 0 {
		return out, err
	}
	return promptStep(r, rep, step, d)
}

// openInConv loads the report open in the caller's conversation. A zero
// report comes with what to say instead (nothing open) or an error.
func openInConv(r *request) (models.Report, convData, []telegram.Message, error) {
	c, d, ok, err := r.conv()
	if err != nil {
		return models.Report{}, d, nil, err
	}
	if !ok || c.Flow != flowReport {
		return models.Report{}, d, r.say("report_none_open"), nil
	}
	rep, err := r.tx.GetReport(r.ctx, d.ReportID)
	if err != nil {
		return models.Report{}, d, nil, err
	}
	return rep, d, nil, nil
}

func hasSection(its []models.ReportItem, section string) bool {
	for _, it := range its {
		if it.Section == section {
			return true
		}
	}
	return false
}

func mustPeriod(s string) models.Period {
	p, _ := models.ParsePeriod(s)
	return p
}

func periodText(lang string, p models.Period) string {
	return texts.T(lang, "period", p.Year, int(p.Month))
}

// dueText says when the report is due, and that it is late when it is.
func (r *request) dueText(rep models.Report) string {
	due := rep.DueAt.In(r.loc)
	s := r.t("due_at", int(due.Month()), due.Day(), due.Format("15:04"))
	if r.tx.Now().After(rep.DueAt) {
		s += r.t("due_passed")
	}
	return s
}
