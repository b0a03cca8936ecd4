package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// BenchmarkCareLeaveFire10k: one November fire of the leave reminder for
// 10,000 cadres with days left (100 units, each with a principal), from
// the fire to every outbox row and ledger row committed.
func BenchmarkCareLeaveFire10k(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			if db == "postgres" && modelstest.PostgresDSN() == "" {
				b.Skip("GANSHI_TEST_POSTGRES not set")
			}
			clock := modelstest.NewClock(time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)) // Monday 30 November 10:00 in Shanghai
			st := modelstest.SQLite(b, clock.Now)
			if db == "postgres" {
				st = modelstest.Postgres(b, clock.Now)
			}
			seedBig(b, st, 10000)
			st.DB().Exec("UPDATE cadres SET work_start_year = 2010")
			st.DB().Exec("UPDATE units SET principal_id = (SELECT MIN(id) FROM cadres WHERE cadres.unit_id = units.id)")
			ctx := context.Background()
			e := jobs.NewEngine(st, jobs.Options{Jobs: jobs.Registry().Jobs(), Now: clock.Now})
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				for _, t := range []string{"notifications", "schedules", "run_records", "care_sents"} {
					st.DB().Exec("DELETE FROM " + t)
				}
				sc := models.Schedule{Name: "care-leave", Kind: jobs.JobCareLeave, Spec: "0 10 * * *", TZ: "Asia/Shanghai", Enabled: true, Params: `{"from_month":10}`}
				if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				rec, err := e.RunNow(ctx, "care-leave", nil)
				if err != nil || rec.Produced != 10100 {
					b.Fatalf("produced %d: %v", rec.Produced, err)
				}
			}
		})
	}
}
