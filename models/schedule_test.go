package models_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestParseCronSpec(t *testing.T) {
	for _, c := range []struct {
		spec string
		want string // "" = valid; otherwise a part of the reason
		text string // normalized text when valid
	}{
		{"0 9 * * 1-5", "", "0 9 * * 1-5"},
		{"  0  9 * *   MON-FRI ", "", "0 9 * * MON-FRI"},
		{"CRON_TZ=Europe/Berlin 30 2 * * *", "", "CRON_TZ=Europe/Berlin 30 2 * * *"},
		{"*/15 8-18 ? JAN,DEC 1-5", "", "*/15 8-18 ? JAN,DEC 1-5"},
		{"0 0 29 2 *", "", "0 0 29 2 *"},
		{"@daily", "", "@daily"},
		// Inputs that panic robfig/cron when handed to it unchecked.
		{"TZ=0", "only CRON_TZ=<zone>", ""},
		{"TZ=", "only CRON_TZ=<zone>", ""},
		{"CRON_TZ=UTC", "expected 5 fields", ""},
		{"CRON_TZ=", `time zone ""`, ""},
		{"CRON_TZ= 0 9 * * *", "time zone \"\"", ""},
		{"CRON_TZ=Nowhere 0 9 * * *", `unknown time zone "Nowhere"`, ""},
		{"CRON_TZ=Local 0 9 * * *", "IANA name", ""},
		{"CRON_TZ=../../etc/passwd 0 9 * * *", "unknown time zone", ""},
		{"0 9 * *", `expected 5 fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"`, ""},
		{"0 0 9 * * *", "expected 5 fields", ""},
		{"", "empty spec", ""},
		{"@every 5m", "@every is not allowed", ""},
		{"@every", "@every is not allowed", ""},
		{"@reboot", "unknown descriptor", ""},
		{"@daily 0", "unknown descriptor", ""},
		{"60 9 * * *", `minute field "60": end of range (60) above maximum (59)`, ""},
		{"0 24 * * *", "hour field", ""},
		{"0 9 0 * *", "day-of-month field", ""},
		{"0 9 * 13 *", "month field", ""},
		{"0 9 * * 8", "day-of-week field", ""},
		{"0 9 * * FUNDAY", "day-of-week field", ""},
		{"*/0 9 * * *", "step of range", ""},
		{"0 9 * * 1-5;rm", "may only use", ""},
		{"0 0 30 2 *", "never fires", ""},
		{"0 9 * * 5-1", "beyond end of range", ""},
		{strings.Repeat("1,", 120) + "1 * * * *", "longer than 200", ""},
	} {
		cs, err := models.ParseCronSpec(c.spec)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v, want valid", c.spec, err)
		case c.want == "" && cs.Text != c.text:
			t.Errorf("%q: text %q, want %q", c.spec, cs.Text, c.text)
		case c.want != "" && err == nil:
			t.Errorf("%q: accepted, want %q", c.spec, c.want)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("%q: %v, want it to contain %q", c.spec, err, c.want)
		case c.want != "":
			var se *models.SpecError
			if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), fmt.Sprintf("%q: ", c.spec)) {
				t.Errorf("%q: error %T %q does not start with the spec", c.spec, err, err)
			}
		}
	}
}

// TestParseCronSpecNeverPanics throws odd strings at the guarded parser.
func TestParseCronSpecNeverPanics(t *testing.T) {
	parts := []string{"", " ", "=", "TZ=", "CRON_TZ=", "UTC", "0", "*", "@", "-", "/", ",", "?", "9-", "-9", "1/", "/1", "a=b", "\t"}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				_, _ = models.ParseCronSpec(a + b + c)
				_, _ = models.ParseCronSpec(a + b + " * * * " + c)
			}
		}
	}
}

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

func TestEnqueueMany(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		enqueue(t, st, 1, "k1")
		var ns []models.Notification
		for i := range 2500 {
			ns = append(ns, models.Notification{ChatID: int64(i), Kind: "text", Payload: "{}", DedupKey: fmt.Sprintf("k%d", i)})
		}
		ns[3].NextAttemptAt = clock.Now().Add(time.Hour).In(time.FixedZone("CST", 8*3600))
		n, err := st.EnqueueMany(ctx, ns)
		if err != nil || n != 2499 {
			t.Fatalf("enqueue many = %d, %v; want 2499 (k1 existed)", n, err)
		}
		if c, _ := st.OutboxCounts(ctx); c[models.OutboxPending] != 2500 {
			t.Fatalf("outbox = %v", c)
		}
		claimed, err := st.ClaimNotifications(ctx, 5000, time.Minute)
		if err != nil || len(claimed) != 2499 {
			t.Fatalf("claimed %d, %v; want all but the held one", len(claimed), err)
		}
		if _, err := st.EnqueueMany(ctx, []models.Notification{{ChatID: 1, Kind: "text"}}); err == nil {
			t.Fatal("empty dedup key accepted")
		}
	})
}
