package jobs_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// A simulated year on the fake clock with the default care schedules:
// every message per cadre is counted; none falls at night or on a day
// off, none goes to a group, no item is told twice in a month, and what a
// cadre muted or finished is not told again.
func TestCareRemindersOverAYear(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(time.Date(2026, 1, 1, 0, 0, 0, 0, shanghai))
		people := county(t, st)
		for name, y := range map[string]int{"李书记": 2000, "张三": 2020, "王五": 2010, "赵六": 2015} {
			st.DB().Model(&models.Cadre{}).Where("id = ?", people[name].ID).Update("work_start_year", y)
		}
		for _, sc := range jobs.Registry().Of(jobs.JobCareLeave, jobs.JobCareCheckup, jobs.JobCareRest, jobs.JobCorrection).Defaults() {
			sc.TZ = "Asia/Shanghai"
			must(t, func() error { _, err := st.EnsureSchedule(ctx, &sc); return err }())
		}
		cal, err := st.LoadCalendar(ctx)
		must(t, err)
		list, err := models.ParseSituationsCSV([]byte("1,先行先试出现失误\n"))
		must(t, err)
		_, err = st.ImportSituations(ctx, nil, list)
		must(t, err)
		e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})

		// What people do during the year, on the day it says.
		acts := map[string]func(){
			"2026-03-02": func() { // 李书记 takes all 15 of his days
				for _, w := range [][2]string{{"2026-03-02", "2026-03-13"}, {"2026-03-16", "2026-03-20"}} {
					a, err := st.AddLeave(ctx, people["李书记"].ID, people["李书记"].ID, w[0], w[1], cal)
					must(t, err)
					_, err = st.ConfirmLeave(ctx, a.Entry.ID, people["李书记"].ID, true)
					must(t, err)
				}
			},
			"2026-04-01": func() { _, err := st.OpenCheckups(ctx, nil, 2026, "2026-06-30"); must(t, err) },
			"2026-04-03": func() { must(t, st.MuteCare(ctx, people["张三"].ID, 2026, models.CareCheckup, true)) },
			"2026-05-11": func() { must(t, st.SetCheckup(ctx, people["王五"].ID, 2026, models.CheckupDone, "2026-05-11")) },
			"2026-07-01": func() {
				_, err := st.AssignRest(ctx, nil, people["王五"].ID, "2026-08-10", "2026-08-14")
				must(t, err)
			},
			"2026-08-03": func() {
				c, err := st.OpenCase(ctx, nil, models.NewCase{CadreID: people["张三"].ID, Matter: "项目先行先试", Codes: []string{"1"}, Applicant: models.ApplicantUnit})
				must(t, err)
				_, err = st.AdvanceCase(ctx, nil, c.ID, models.StepVerify, "")
				must(t, err)
				_, err = st.DecideCase(ctx, nil, c.ID, models.DecisionExempt, "为公失误", "")
				must(t, err)
				_, err = st.AddMeasure(ctx, nil, c.ID, people["张三"].ID, "2026-09-15", "完善项目风险评估")
				must(t, err)
			},
			"2026-11-02": func() { must(t, st.MuteCare(ctx, people["王五"].ID, 2026, models.CareLeave, true)) },
		}
		end := time.Date(2027, 1, 1, 0, 0, 0, 0, shanghai)
		for clock.Now().Before(end) {
			if local := clock.Now().In(shanghai); local.Hour() == 0 {
				if act := acts[local.Format("2006-01-02")]; act != nil {
					act()
				}
			}
			must(t, e.Tick(ctx))
			clock.Advance(3 * time.Hour)
		}

		names := map[int64]string{}
		var groups []int64
		for n, c := range people {
			if c.ChatID != nil {
				names[*c.ChatID] = n
			}
		}
		st.DB().Model(&models.Unit{}).Where("group_chat_id IS NOT NULL").Pluck("group_chat_id", &groups)
		var rows []models.Notification
		must(t, st.DB().Order("id").Find(&rows).Error)
		count := map[string]int{}
		perMonth := map[string]bool{}
		start, stop, _ := st.QuietHours(ctx)
		for _, n := range rows {
			at := n.NextAttemptAt.In(shanghai)
			who, ok := names[n.ChatID]
			if !ok {
				t.Errorf("a %s went to chat %d, nobody's private chat (groups: %v)", n.Kind, n.ChatID, groups)
			}
			if !cal.IsWorkday(at.Year(), at.Month(), at.Day()) {
				t.Errorf("%s to %s on a day off: %s", n.Kind, who, at)
			}
			if tod := time.Duration(at.Hour())*time.Hour + time.Duration(at.Minute())*time.Minute; tod >= start || tod < stop {
				t.Errorf("%s to %s in quiet hours: %s", n.Kind, who, at)
			}
			key := fmt.Sprintf("%s %s %s", who, n.Kind, at.Format("2006-01"))
			if perMonth[key] {
				t.Errorf("twice in a month: %s", key)
			}
			perMonth[key] = true
			count[fmt.Sprintf("%s %s", who, n.Kind)]++
		}
		var got []string
		for k, v := range count {
			got = append(got, fmt.Sprintf("%s %d", k, v))
		}
		sort.Strings(got)
		want := []string{
			"张三 care_checkup 1",      // April's opening; muted before June's
			"张三 care_leave 3",        // October, November, December: 5 days untaken
			"张三 correction_remind 2", // before the deadline in September, overdue in October
			"李书记 care_checkup 2",     // the opening and before the close
			"李书记 care_leave_unit 3",  // who has days left, October to December; his own are taken
			"王五 care_checkup 1",      // the opening; done in May
			"王五 care_leave 1",        // October; muted in November
			"王五 care_rest 1",         // the rotation, once
		}
		sort.Strings(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("messages over the year:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
