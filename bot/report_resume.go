package bot

import (
	"github.com/ganshi/ganshi/bot/telegram"
)

// nextStep is "rn:REPORT:STEP": a button that moves the open report to a
// part (plan, preview, edit…).
func nextStep(r *request, repID int64, step string) ([]telegram.Message, error) {
	switch step {
	case stepAch, stepPlan, stepPreview, stepEdit, stepDelete:
	default:
		return r.stale(), nil
	}
	rep, c, d, err := r.ownOpenReport(repID)
	if err != nil || rep.ID == 0 {
		return r.stale(), err
	}
	if step == stepPlan && c.Step == stepCheck {
		d.Checklist = nil // skipping the rest of last month's checklist
	}
	return promptStep(r, rep, step, d)
}

// reopenForFix is "ro:REPORT" on a returned report's message: it opens that
// report for editing where the cadre left off.
func reopenForFix(r *request, repID int64) ([]telegram.Message, error) {
	rep, out, err := ownReport(r, repID, "open")
	if rep.ID == 0 {
		return out, err
	}
	if !rep.Editable() {
		return showReport(r, rep, "report_not_editable")
	}
	return promptStep(r, rep, stepPreview, convData{ReportID: rep.ID})
}
