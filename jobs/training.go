package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
)

type trainingParams struct {
	Before    []string `json:"before"`     // training_remind: offsets, e.g. ["24h","1h"]
	FromMonth int      `json:"from_month"` // lecture_duty: remind from this month on (7: the second half)
}

// TrainingRemind reminds invitees the day before and an hour before a
// session, each offset once. Quiet hours and holidays hold a reminder; one
// they would hold past the start, or onto the session's own day when a
// shorter offset covers that day, is not written (models.TrainingReminders).
func TrainingRemind(ctx context.Context, tx *models.Store, run Run) (int, error) {
	var prm trainingParams
	if err := json.Unmarshal([]byte(orEmpty(run.Schedule.Params)), &prm); err != nil {
		return 0, err
	}
	var before []time.Duration
	for _, s := range prm.Before {
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, err
		}
		before = append(before, d)
	}
	at, err := deliverAt(ctx, tx, run)
	if err != nil {
		return 0, err
	}
	ns, err := tx.TrainingReminders(ctx, run.FireAt, at, before, run.Loc)
	if err != nil {
		return 0, err
	}
	n, err := tx.EnqueueMany(ctx, ns)
	return int(n), err
}

// LectureDuty reminds each leading cadre of the Party lectures they still
// owe this year, from FromMonth on, once a week (the dedup key names the
// ISO week), on workdays.
func LectureDuty(ctx context.Context, tx *models.Store, run Run) (int, error) {
	prm := trainingParams{FromMonth: 7}
	if err := json.Unmarshal([]byte(orEmpty(run.Schedule.Params)), &prm); err != nil {
		return 0, err
	}
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && (int(day.Month()) < prm.FromMonth || !run.Cal.IsWorkday(day.Year(), day.Month(), day.Day())) {
		return 0, nil
	}
	y, w := day.ISOWeek()
	ns, err := tx.LectureDueNotifications(ctx, day.Year(), fmt.Sprintf("%d-w%02d", y, w))
	if err != nil {
		return 0, err
	}
	return enqueueAt(ctx, tx, run, ns)
}
