package jobs_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// November's deadline, Monday 30 November 18:00, is announced by the
// reminder of the 25th. The county then makes the 30th a holiday — on the
// 26th, or on the 30th itself before the reminders: the deadline stays,
// the due-day reminder still goes out on it, and the overdue nudges start
// only after it.
func TestHolidayOnAnAnnouncedDeadline(t *testing.T) {
	for _, added := range []time.Time{local(2026, 11, 26, 10, 0), local(2026, 11, 30, 8, 0)} {
		t.Run(added.Format("01-02_15:04"), func(t *testing.T) {
			modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
				ctx := context.Background()
				people := county(t, st)
				for _, sc := range jobs.Registry().Of(jobs.JobReportRemind, jobs.JobReportOverdue).Defaults() {
					sc.TZ = "Asia/Shanghai"
					if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
						t.Fatal(err)
					}
				}
				clock.Set(local(2026, 11, 20, 0, 0))
				st.DB().Model(&models.Schedule{}).Where("1 = 1").Update("changed_at", clock.Now().UTC())
				e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})
				for clock.Now().Before(local(2026, 12, 5, 0, 0)) {
					if clock.Now().Equal(added) {
						if err := st.SetCalendarDay(ctx, "2026-11-30", models.DayHoliday, "县里放假", nil); err != nil {
							t.Fatal(err)
						}
					}
					if err := e.Tick(ctx); err != nil {
						t.Fatal(err)
					}
					clock.Advance(30 * time.Minute)
				}
				cal, _ := st.LoadCalendar(ctx)
				if cal.IsWorkday(2026, 11, 30) {
					t.Fatal("the holiday was not added")
				}
				rule, err := st.DueRuleNow(ctx)
				if due := rule.Due(models.Period{Year: 2026, Month: 11}, shanghai, cal); err != nil || !due.Equal(local(2026, 11, 30, 18, 0)) {
					t.Errorf("November's deadline after the holiday: %v %v, want 30 November 18:00", due, err)
				}
				names := map[int64]string{}
				for n, c := range people {
					if c.ChatID != nil {
						names[*c.ChatID] = n
					}
				}
				var want []string
				for _, who := range []string{"张三", "王五", "李书记"} {
					want = append(want, "11-25 09:00 "+who+" 2026-11 before", "11-30 09:00 "+who+" 2026-11 due_day",
						"12-01 09:30 "+who+" 2026-11 overdue", "12-02 09:30 "+who+" 2026-11 overdue", "12-03 09:30 "+who+" 2026-11 overdue")
				}
				want = append(want, "12-04 09:30 李书记 2026-11 missing:张三,王五,赵六")
				sort.Strings(want)
				if got := sent(t, st, names); strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Fatalf("reminders sent:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
				var rows []models.Notification
				st.DB().Where("kind = ?", models.KindReportReminder).Find(&rows)
				for _, n := range rows {
					var p models.ReportReminder
					json.Unmarshal([]byte(n.Payload), &p)
					if !p.DueAt.Equal(local(2026, 11, 30, 18, 0)) {
						t.Errorf("a %s reminder names the deadline %v", p.Stage, p.DueAt.In(shanghai))
					}
				}
			})
		})
	}
}
