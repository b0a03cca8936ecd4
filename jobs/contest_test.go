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

// Over two weeks: a Friday prompt to both reporters, then only to the unit
// that did not update; a meeting's reminder the day before, with the chart.
func TestContestWeeklyPromptAndMeeting(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		people := county(t, st)
		hx := models.Unit{Name: "河西乡", Kind: models.UnitTownship, Category: "乡镇一类"}
		must(t, st.DB().Create(&hx).Error)
		chat := int64(200)
		wang := models.Cadre{Name: "王乡长", ExternalID: "W1", UnitID: &hx.ID, Role: models.RoleLeader, Active: true, Lang: "zh", TelegramUserID: &chat, ChatID: &chat}
		must(t, st.DB().Create(&wang).Error)
		must(t, st.DB().Model(&hx).Update("principal_id", wang.ID).Error)
		file := "类别,组别,单位,任务,计量单位,目标\n乡镇一类,一组,城关镇,征收,户,120\n乡镇一类,一组,河西乡,征收,户,100\n乡镇一类,一组,城关镇,投资,亿元,3\n乡镇一类,一组,河西乡,投资,亿元,2"
		var recs [][]string
		var lines []int
		for i, l := range strings.Split(file, "\n") {
			recs, lines = append(recs, strings.Split(l, ",")), append(lines, i+1)
		}
		rows, probs := models.ParseContestRecords(recs, lines)
		if probs != nil {
			t.Fatal(probs)
		}
		sum, err := st.ImportContest(ctx, "打擂", 2026, rows)
		must(t, err)
		_, err = st.ScheduleMeeting(ctx, sum.Contest.ID, models.MeetingProgress, time.Date(2026, 11, 10, 9, 0, 0, 0, shanghai), "三楼会议室")
		must(t, err)
		for _, sc := range jobs.Registry().Of(jobs.JobContestWeekly, jobs.JobContestMeeting).Defaults() {
			sc.TZ = "Asia/Shanghai"
			_, err := st.EnsureSchedule(ctx, &sc)
			must(t, err)
		}
		clock.Set(time.Date(2026, 11, 2, 8, 0, 0, 0, shanghai))
		e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})
		uc, err := st.ContestOfUnit(ctx, *people["李书记"].UnitID)
		must(t, err)
		for end := time.Date(2026, 11, 14, 0, 0, 0, 0, shanghai); clock.Now().Before(end); clock.Advance(time.Hour) {
			if clock.Now().Equal(time.Date(2026, 11, 11, 9, 0, 0, 0, shanghai)) {
				for _, task := range uc.Tasks {
					_, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: people["李书记"].ID, TaskID: task.ID, Value: 1})
					must(t, err)
				}
			}
			must(t, e.Tick(ctx))
		}
		var ns []models.Notification
		must(t, st.DB().Where("kind LIKE ?", "contest_%").Order("id").Find(&ns).Error)
		var got []string
		for _, n := range ns {
			line := n.NextAttemptAt.In(shanghai).Format("01-02 15:04") + " " + map[int64]string{*people["李书记"].ChatID: "李书记", chat: "王乡长"}[n.ChatID] + " " + n.Kind
			if n.Kind == models.KindContestMeeting {
				var p models.ContestMeetingNotice
				must(t, json.Unmarshal([]byte(n.Payload), &p))
				if len(p.Chart.Units) != 2 || len(p.Chart.Tasks) != 2 {
					t.Errorf("meeting chart: %+v", p.Chart)
				}
			}
			got = append(got, line)
		}
		sort.Strings(got)
		want := []string{
			"11-06 10:00 李书记 contest_prompt", "11-06 10:00 王乡长 contest_prompt",
			"11-09 10:00 李书记 contest_meeting", "11-09 10:00 王乡长 contest_meeting",
			"11-13 10:00 王乡长 contest_prompt", // 城关镇 updated every task on Wednesday
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("contest notifications:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
