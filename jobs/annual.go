package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
)

// annualParams configure the annual round: the month it opens in (its
// first workday).
type annualParams struct {
	Month int `json:"month"`
}

// AnnualRound opens the annual judgement (年度对标研判): on the first
// workday of December (or the month the schedule names) each principal
// reachable in chat with cadres still to assess gets one private prompt,
// once a year, held by quiet hours and holidays like every reminder.
func AnnualRound(ctx context.Context, tx *models.Store, run Run) (int, error) {
	var p annualParams
	if err := json.Unmarshal([]byte(orEmpty(run.Schedule.Params)), &p); err != nil {
		return 0, fmt.Errorf("annual round params: %w", err)
	}
	if p.Month < 1 || p.Month > 12 {
		p.Month = int(time.December)
	}
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && (int(day.Month()) != p.Month || !sameDay(day, firstWorkday(run.Cal, day))) {
		return 0, nil
	}
	year := models.AnnualYearAt(day, run.Loc)
	targets, err := tx.AnnualRoundTargets(ctx, year)
	if err != nil || len(targets) == 0 {
		return 0, err
	}
	out := make([]models.Notification, 0, len(targets))
	for _, t := range targets {
		out = append(out, models.AnnualRoundNotification(t, year))
	}
	return enqueueAt(ctx, tx, run, out)
}
