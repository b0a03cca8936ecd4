package bot

import (
	"errors"
	"fmt"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
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
	rep, err := r.tx.GetReport(r.ctx, repID)
	if errors.Is(err, models.ErrNotFound) {
		return r.stale(), nil
	}
	if err != nil {
		return nil, err
	}
	if rep.CadreID != r.me.ID {
		return r.refuse(fmt.Sprintf("open report %d", repID)), nil
	}
	if !rep.Editable() {
		return showReport(r, rep, "report_not_editable")
	}
	return promptStep(r, rep, stepPreview, convData{ReportID: rep.ID})
}
