package jobs

import (
	"context"
	"encoding/json"
	"time"

	"github.com/ganshi/ganshi/models"
)

// careParams tune the care reminders.
type careParams struct {
	FromMonth  int `json:"from_month"`  // care_leave: the first month of reminders (10: the fourth quarter)
	DaysBefore int `json:"days_before"` // care_checkup, correction_follow: how long before the day
}

// Care reminders run on workdays only, write into the first moment
// outside quiet hours, and go through models' ledger, which keeps each
// item to one message per round and per month (the burden rules).

// CareLeave reminds, from the fourth quarter, each cadre with leave days
// left and each principal of who in the unit has days left.
func CareLeave(ctx context.Context, tx *models.Store, run Run) (int, error) {
	prm := careParams{FromMonth: 10}
	return careJob(ctx, tx, run, &prm, func(day time.Time) ([]models.Notification, error) {
		return tx.LeaveReminders(ctx, day, prm.FromMonth)
	})
}

// CareCheckup reminds cadres of the year's check-up when the department
// opens it and once more before it closes.
func CareCheckup(ctx context.Context, tx *models.Store, run Run) (int, error) {
	prm := careParams{DaysBefore: 7}
	return careJob(ctx, tx, run, &prm, func(day time.Time) ([]models.Notification, error) {
		return tx.CheckupReminders(ctx, day, prm.DaysBefore)
	})
}

// CareRest tells cadres of the 疗养 rotations assigned to them.
func CareRest(ctx context.Context, tx *models.Store, run Run) (int, error) {
	var prm careParams
	return careJob(ctx, tx, run, &prm, func(day time.Time) ([]models.Notification, error) {
		return tx.RestNotices(ctx, day)
	})
}

// CorrectionFollow reminds the owners of correction measures (纠错) of
// their deadlines.
func CorrectionFollow(ctx context.Context, tx *models.Store, run Run) (int, error) {
	prm := careParams{DaysBefore: 3}
	return careJob(ctx, tx, run, &prm, func(day time.Time) ([]models.Notification, error) {
		return tx.CorrectionReminders(ctx, day, prm.DaysBefore)
	})
}

func careJob(ctx context.Context, tx *models.Store, run Run, prm *careParams, write func(time.Time) ([]models.Notification, error)) (int, error) {
	if err := json.Unmarshal([]byte(orEmpty(run.Schedule.Params)), prm); err != nil {
		return 0, err
	}
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && !run.Cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
		return 0, nil
	}
	ns, err := write(day)
	if err != nil {
		return 0, err
	}
	return enqueueAt(ctx, tx, run, ns)
}
