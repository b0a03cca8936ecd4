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

// The quarter's round opens on October's first workday (after National
// Day); each respondent is prompted once, and those still owing are
// reminded once, two workdays before the last day — never on a holiday,
// never at night.
func TestReviewOpensAndPromptsOnce(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		people := county(t, st)
		clock.Set(time.Date(2026, 10, 1, 8, 0, 0, 0, shanghai))
		for _, sc := range jobs.Registry().Of(jobs.JobReviewOpen, jobs.JobReviewPrompt).Defaults() {
			sc.TZ = "Asia/Shanghai"
			if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
				t.Fatal(err)
			}
		}
		e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})
		answered := false
		for end := time.Date(2026, 10, 23, 0, 0, 0, 0, shanghai); clock.Now().Before(end); clock.Advance(30 * time.Minute) {
			if err := e.Tick(ctx); err != nil {
				t.Fatal(err)
			}
			if r, err := st.CurrentRound(ctx); err == nil && !answered && clock.Now().After(time.Date(2026, 10, 9, 12, 0, 0, 0, shanghai)) {
				for _, who := range []string{"李书记", "王五", "赵六"} {
					if err := st.AnswerAsColleague(ctx, models.Answer{Round: r, By: people["张三"], Cadre: people[who]}); err != nil {
						t.Fatal(err)
					}
				}
				answered = true
			}
		}
		r, err := st.GetRound(ctx, "2026Q4")
		if err != nil || r.OpensOn != "2026-10-08" || r.ClosesOn != "2026-10-20" {
			t.Fatalf("round: %+v %v", r, err)
		}
		var rows []models.Notification
		st.DB().Where("kind = ?", models.KindReviewPrompt).Find(&rows)
		var got []string
		for _, n := range rows {
			var p models.ReviewPrompt
			json.Unmarshal([]byte(n.Payload), &p)
			who := ""
			for name, c := range people {
				if c.ChatID != nil && *c.ChatID == n.ChatID {
					who = name
				}
			}
			got = append(got, fmt.Sprintf("%s %s %s reminder=%v", n.NextAttemptAt.In(shanghai).Format("01-02 15:04"), who, p.Source, p.Reminder))
		}
		sort.Strings(got)
		want := []string{
			"10-08 09:00 张三 colleague reminder=false",
			"10-08 09:00 李书记 principal reminder=false",
			"10-08 09:00 王五 colleague reminder=false",
			"10-16 09:30 李书记 principal reminder=true",
			"10-16 09:30 王五 colleague reminder=true",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("prompts:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
