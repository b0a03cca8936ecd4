package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// The round opens on December's first workday: one private prompt per
// principal with cadres to assess, once; it lapses once all are assessed.
func TestAnnualRound(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		people := county(t, st)
		sc := jobs.Registry().Of(jobs.JobAnnualRound).Defaults()[0]
		run := func(fire time.Time) []models.Notification {
			t.Helper()
			var before int64
			st.DB().Model(&models.Notification{}).Select("COALESCE(MAX(id), 0)").Scan(&before)
			err := st.Tx(ctx, func(tx *models.Store) error {
				_, err := checkedJobs(t)[jobs.JobAnnualRound](ctx, tx, jobs.Run{Schedule: sc, FireAt: fire.UTC(), Now: fire, Loc: shanghai, Cal: models.WeekdayCalendar{}})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var rows []models.Notification
			st.DB().Where("id > ?", before).Find(&rows)
			return rows
		}
		if got := run(local(2026, 11, 30, 10, 0)); len(got) != 0 {
			t.Errorf("November: %d prompts", len(got))
		}
		got := run(local(2026, 12, 1, 10, 0)) // Tuesday, December's first workday
		if len(got) != 1 || got[0].ChatID != *people["李书记"].ChatID || got[0].Kind != models.KindAnnualRound {
			t.Fatalf("first workday of December: %+v", got)
		}
		var p models.AnnualRound
		json.Unmarshal([]byte(got[0].Payload), &p)
		if p.Year != 2026 || p.Due != "2026-12-31" || p.ToAssess != 3 {
			t.Errorf("payload: %+v", p)
		}
		if got := run(local(2026, 12, 2, 10, 0)); len(got) != 0 {
			t.Errorf("the next day: %d prompts", len(got))
		}
		rc := models.Recheck{ChatID: *people["李书记"].ChatID, Loc: shanghai}
		if _, err := st.RefreshAnnualRound(ctx, rc, p); err != nil {
			t.Fatalf("refresh: %v", err)
		}
		for _, n := range []string{"张三", "王五", "赵六"} {
			if _, err := st.AssessAnnual(ctx, people["李书记"], people[n].ID, 2026, "好"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.RefreshAnnualRound(ctx, rc, p); !errors.Is(err, models.ErrLapsed) {
			t.Errorf("refresh once all are assessed: %v", err)
		}
	})
}
