package jobs

import (
	"context"
	"encoding/json"
	"time"

	"github.com/ganshi/ganshi/models"
)

type talkParams struct {
	Before        []string `json:"before"`         // talk_remind: offsets, e.g. ["24h","1h"]
	EveryWorkdays int      `json:"every_workdays"` // talk_owed: remind every N workdays
}

// TalkRemind reminds both people of a talk when it is within one of the
// offsets; each offset once (the dedup key names it). A reminder that
// quiet hours would hold past the talk's start is not sent.
func TalkRemind(ctx context.Context, tx *models.Store, run Run) (int, error) {
	var prm talkParams
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
	due, err := tx.TalksNeedingReminder(ctx, run.FireAt, before)
	if err != nil {
		return 0, err
	}
	at, err := deliverAt(ctx, tx, run)
	if err != nil {
		return 0, err
	}
	var out []models.Notification
	for _, d := range due {
		if d.Row.StartsAt != nil && !at.Before(*d.Row.StartsAt) {
			continue
		}
		for _, n := range d.Notifications(run.Loc.String()) {
			n.NextAttemptAt = at
			out = append(out, n)
		}
	}
	n, err := tx.EnqueueMany(ctx, out)
	return int(n), err
}

// TalkOwed reminds each principal of the talks they owe and have not given
// a time yet: on the day a talk becomes owed and every N workdays after.
func TalkOwed(ctx context.Context, tx *models.Store, run Run) (int, error) {
	prm := talkParams{EveryWorkdays: 2}
	if err := json.Unmarshal([]byte(orEmpty(run.Schedule.Params)), &prm); err != nil {
		return 0, err
	}
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && !run.Cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
		return 0, nil
	}
	rows, err := tx.TalksDueUnscheduled(ctx)
	if err != nil {
		return 0, err
	}
	// A holder is reminded when one of their talks reaches its day, and
	// the reminder lists every talk they owe, as /talks does.
	remind := map[int64]bool{}
	for _, r := range rows {
		from, err := time.ParseInLocation("2006-01-02", r.DueFrom, run.Loc)
		if err != nil || prm.EveryWorkdays < 1 || workdaysAfter(run.Cal, from, day)%prm.EveryWorkdays == 0 {
			remind[r.LeaderID] = true
		}
	}
	var keep []models.TalkRow
	for _, r := range rows {
		if remind[r.LeaderID] {
			keep = append(keep, r)
		}
	}
	return enqueueAt(ctx, tx, run, models.TalkDueNotifications(keep, day.Format("2006-01-02")))
}

// TalkUnrecorded asks leaders, once a day, to write down talks already held.
func TalkUnrecorded(ctx context.Context, tx *models.Store, run Run) (int, error) {
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && !run.Cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
		return 0, nil
	}
	rows, err := tx.TalksHeldUnrecorded(ctx, run.FireAt)
	if err != nil {
		return 0, err
	}
	today := day.Format("2006-01-02")
	var out []models.Notification
	for _, r := range rows {
		if n, ok := models.TalkUnrecordedNotification(r, today, run.Loc.String()); ok {
			out = append(out, n)
		}
	}
	return enqueueAt(ctx, tx, run, out)
}

// enqueueAt writes notifications held to the first allowed moment.
func enqueueAt(ctx context.Context, tx *models.Store, run Run, ns []models.Notification) (int, error) {
	at, err := deliverAt(ctx, tx, run)
	if err != nil {
		return 0, err
	}
	for i := range ns {
		ns[i].NextAttemptAt = at
	}
	n, err := tx.EnqueueMany(ctx, ns)
	return int(n), err
}

func orEmpty(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}
