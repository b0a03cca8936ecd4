package jobs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// seedBig binds n cadres in units of 100.
func seedBig(b *testing.B, st *models.Store, n int) {
	b.Helper()
	units := make([]models.Unit, n/100)
	for i := range units {
		units[i] = models.Unit{Name: fmt.Sprintf("单位%04d", i), Kind: models.UnitCountyBody}
	}
	if err := st.DB().CreateInBatches(&units, 500).Error; err != nil {
		b.Fatal(err)
	}
	cadres := make([]models.Cadre, n)
	for i := range cadres {
		id := int64(100000 + i)
		cadres[i] = models.Cadre{Name: fmt.Sprintf("干部%05d", i), ExternalID: fmt.Sprint("B", i), UnitID: &units[i/100].ID,
			Role: models.RoleCadre, Active: true, Lang: "zh", TelegramUserID: &id, ChatID: &id}
	}
	if err := st.DB().CreateInBatches(&cadres, 500).Error; err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReportFire10k: one due-day fire of the real reminder job for
// 10,000 cadres, from the fire to every outbox row committed.
func BenchmarkReportFire10k(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			if db == "postgres" && modelstest.PostgresDSN() == "" {
				b.Skip("GANSHI_TEST_POSTGRES not set")
			}
			clock := modelstest.NewClock(time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)) // Monday 30 November 09:00, the deadline's day
			st := modelstest.SQLite(b, clock.Now)
			if db == "postgres" {
				st = modelstest.Postgres(b, clock.Now)
			}
			seedBig(b, st, 10000)
			ctx := context.Background()
			e := jobs.NewEngine(st, jobs.Options{Jobs: jobs.Registry().Jobs(), Now: clock.Now})
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st.DB().Exec("DELETE FROM notifications")
				st.DB().Exec("DELETE FROM schedules")
				st.DB().Exec("DELETE FROM run_records")
				sc := models.Schedule{Name: "due-day", Kind: jobs.JobReportRemind, Spec: "0 9 * * *", TZ: "Asia/Shanghai", Enabled: true, Params: `{"workdays_before":0}`}
				if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				rec, err := e.RunNow(ctx, "due-day", nil)
				if err != nil || rec.Produced != 10000 {
					b.Fatalf("produced %d: %v", rec.Produced, err)
				}
			}
		})
	}
}
