package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
)

// digestParams are a digest schedule's parameters.
type digestParams struct {
	Weekday int    `json:"weekday"` // digest_leader: the weekly day, 1 = Monday
	At      string `json:"at"`      // digest_leader: default local time, "08:30"
	Window  string `json:"window"`  // digest_leader: the schedule's period, "30m"
}

// DigestLeader sends each leader their unit's digest on the weekly day and
// on the first workday after a report deadline, at the leader's time (or
// the schedule's) when it falls within the last window. Muted leaders get
// nothing; a manual run sends to every leader not muted. One per leader a
// day (the dedup key).
func DigestLeader(ctx context.Context, tx *models.Store, run Run) (int, error) {
	prm := digestParams{Weekday: 1, At: "08:30", Window: "30m"}
	if err := json.Unmarshal([]byte(orEmpty(run.Schedule.Params)), &prm); err != nil {
		return 0, fmt.Errorf("digest parameters: %w", err)
	}
	window, err := time.ParseDuration(prm.Window)
	if err != nil || window <= 0 {
		return 0, fmt.Errorf("digest window %q: %v", prm.Window, err)
	}
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual {
		after, err := afterDeadline(ctx, tx, run, day)
		if err != nil {
			return 0, err
		}
		if int(day.Weekday()) != prm.Weekday%7 && !after {
			return 0, nil
		}
	}
	readers, err := tx.DigestReaders(ctx, models.RoleLeader)
	if err != nil {
		return 0, err
	}
	prefs, err := tx.DigestPrefs(ctx)
	if err != nil {
		return 0, err
	}
	var due []models.Cadre
	var units []int64
	for _, c := range readers {
		pref := prefs[c.ID]
		if pref.Off || (!run.Manual && !inWindow(orDefault(pref.At, prm.At), day, run.FireAt, window)) {
			continue
		}
		due = append(due, c)
		units = append(units, *c.UnitID)
	}
	ds, err := tx.LeaderDigests(ctx, units, run.FireAt, run.Loc, run.Cal)
	if err != nil {
		return 0, err
	}
	var out []models.Notification
	for _, c := range due {
		d, ok := ds[*c.UnitID]
		if !ok {
			continue // a unit with nobody reporting has nothing to say
		}
		out = append(out, digestNotification(c, models.KindDigestLeader, models.DigestPayload{ReaderID: c.ID, Lang: c.Lang, Leader: &d}, day))
	}
	return enqueueAt(ctx, tx, run, out)
}

// DigestAdmin sends the county digest to every admin on the month's first
// workday; a manual run sends it now.
func DigestAdmin(ctx context.Context, tx *models.Store, run Run) (int, error) {
	day := dateOf(run.FireAt, run.Loc)
	if !run.Manual && !sameDay(day, firstWorkday(run.Cal, day)) {
		return 0, nil
	}
	readers, err := tx.DigestReaders(ctx, models.RoleAdmin)
	if err != nil || len(readers) == 0 {
		return 0, err
	}
	d, err := tx.AdminDigest(ctx, run.FireAt, run.Loc, run.Cal)
	if err != nil {
		return 0, err
	}
	out := make([]models.Notification, 0, len(readers))
	for _, c := range readers {
		out = append(out, digestNotification(c, models.KindDigestAdmin, models.DigestPayload{ReaderID: c.ID, Lang: c.Lang, Admin: &d}, day))
	}
	return enqueueAt(ctx, tx, run, out)
}

func digestNotification(c models.Cadre, kind string, p models.DigestPayload, day time.Time) models.Notification {
	b, _ := json.Marshal(p)
	return models.Notification{ChatID: *c.ChatID, Kind: kind, Payload: string(b),
		DedupKey: fmt.Sprintf("%s:%d:%s", kind, c.ID, day.Format("2006-01-02"))}
}

// afterDeadline tells whether day is the first workday after the deadline
// of last month's or this month's report.
func afterDeadline(ctx context.Context, tx *models.Store, run Run, day time.Time) (bool, error) {
	for _, p := range candidatePeriods(run.FireAt, run.Loc) {
		due, err := dueOf(ctx, tx, p, run)
		if err != nil {
			return false, err
		}
		if sameDay(addWorkdays(run.Cal, dateOf(due, run.Loc), 1), day) {
			return true, nil
		}
	}
	return false, nil
}

// inWindow tells whether the local time hhmm on day falls in (fire-window, fire].
func inWindow(hhmm string, day, fire time.Time, window time.Duration) bool {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return false
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, day.Location())
	return at.After(fire.Add(-window)) && !at.After(fire)
}

// firstWorkday is the month's first workday.
func firstWorkday(cal models.Calendar, day time.Time) time.Time {
	d := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, day.Location())
	for i := 0; i < 31 && !cal.IsWorkday(d.Year(), d.Month(), d.Day()); i++ {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
