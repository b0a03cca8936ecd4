package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
)

// remindOwing writes one reminder to each reachable cadre who still owes
// p's report: at most one per cadre per topic per day (the dedup key),
// held until a workday outside quiet hours. The deadline it names is
// announced from then on: a calendar change no longer moves it.
func remindOwing(ctx context.Context, tx *models.Store, run Run, p models.Period, due time.Time, stage string) (int, error) {
	if _, err := tx.KeepDeadline(ctx, p, due); err != nil {
		return 0, err
	}
	rows, err := tx.Board(ctx, p, nil)
	if err != nil {
		return 0, err
	}
	counts, err := tx.SectionCounts(ctx, p)
	if err != nil {
		return 0, err
	}
	at, err := deliverAt(ctx, tx, run)
	if err != nil {
		return 0, err
	}
	day := dateOf(run.FireAt, run.Loc).Format("2006-01-02")
	var out []models.Notification
	for _, r := range rows {
		if !r.Owing() || r.ChatID == nil || r.Unreachable {
			continue
		}
		var sections map[string]int64
		if r.ReportID != nil {
			sections = counts[*r.ReportID]
		}
		payload, _ := json.Marshal(models.ReportReminder{CadreID: r.CadreID, Lang: r.Lang, Name: r.Name, Period: p.String(), DueAt: due,
			Stage: stage, Missing: r.Missing(sections), ReportID: deref(r.ReportID)})
		out = append(out, models.Notification{ChatID: *r.ChatID, Kind: models.KindReportReminder, Payload: string(payload),
			DedupKey: fmt.Sprintf("remind:report:%d:%s", r.CadreID, day), NextAttemptAt: at})
	}
	n, err := tx.EnqueueMany(ctx, out)
	return int(n), err
}

// tellPrincipals sends each unit's principal one private list of who has
// still not reported; never a group.
func tellPrincipals(ctx context.Context, tx *models.Store, run Run, p models.Period, due time.Time) (int, error) {
	rows, err := tx.Board(ctx, p, nil)
	if err != nil {
		return 0, err
	}
	type unit struct {
		name      string
		principal *models.BoardRow
		missing   []string
	}
	units := map[int64]*unit{}
	var order []int64
	for i, r := range rows {
		u := units[r.UnitID]
		if u == nil {
			u = &unit{name: r.UnitName}
			units[r.UnitID] = u
			order = append(order, r.UnitID)
		}
		if r.Role == models.RoleLeader {
			u.principal = &rows[i]
		}
		if r.ToldToPrincipal() {
			u.missing = append(u.missing, r.Name)
		}
	}
	at, err := deliverAt(ctx, tx, run)
	if err != nil {
		return 0, err
	}
	var out []models.Notification
	for _, id := range order {
		u := units[id]
		if len(u.missing) == 0 || u.principal == nil || u.principal.ChatID == nil || u.principal.Unreachable {
			continue
		}
		payload, _ := json.Marshal(models.ReportMissing{ReaderID: u.principal.CadreID, UnitID: id, Lang: u.principal.Lang,
			Unit: u.name, Period: p.String(), DueAt: due, Names: u.missing})
		out = append(out, models.Notification{ChatID: *u.principal.ChatID, Kind: models.KindReportMissing, Payload: string(payload),
			DedupKey: fmt.Sprintf("missing:report:%d:%s", id, p), NextAttemptAt: at})
	}
	n, err := tx.EnqueueMany(ctx, out)
	return int(n), err
}

// deliverAt holds a job's messages to the first allowed moment: a workday,
// outside the quiet hours admins set (default 21:00–08:00).
func deliverAt(ctx context.Context, tx *models.Store, run Run) (time.Time, error) {
	start, end, err := tx.QuietHours(ctx)
	if err != nil {
		return time.Time{}, err
	}
	return Deliverable(run.FireAt, run.Loc, run.Cal, start, end), nil
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func dateOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

func sameDay(a, b time.Time) bool { return a.Year() == b.Year() && a.YearDay() == b.YearDay() }

// addWorkdays is the day n workdays after day (n = 0: day itself).
func addWorkdays(cal models.Calendar, day time.Time, n int) time.Time {
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		if cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
			n--
		}
	}
	return day
}

// workdaysAfter counts the workdays after from up to and including to.
func workdaysAfter(cal models.Calendar, from, to time.Time) int {
	k := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if cal.IsWorkday(d.Year(), d.Month(), d.Day()) {
			k++
		}
	}
	return k
}
