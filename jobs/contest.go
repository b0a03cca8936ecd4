package jobs

import (
	"context"
	"time"

	"github.com/ganshi/ganshi/models"
)

// ContestWeekly asks each unit's competition reporter, once a week, to
// update the tasks not updated since Monday; a unit with every task
// updated, or a holiday, gets nothing.
func ContestWeekly(ctx context.Context, tx *models.Store, run Run) (int, error) {
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && !run.Cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
		return 0, nil
	}
	ns, err := tx.ContestPrompts(ctx, weekStart(day))
	if err != nil {
		return 0, err
	}
	return enqueueAt(ctx, tx, run, ns)
}

// weekStart is the Monday of day's week, at midnight in day's zone.
func weekStart(day time.Time) time.Time {
	back := (int(day.Weekday()) + 6) % 7
	return day.AddDate(0, 0, -back)
}

// ContestMeeting reminds the principals concerned, the day before, of a
// meeting starting tomorrow (local days), with their group's standing.
func ContestMeeting(ctx context.Context, tx *models.Store, run Run) (int, error) {
	tomorrow := dateOf(run.FireAt, run.Loc).AddDate(0, 0, 1)
	ns, err := tx.MeetingNotices(ctx, tomorrow, tomorrow.AddDate(0, 0, 1), run.Loc.String())
	if err != nil {
		return 0, err
	}
	return enqueueAt(ctx, tx, run, ns)
}
