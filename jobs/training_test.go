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

// An invitee is reminded the day before and an hour before a session, once
// each; a principal owing a Party lecture is reminded on Mondays.
func TestTrainingAndLectureRemindersOverAWeek(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		people := county(t, st)
		clock.Set(time.Date(2026, 11, 2, 8, 0, 0, 0, shanghai)) // Monday
		for _, sc := range jobs.Registry().Of(jobs.JobTrainingRemind, jobs.JobLectureDuty).Defaults() {
			sc.TZ = "Asia/Shanghai"
			if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
				t.Fatal(err)
			}
		}
		s, err := st.CreateTraining(ctx, models.NewTraining{Kind: models.TrainingLecture, Title: "专题党课", Place: "会议室",
			StartsAt: time.Date(2026, 11, 5, 9, 0, 0, 0, shanghai), EndsAt: time.Date(2026, 11, 5, 11, 0, 0, 0, shanghai),
			OrganiserID: people["李书记"].ID, Hours: 2})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.InviteToTraining(ctx, s.ID, []int64{people["张三"].ID}, "Asia/Shanghai"); err != nil {
			t.Fatal(err)
		}
		if err := st.SetLectureDuty(ctx, people["李书记"].ID, 2026, 1); err != nil {
			t.Fatal(err)
		}
		e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})
		for end := time.Date(2026, 11, 9, 18, 0, 0, 0, shanghai); clock.Now().Before(end); clock.Advance(10 * time.Minute) {
			if err := e.Tick(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var rows []models.Notification
		st.DB().Where("kind IN ?", []string{models.KindTrainingReminder, models.KindLectureDue}).Find(&rows)
		names := map[int64]string{*people["李书记"].ChatID: "李书记", *people["张三"].ChatID: "张三"}
		var got []string
		for _, n := range rows {
			got = append(got, fmt.Sprintf("%s %s %s", n.NextAttemptAt.In(shanghai).Format("01-02 15:04"), names[n.ChatID], n.Kind))
		}
		sort.Strings(got)
		want := []string{
			"11-02 09:00 李书记 lecture_due",
			"11-04 09:00 张三 training_reminder", // the day before
			"11-05 08:00 张三 training_reminder", // an hour before
			"11-09 09:00 李书记 lecture_due",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("notifications:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
