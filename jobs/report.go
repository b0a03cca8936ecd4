package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
)

// reportParams are a report schedule's parameters.
type reportParams struct {
	WorkdaysBefore int `json:"workdays_before"` // report_remind: 0 = on the deadline's day
	Nudges         int `json:"nudges"`          // report_overdue: workdays of nudges after the deadline
}

// ReportRemind reminds everyone who still owes the report whose deadline
// is WorkdaysBefore workdays after the fire day. On other days it does
// nothing, so a daily schedule is enough.
func ReportRemind(ctx context.Context, tx *models.Store, run Run) (int, error) {
	var prm reportParams
	if err := decodeParams(run.Schedule.Params, &prm); err != nil {
		return 0, err
	}
	day := dateOf(run.FireAt, run.Loc)
	n := 0
	for _, p := range candidatePeriods(run.FireAt, run.Loc) {
		due, err := dueOf(ctx, tx, p, run)
		if err != nil {
			return n, err
		}
		// The deadline's day is a working day for its own reminders, even
		// when it was kept after becoming a holiday.
		pr := run
		pr.Cal = models.DeadlineCalendar{Calendar: run.Cal, Due: dateOf(due, run.Loc)}
		if !sameDay(addWorkdays(pr.Cal, day, prm.WorkdaysBefore), dateOf(due, run.Loc)) || (!run.Manual && !pr.Cal.IsWorkday(day.Year(), day.Month(), day.Day())) {
			continue
		}
		stage := models.StageBefore
		if prm.WorkdaysBefore == 0 {
			stage = models.StageDueDay
		}
		k, err := remindOwing(ctx, tx, pr, p, due, stage)
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// ReportOverdue nudges those still owing on each of the first Nudges
// workdays after the deadline; on the next workday it stops nudging them
// and tells each unit's principal, privately, who is still missing.
func ReportOverdue(ctx context.Context, tx *models.Store, run Run) (int, error) {
	var prm reportParams
	if err := decodeParams(run.Schedule.Params, &prm); err != nil {
		return 0, err
	}
	day := dateOf(run.FireAt, run.Loc)
	if !run.Cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
		return 0, nil
	}
	n := 0
	for _, p := range candidatePeriods(run.FireAt, run.Loc) {
		due, err := dueOf(ctx, tx, p, run)
		if err != nil {
			return n, err
		}
		k := workdaysAfter(run.Cal, dateOf(due, run.Loc), day)
		var sent int
		switch {
		case k >= 1 && k <= prm.Nudges:
			sent, err = remindOwing(ctx, tx, run, p, due, models.StageOverdue)
		case k == prm.Nudges+1:
			sent, err = tellPrincipals(ctx, tx, run, p, due)
		}
		n += sent
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func decodeParams(raw string, into *reportParams) error {
	if raw == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(raw), into); err != nil {
		return fmt.Errorf("schedule parameters %s: %w", raw, err)
	}
	return nil
}

// candidatePeriods are the months whose deadline can be near: last month
// (a deadline early in this month) and this month.
func candidatePeriods(t time.Time, loc *time.Location) []models.Period {
	cur := models.PeriodOf(t, loc)
	return []models.Period{cur.Prev(), cur}
}

func dueOf(ctx context.Context, tx *models.Store, p models.Period, run Run) (time.Time, error) {
	rule, err := tx.DueRuleNow(ctx)
	if err != nil {
		return time.Time{}, err
	}
	return rule.Due(p, run.Loc, run.Cal), nil
}
