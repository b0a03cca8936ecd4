package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// county seeds one unit: principal 李书记, cadres 张三 and 王五 (bound) and
// 赵六 (never bound). It returns cadres by name.
func county(t *testing.T, st *models.Store) map[string]models.Cadre {
	t.Helper()
	u := models.Unit{Name: "城关镇", Kind: models.UnitTownship, Category: "乡镇一类"}
	if err := st.DB().Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]models.Cadre{}
	for i, p := range []struct {
		name, role string
		bound      bool
	}{{"李书记", models.RoleLeader, true}, {"张三", models.RoleCadre, true}, {"王五", models.RoleCadre, true}, {"赵六", models.RoleCadre, false}} {
		c := models.Cadre{Name: p.name, ExternalID: fmt.Sprint("X", i), UnitID: &u.ID, Role: p.role, Active: true, Lang: "zh"}
		if p.bound {
			id := int64(100 + i)
			c.TelegramUserID, c.ChatID = &id, &id
		}
		if err := st.DB().Create(&c).Error; err != nil {
			t.Fatal(err)
		}
		out[p.name] = c
	}
	st.DB().Model(&u).Update("principal_id", out["李书记"].ID)
	return out
}

func submit(t *testing.T, st *models.Store, c models.Cadre, p models.Period) {
	t.Helper()
	ctx := context.Background()
	rep, _ := st.OpenReport(ctx, c, p, time.Now())
	st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "a"}})
	st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "b"}})
	if _, err := st.Submit(ctx, rep.ID, c.ID); err != nil {
		t.Fatal(err)
	}
}

// sent lists, per local delivery day, who got what: "MM-DD name stage".
func sent(t *testing.T, st *models.Store, names map[int64]string) []string {
	t.Helper()
	var rows []models.Notification
	st.DB().Where("kind IN ?", []string{models.KindReportReminder, models.KindReportMissing}).Order("id").Find(&rows)
	var out []string
	for _, n := range rows {
		day := n.NextAttemptAt.In(shanghai).Format("01-02 15:04")
		switch n.Kind {
		case models.KindReportReminder:
			var p models.ReportReminder
			json.Unmarshal([]byte(n.Payload), &p)
			out = append(out, fmt.Sprintf("%s %s %s %s", day, names[n.ChatID], p.Period, p.Stage))
		default:
			var p models.ReportMissing
			json.Unmarshal([]byte(n.Payload), &p)
			out = append(out, fmt.Sprintf("%s %s %s missing:%s", day, names[n.ChatID], p.Period, strings.Join(p.Names, ",")))
		}
	}
	sort.Strings(out)
	return out
}

// Every default report schedule, ticking every 30 minutes from 19
// September to 8 November 2026: the Mid-Autumn and National Day holidays,
// the make-up Sunday 20 September and the make-up Saturday 10 October.
func TestDefaultReportSchedulesAcrossTheHolidays(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		people := county(t, st)
		submit(t, st, people["王五"], models.Period{Year: 2026, Month: time.September})
		for _, sc := range jobs.Registry().Of(jobs.JobReportRemind, jobs.JobReportOverdue).Defaults() {
			sc.TZ = "Asia/Shanghai"
			if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
				t.Fatal(err)
			}
		}
		clock.Set(time.Date(2026, 9, 19, 0, 0, 0, 0, shanghai))
		st.DB().Model(&models.Schedule{}).Where("1 = 1").Update("changed_at", clock.Now().UTC())
		e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})
		for clock.Now().Before(time.Date(2026, 11, 8, 0, 0, 0, 0, shanghai)) {
			if err := e.Tick(ctx); err != nil {
				t.Fatal(err)
			}
			clock.Advance(30 * time.Minute)
		}
		names := map[int64]string{}
		for n, c := range people {
			if c.ChatID != nil {
				names[*c.ChatID] = n
			}
		}
		got := sent(t, st, names)
		var want []string
		for _, who := range []string{"张三", "李书记"} {
			want = append(want,
				"09-24 09:00 "+who+" 2026-09 before", // three workdays before Wednesday 30 September, over the holiday
				"09-30 09:00 "+who+" 2026-09 due_day",
				"10-08 09:30 "+who+" 2026-09 overdue", // first workday after the National Day week
				"10-09 09:30 "+who+" 2026-09 overdue",
				"10-10 09:30 "+who+" 2026-09 overdue", // the make-up Saturday counts
				"10-27 09:00 "+who+" 2026-10 before",
				"10-30 09:00 "+who+" 2026-10 due_day",
				"11-02 09:30 "+who+" 2026-10 overdue",
				"11-03 09:30 "+who+" 2026-10 overdue",
				"11-04 09:30 "+who+" 2026-10 overdue",
			)
		}
		want = append(want, "10-27 09:00 王五 2026-10 before", "10-30 09:00 王五 2026-10 due_day",
			"11-02 09:30 王五 2026-10 overdue", "11-03 09:30 王五 2026-10 overdue", "11-04 09:30 王五 2026-10 overdue",
			"10-12 09:30 李书记 2026-09 missing:张三,赵六", // the principal, once, privately, after the nudges
			"11-05 09:30 李书记 2026-10 missing:张三,王五,赵六")
		sort.Strings(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("reminders sent:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
