package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestScheduleSetAndEnable(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		sc := &models.Schedule{Name: "remind", Kind: "report_reminder", Spec: "0 9 * * 1-5", TZ: "Asia/Shanghai", Enabled: true}
		if created, err := st.EnsureSchedule(ctx, sc); err != nil || !created || sc.ID == 0 || sc.Params != "{}" {
			t.Fatalf("ensure = %v, %v, %+v", created, err, sc)
		}
		admin := int64(7)
		clock.Advance(time.Hour)
		if err := st.SetSpec(ctx, "remind", "0 10 * * 1-5", &admin); err != nil {
			t.Fatal(err)
		}
		// A default ensured again does not undo the admin's change.
		again := &models.Schedule{Name: "remind", Kind: "report_reminder", Spec: "0 9 * * 1-5", TZ: "Asia/Shanghai", Enabled: true}
		if created, err := st.EnsureSchedule(ctx, again); err != nil || created || again.Spec != "0 10 * * 1-5" {
			t.Fatalf("ensure again = %v, %v, %+v", created, err, again)
		}
		got, err := st.ScheduleByName(ctx, "remind")
		if err != nil || got.Revision != 2 || *got.ChangedBy != admin || !got.ChangedAt.Equal(clock.Now()) {
			t.Fatalf("after set: %+v, %v", got, err)
		}
		var se *models.SpecError
		if err := st.SetSpec(ctx, "remind", "0 9 * *", &admin); !errors.As(err, &se) {
			t.Fatalf("bad spec: %v, want a SpecError", err)
		}
		if err := st.SetSpec(ctx, "nope", "0 9 * * *", nil); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("unknown schedule: %v", err)
		}
		if changed, err := st.SetEnabled(ctx, "remind", false, nil); err != nil || !changed {
			t.Fatalf("disable = %v, %v", changed, err)
		}
		if changed, err := st.SetEnabled(ctx, "remind", false, nil); err != nil || changed {
			t.Fatalf("disable twice = %v, %v", changed, err)
		}
		if err := st.SetSpec(ctx, "remind", "0  10 * * 1-5", nil); err != nil {
			t.Fatal(err) // the same spec: nothing to do
		}
		for action, want := range map[string]int{"schedule.set": 1, "schedule.disable": 1, "schedule.enable": 0} {
			if es, _ := st.AuditEntries(ctx, action, 10); len(es) != want {
				t.Errorf("audit %s: %d entries, want %d", action, len(es), want)
			}
		}
		if fp, err := st.ScheduleFingerprintNow(ctx); err != nil || fp != (models.ScheduleFingerprint{Count: 1, Revisions: 3, MaxID: sc.ID}) {
			t.Fatalf("fingerprint = %+v, %v", fp, err)
		}
		bad := &models.Schedule{Name: "x", Kind: "k", Spec: "0 9 * * *", TZ: "Mars/Olympus"}
		if _, err := st.EnsureSchedule(ctx, bad); err == nil {
			t.Fatal("unknown zone accepted")
		}
	})
}
