package main

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
)

// cliDB is a fresh database file with two schedules, and an environment
// that points at it.
func cliDB(t *testing.T) (getenv func(string) string, st *models.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ganshi.db")
	st, err := models.Open(context.Background(), path, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, sc := range []*models.Schedule{
		{Name: "report_reminder", Kind: "report_reminder", Spec: "0 9 * * 1-5", TZ: "Asia/Shanghai", Enabled: true},
		{Name: "digest", Kind: "digest", Spec: "CRON_TZ=Europe/Berlin 30 17 * * 5", TZ: "Asia/Shanghai"},
	} {
		if _, err := st.EnsureSchedule(context.Background(), sc); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"GANSHI_DB": path, "GANSHI_LANG": "en"} // see rosterEnv
	return func(k string) string { return env[k] }, st
}

type cmdFunc func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error

func call(fn cmdFunc, getenv func(string) string, args ...string) (stdout, stderr string, err error) {
	var out, errOut strings.Builder
	err = fn(context.Background(), args, getenv, &out, &errOut)
	return out.String(), errOut.String(), err
}

func isUsage(err error) bool {
	var ue usageError
	return errors.As(err, &ue)
}

func TestScheduleList(t *testing.T) {
	getenv, _ := cliDB(t)
	out, errOut, err := call(runSchedule, getenv, "list")
	if err != nil {
		t.Fatalf("list: %v\n%s", err, errOut)
	}
	rr := lineWith(out, "report_reminder")
	fire := `(Mon|Tue|Wed|Thu|Fri) \d\d-\d\d 09:00`
	if !regexp.MustCompile(`report_reminder\s+report_reminder\s+on\s+0 9 \* \* 1-5\s+Asia/Shanghai\s+` + fire + `, ` + fire + `, ` + fire + `$`).MatchString(rr) {
		t.Errorf("report_reminder line = %q", rr)
	}
	if d := lineWith(out, "digest"); !strings.Contains(d, " off ") || !strings.Contains(d, "Europe/Berlin") {
		t.Errorf("digest line = %q", d)
	}
	// In Chinese the columns line up by display width and the fire times
	// read 11-02（周一）09:00.
	out, _, err = call(runSchedule, withLang(getenv, "zh"), "list")
	zhFire := `\d\d-\d\d（周[一二三四五]）09:00`
	if rr := lineWith(out, "report_reminder"); err != nil ||
		!regexp.MustCompile(`report_reminder\s+report_reminder\s+启用\s+0 9 \* \* 1-5\s+Asia/Shanghai\s+`+zhFire+`、`+zhFire+`、`+zhFire+`$`).MatchString(rr) {
		t.Errorf("Chinese list: %v\n%s", err, out)
	}
	head, rr := lineWith(out, "名称"), lineWith(out, "report_reminder")
	if cols(head[:strings.Index(head, "类型")]) != strings.Index(rr[1:], "report_reminder")+1 {
		t.Errorf("the kind column does not line up under 类型:\n%s", out)
	}
}

func TestScheduleSetEnableDisable(t *testing.T) {
	getenv, st := cliDB(t)
	ctx := context.Background()
	_, _, err := call(runSchedule, getenv, "set", "report_reminder", "0 9 * *")
	if !isUsage(err) || !strings.Contains(err.Error(), `it needs 5 fields, not 4; e.g. "0 9 * * 1-5"`) {
		t.Fatalf("bad spec: %v, want a usage error (exit 2) with the reason and an example", err)
	}
	_, _, err = call(runSchedule, withLang(getenv, "zh"), "set", "report_reminder", "0 9 * * MON-XYZ")
	if !isUsage(err) || !strings.Contains(err.Error(), "“周”一段的“MON-XYZ”超出范围或无法识别。示例：") {
		t.Fatalf("bad spec in Chinese: %v, want the chat's reason in plain text and an example", err)
	}
	if _, _, err := call(runSchedule, getenv, "set", "nope", "0 9 * * *"); !isUsage(err) || !strings.Contains(err.Error(), "known: digest, report_reminder") {
		t.Fatalf("unknown schedule: %v", err)
	}
	// The spec may also come unquoted, as separate arguments.
	out, errOut, err := call(runSchedule, getenv, "set", "report_reminder", "30", "8", "*", "*", "1-5")
	if err != nil || !strings.Contains(out, "report_reminder: 30 8 * * 1-5 (Asia/Shanghai). Next: ") {
		t.Fatalf("set: %v\n%s%s", err, out, errOut)
	}
	if sc, _ := st.ScheduleByName(ctx, "report_reminder"); sc.Spec != "30 8 * * 1-5" {
		t.Fatalf("stored spec = %q", sc.Spec)
	}
	if out, _, err := call(runSchedule, getenv, "enable", "digest"); err != nil || out != "digest enabled.\n" {
		t.Fatalf("enable: %q, %v", out, err)
	}
	if out, _, err := call(runSchedule, getenv, "enable", "digest"); err != nil || !strings.Contains(out, "already") {
		t.Fatalf("enable again: %q, %v", out, err)
	}
	if _, _, err := call(runSchedule, getenv, "disable", "report_reminder"); err != nil {
		t.Fatal(err)
	}
	if sc, _ := st.ScheduleByName(ctx, "report_reminder"); sc.Enabled {
		t.Fatal("still enabled")
	}
	for _, action := range []string{"schedule.set", "schedule.enable", "schedule.disable"} {
		if es, _ := st.AuditEntries(ctx, action, 5); len(es) != 1 || es[0].ActorID != nil {
			t.Errorf("audit %s = %+v", action, es)
		}
	}
	for _, args := range [][]string{{}, {"frob"}, {"enable"}, {"run", "a", "b"}, {"list", "--tz", "Mars/Base"}} {
		if _, _, err := call(runSchedule, getenv, args...); !isUsage(err) {
			t.Errorf("schedule %v: %v, want a usage error", args, err)
		}
	}
	missing := func(k string) string {
		return map[string]string{"GANSHI_DB": filepath.Join(t.TempDir(), "typo.db"), "GANSHI_LANG": "en"}[k]
	}
	if _, _, err := call(runSchedule, missing, "list"); !isUsage(err) || !strings.Contains(err.Error(), "no database") {
		t.Fatalf("missing database: %v", err)
	}
}

func TestScheduleRun(t *testing.T) {
	getenv, st := cliDB(t)
	// A schedule whose kind this program has no job for says so instead of pretending.
	if _, _, err := call(runSchedule, getenv, "run", "digest"); err == nil || isUsage(err) || !strings.Contains(err.Error(), "no job is registered") {
		t.Fatalf("run of an unknown kind: %v", err)
	}
	saved := newEngine
	t.Cleanup(func() { newEngine = saved })
	newEngine = func(st *models.Store, loc *time.Location) *jobs.Engine {
		job := func(ctx context.Context, tx *models.Store, run jobs.Run) (int, error) {
			_, err := tx.Enqueue(ctx, &models.Notification{ChatID: 1, Kind: "text", Payload: "{}", DedupKey: "run:" + run.FireAt.String()})
			return 1, err
		}
		return jobs.NewEngine(st, jobs.Options{DefaultTZ: loc, Jobs: map[string]jobs.Job{"report_reminder": job}})
	}
	out, errOut, err := call(runSchedule, getenv, "run", "report_reminder")
	if err != nil || !strings.Contains(out, "report_reminder ran at ") || !strings.Contains(out, "1 notification(s)") {
		t.Fatalf("run: %v\n%s%s", err, out, errOut)
	}
	sc, _ := st.ScheduleByName(context.Background(), "report_reminder")
	recs, _ := st.RunRecords(context.Background(), sc.ID, 10)
	if len(recs) != 1 || recs[0].Status != models.RunManual {
		t.Fatalf("ledger = %+v", recs)
	}
	if _, _, err := call(runSchedule, getenv, "run", "nope"); !isUsage(err) {
		t.Fatalf("run unknown: %v", err)
	}
}
