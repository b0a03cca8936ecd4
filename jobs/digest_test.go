package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// digests runs a digest job at a local time and lists what it wrote:
// "name kind MM-DD HH:MM" by delivery time.
func digests(t *testing.T, st *models.Store, job jobs.Job, sc models.Schedule, fire time.Time, manual bool, names map[int64]string) []string {
	t.Helper()
	ctx := context.Background()
	var before int64
	st.DB().Model(&models.Notification{}).Select("COALESCE(MAX(id), 0)").Scan(&before)
	err := st.Tx(ctx, func(tx *models.Store) error {
		_, err := job(ctx, tx, jobs.Run{Schedule: sc, FireAt: fire.UTC(), Now: fire, Manual: manual, Loc: shanghai, Cal: models.WeekdayCalendar{}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var rows []models.Notification
	st.DB().Where("id > ?", before).Order("id").Find(&rows)
	var out []string
	for _, n := range rows {
		var p models.DigestPayload
		if err := json.Unmarshal([]byte(n.Payload), &p); err != nil || (p.Leader == nil) == (p.Admin == nil) {
			t.Fatalf("payload %s: %v", n.Payload, err)
		}
		out = append(out, fmt.Sprintf("%s %s %s", names[n.ChatID], n.Kind, n.NextAttemptAt.In(shanghai).Format("01-02 15:04")))
	}
	return out
}

func TestDigestJobs(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		people := county(t, st)
		admin := models.Cadre{Name: "周部长", ExternalID: "A1", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		aid := int64(900)
		admin.TelegramUserID, admin.ChatID = &aid, &aid
		if err := st.DB().Create(&admin).Error; err != nil {
			t.Fatal(err)
		}
		names := map[int64]string{aid: "周部长"}
		for n, c := range people {
			if c.ChatID != nil {
				names[*c.ChatID] = n
			}
		}
		sc := jobs.Registry().Of(jobs.JobDigestLeader, jobs.JobDigestAdmin).Defaults()
		leader, county := sc[0], sc[1]
		check := func(what string, got []string, want ...string) {
			t.Helper()
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s: %q, want %q", what, got, want)
			}
		}
		// Monday 2026-11-02 is both the weekly day and the first workday after October's deadline.
		check("Monday 08:00", digests(t, st, jobs.DigestLeader, leader, local(2026, 11, 2, 8, 0), false, names))
		check("Monday 08:30", digests(t, st, jobs.DigestLeader, leader, local(2026, 11, 2, 8, 30), false, names), "李书记 digest_leader 11-02 08:30")
		check("again at 08:30", digests(t, st, jobs.DigestLeader, leader, local(2026, 11, 2, 8, 30), false, names))
		check("Tuesday", digests(t, st, jobs.DigestLeader, leader, local(2026, 11, 3, 8, 30), false, names))
		check("after November's deadline", digests(t, st, jobs.DigestLeader, leader, local(2026, 12, 1, 8, 30), false, names), "李书记 digest_leader 12-01 08:30")

		if err := st.SetDigestPref(ctx, people["李书记"].ID, models.DigestPref{At: "10:00"}); err != nil {
			t.Fatal(err)
		}
		check("own time, 08:30", digests(t, st, jobs.DigestLeader, leader, local(2026, 11, 9, 8, 30), false, names))
		check("own time, 10:00", digests(t, st, jobs.DigestLeader, leader, local(2026, 11, 9, 10, 0), false, names), "李书记 digest_leader 11-09 10:00")
		if err := st.SetDigestPref(ctx, people["李书记"].ID, models.DigestPref{Off: true}); err != nil {
			t.Fatal(err)
		}
		check("muted", digests(t, st, jobs.DigestLeader, leader, local(2026, 11, 16, 8, 30), false, names))
		check("muted, manual", digests(t, st, jobs.DigestLeader, leader, local(2026, 11, 17, 11, 0), true, names))

		check("admin, first workday", digests(t, st, jobs.DigestAdmin, county, local(2026, 12, 1, 9, 0), false, names), "周部长 digest_admin 12-01 09:00")
		check("admin, second workday", digests(t, st, jobs.DigestAdmin, county, local(2026, 12, 2, 9, 0), false, names))
		check("admin, on demand", digests(t, st, jobs.DigestAdmin, county, local(2026, 12, 2, 15, 0), true, names), "周部长 digest_admin 12-02 15:00")
		// 2027-08-01 is a Sunday: the first workday is Monday the 2nd.
		check("admin, Sunday the 1st", digests(t, st, jobs.DigestAdmin, county, local(2027, 8, 1, 9, 0), false, names))
		check("admin, Monday the 2nd", digests(t, st, jobs.DigestAdmin, county, local(2027, 8, 2, 9, 0), false, names), "周部长 digest_admin 08-02 09:00")
	})
}

// The engine runs the default schedules: one leader digest on Monday.
func TestDigestSchedulesWithEngine(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		county(t, st)
		clock.Set(local(2026, 11, 2, 6, 0))
		for _, sc := range jobs.Registry().Of(jobs.JobDigestLeader, jobs.JobDigestAdmin).Defaults() {
			sc.TZ = "Asia/Shanghai"
			if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
				t.Fatal(err)
			}
		}
		e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})
		for end := local(2026, 11, 3, 12, 0); clock.Now().Before(end); clock.Advance(10 * time.Minute) {
			if err := e.Tick(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var n int64
		st.DB().Model(&models.Notification{}).Where("kind = ?", models.KindDigestLeader).Count(&n)
		if n != 1 {
			t.Errorf("%d leader digests over Monday and Tuesday morning, want 1", n)
		}
	})
}
