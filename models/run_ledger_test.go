package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// A database from before migration 6, whose ledger key made a manual run
// and a fire in the same second collide, is migrated: afterwards both are
// recorded, while a fire is still claimed once.
func TestLedgerKeepsManualRunsApartAfterMigration(t *testing.T) {
	run := func(t *testing.T, dsn string) {
		ctx := context.Background()
		clock := modelstest.NewClock(modelstest.Start)
		st, err := models.Open(ctx, dsn, models.Options{Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		// Put the database back as it was: the old key, migration 6 not applied.
		for _, q := range []string{"DROP INDEX idx_run_fire", "CREATE UNIQUE INDEX idx_run_fire ON run_records (schedule_id, fire_at)",
			"DELETE FROM schema_versions WHERE version = 6"} {
			must(t, st.DB().Exec(q).Error)
		}
		sc := &models.Schedule{Name: "daily", Kind: "k", Spec: "0 9 * * *", TZ: "Asia/Shanghai", Enabled: true}
		if _, err := st.EnsureSchedule(ctx, sc); err != nil {
			t.Fatal(err)
		}
		fire := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
		claim := func(st *models.Store, status string) bool {
			t.Helper()
			ok, err := st.ClaimRun(ctx, &models.RunRecord{ScheduleID: sc.ID, FireAt: fire, Status: status, StartedAt: clock.Now()})
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !claim(st, models.RunManual) || claim(st, models.RunDone) {
			t.Fatal("the old key should let one of a manual run and a fire in", fire)
		}
		must(t, st.Close())

		st, err = models.Open(ctx, dsn, models.Options{Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if v, err := st.SchemaVersionNow(ctx); err != nil || v < 6 {
			t.Fatalf("schema version %d, %v", v, err)
		}
		if !claim(st, models.RunDone) {
			t.Error("after the migration the fire is not claimed beside the manual run")
		}
		if claim(st, models.RunDone) || claim(st, models.RunSkipped) {
			t.Error("a fire was claimed twice")
		}
		if !claim(st, models.RunManual) {
			t.Error("a second manual run in the second was refused")
		}
		recs, err := st.RunRecords(ctx, sc.ID, 10)
		if err != nil || len(recs) != 3 {
			t.Errorf("ledger %+v, %v", recs, err)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, modelstest.SQLitePath(t)) })
	if modelstest.PostgresDSN() != "" {
		t.Run("postgres", func(t *testing.T) { run(t, modelstest.PostgresSchemaDSN(t)) })
	}
}

func TestRunLedger(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		a := &models.Schedule{Name: "a", Kind: "k", Spec: "0 9 * * *", TZ: "Asia/Shanghai", Enabled: true}
		b := &models.Schedule{Name: "b", Kind: "k", Spec: "0 9 * * *", TZ: "Asia/Shanghai", Enabled: true}
		for _, sc := range []*models.Schedule{a, b} {
			if _, err := st.EnsureSchedule(ctx, sc); err != nil {
				t.Fatal(err)
			}
		}
		fire := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
		rec := models.RunRecord{ScheduleID: a.ID, FireAt: fire.In(time.FixedZone("CST", 8*3600)), Status: models.RunDone, StartedAt: clock.Now()}
		if ok, err := st.ClaimRun(ctx, &rec); err != nil || !ok {
			t.Fatalf("claim = %v, %v", ok, err)
		}
		dup := models.RunRecord{ScheduleID: a.ID, FireAt: fire, Status: models.RunDone, StartedAt: clock.Now()}
		if ok, err := st.ClaimRun(ctx, &dup); err != nil || ok {
			t.Fatalf("second claim = %v, %v", ok, err)
		}
		manual := []models.RunRecord{{ScheduleID: a.ID, FireAt: fire.Add(time.Hour), Status: models.RunManual}}
		if n, err := st.RecordRuns(ctx, manual); err != nil || n != 1 {
			t.Fatalf("record manual = %d, %v", n, err)
		}
		last, err := st.LastFires(ctx, []int64{a.ID, b.ID})
		if err != nil || len(last) != 1 || !last[a.ID].Equal(fire) {
			t.Fatalf("last fires = %v, %v; want only a at %s (manual runs do not count)", last, err, fire)
		}
	})
}
