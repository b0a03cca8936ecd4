package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/ganshi/ganshi/models"
)

type reviewParams struct {
	Workdays     int `json:"workdays"`      // review_open: how many workdays answers are taken
	RemindBefore int `json:"remind_before"` // review_prompt: the one reminder, N workdays before the last day
}

// ReviewOpen opens the quarter's check-up on the first workday of the
// month it fires in (the default schedule fires on the first days of
// January, April, July and October); a round of that quarter already
// open or closed is left alone. Run by hand it opens the quarter's round
// on any day. The prompts go out with it (the daily review_prompt then
// finds them written).
func ReviewOpen(ctx context.Context, tx *models.Store, run Run) (int, error) {
	prm := reviewParams{Workdays: 10}
	if err := json.Unmarshal([]byte(orEmpty(run.Schedule.Params)), &prm); err != nil {
		return 0, err
	}
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && !firstWorkdayOfMonth(run.Cal, day) {
		return 0, nil
	}
	code := models.QuarterOf(day)
	if exists, err := tx.RoundOfQuarter(ctx, code); err != nil || exists {
		return 0, err
	}
	if _, err := tx.OpenRound(ctx, models.NewRound{Code: code, Workdays: prm.Workdays}); err != nil {
		return 0, err
	}
	return ReviewPrompt(ctx, tx, run)
}

func firstWorkdayOfMonth(cal models.Calendar, day time.Time) bool {
	if !cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
		return false
	}
	for d := day.AddDate(0, 0, -1); d.Month() == day.Month(); d = d.AddDate(0, 0, -1) {
		if cal.IsWorkday(d.Year(), d.Month(), d.Day()) {
			return false
		}
	}
	return true
}

// ReviewPrompt asks each respondent of the running round for their
// answers once, and reminds those still owing once, RemindBefore workdays
// before the last day. Workdays only; quiet hours hold what it writes.
func ReviewPrompt(ctx context.Context, tx *models.Store, run Run) (int, error) {
	prm := reviewParams{RemindBefore: 2, Workdays: 10}
	if err := json.Unmarshal([]byte(orEmpty(run.Schedule.Params)), &prm); err != nil {
		return 0, err
	}
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && !run.Cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
		return 0, nil
	}
	r, err := tx.CurrentRound(ctx)
	if errors.Is(err, models.ErrNoRound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	closes, err := time.ParseInLocation("2006-01-02", r.ClosesOn, run.Loc)
	if err != nil {
		return 0, err
	}
	remindFrom := closes
	for n := prm.RemindBefore; n > 0; {
		remindFrom = remindFrom.AddDate(0, 0, -1)
		if run.Cal.IsWorkday(remindFrom.Year(), remindFrom.Month(), remindFrom.Day()) {
			n--
		}
	}
	at, err := deliverAt(ctx, tx, run)
	if err != nil {
		return 0, err
	}
	return tx.ReviewPrompts(ctx, day.Format("2006-01-02"), remindFrom.Format("2006-01-02"), at)
}
