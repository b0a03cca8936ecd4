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

// A post change makes a talk owed; the principal is reminded until it has
// a time, both people before it, and the principal until it is written down.
func TestTalkSchedulesOverAWeek(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		people := county(t, st)
		clock.Set(time.Date(2026, 11, 2, 8, 0, 0, 0, shanghai)) // Monday
		for _, sc := range jobs.Registry().Of(jobs.JobTalkRemind, jobs.JobTalkOwed, jobs.JobTalkUnrecorded).Defaults() {
			sc.TZ = "Asia/Shanghai"
			if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
				t.Fatal(err)
			}
		}
		talk, _, err := st.RaiseTalk(ctx, people["张三"].ID, models.TalkPostChange, "调任副镇长", models.TalkFromEvent)
		if err != nil {
			t.Fatal(err)
		}
		e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})
		end := time.Date(2026, 11, 9, 18, 0, 0, 0, shanghai)
		scheduleAt := time.Date(2026, 11, 4, 10, 0, 0, 0, shanghai)
		for clock.Now().Before(end) {
			if !clock.Now().Before(scheduleAt) && talk.Status == models.TalkDue {
				talk, err = st.ScheduleTalk(ctx, talk.ID, 0, people["李书记"].ID, time.Date(2026, 11, 5, 15, 0, 0, 0, shanghai), "党委书记办公室")
				if err != nil {
					t.Fatal(err)
				}
			}
			if err := e.Tick(ctx); err != nil {
				t.Fatal(err)
			}
			clock.Advance(10 * time.Minute)
		}
		var rows []models.Notification
		st.DB().Where("kind LIKE ?", "talk_%").Find(&rows)
		names := map[int64]string{*people["李书记"].ChatID: "李书记", *people["张三"].ChatID: "张三"}
		var got []string
		for _, n := range rows {
			extra := ""
			if n.Kind == models.KindTalkReminder {
				var p models.TalkReminder
				json.Unmarshal([]byte(n.Payload), &p)
				extra = " " + p.Role
			}
			got = append(got, fmt.Sprintf("%s %s %s%s", n.NextAttemptAt.In(shanghai).Format("01-02 15:04"), names[n.ChatID], n.Kind, extra))
		}
		sort.Strings(got)
		want := []string{
			"11-02 09:00 李书记 talk_due",                                                   // the day it became owed
			"11-04 09:00 李书记 talk_due",                                                   // two workdays later, still no time
			"11-04 15:00 张三 talk_reminder cadre", "11-04 15:00 李书记 talk_reminder leader", // 24 hours before
			"11-05 14:00 张三 talk_reminder cadre", "11-05 14:00 李书记 talk_reminder leader", // 1 hour before
			"11-05 17:00 李书记 talk_unrecorded", "11-06 17:00 李书记 talk_unrecorded", "11-09 17:00 李书记 talk_unrecorded",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("talk notifications:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
