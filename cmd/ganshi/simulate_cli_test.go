package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/examples"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/sheets/roster"
)

// sourceDB writes a SQLite database as `ganshi import` and `serve` would
// leave it, changed by change, and closes it.
func sourceDB(t *testing.T, change func(*models.Store)) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ganshi.db")
	clock := modelstest.NewClock(time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC))
	st, err := models.Open(ctx, path, models.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := roster.Parse("roster.csv", examples.Roster, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyRoster(ctx, rows, models.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := installSchedules(ctx, st, shanghai); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(st)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// fingerprint is the source file's hash and every file beside it.
func fingerprint(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sum := sha256.Sum256(data)
	return string(sum[:]) + strings.Join(names, ",")
}

// An admin moved the "3 workdays before" reminder to 23:00: the simulation
// reads that from GANSHI_DB, shows the reminders held to 08:00 the next
// workday, finds nothing at night, and leaves the database untouched, not
// even a write-ahead log beside it.
func TestSimulateHoldsA23OClockReminderTo8(t *testing.T) {
	src := sourceDB(t, func(st *models.Store) {
		if err := st.SetSpec(context.Background(), "report-remind-3-workdays-before", "0 23 * * *", nil); err != nil {
			t.Fatal(err)
		}
	})
	before := fingerprint(t, src)
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"simulate", "--from", "2026-11-23", "--to", "2026-11-27"},
		env("GANSHI_DB", src), &out, &errOut)
	if err != nil {
		t.Fatalf("simulate: %v\n%s%s", err, out.String(), errOut.String())
	}
	want := "11月26日（周四）\n  08:00  截止前提醒·2026年11月（11月25日23:00生成，顺延）  13条："
	if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "结论：负担预算全部满足") {
		t.Errorf("want %q and a kept budget in:\n%s", want, out.String())
	}
	if strings.Contains(out.String(), "11月25日（周三）\n  23:00") {
		t.Errorf("a reminder went out at 23:00:\n%s", out.String())
	}
	if fingerprint(t, src) != before {
		t.Fatal("the source database or its directory changed")
	}
}

// Reminders beyond the budget make the simulation say who got too many
// and exit non-zero, so it can gate a change of schedules.
func TestSimulateBrokenBudgetFails(t *testing.T) {
	src := sourceDB(t, func(st *models.Store) {
		for _, n := range []string{"1", "2", "4", "5"} {
			sc := models.Schedule{Name: "report-remind-" + n, Kind: "report_remind", Spec: "0 9 * * *", TZ: "Asia/Shanghai",
				Enabled: true, Params: `{"workdays_before":` + n + `}`}
			if _, err := st.EnsureSchedule(context.Background(), &sc); err != nil {
				t.Fatal(err)
			}
		}
	})
	var out bytes.Buffer
	err := run(context.Background(), []string{"simulate", "--from", "2026-11-20", "--to", "2026-11-30", "--profile", "never=100", "--db", src},
		env(), &out, io.Discard)
	var ue usageError
	if err == nil || errors.As(err, &ue) {
		t.Fatalf("err = %v, want a failure (exit status 1)", err)
	}
	if !strings.Contains(out.String(), "吴静（经济开发区，从不提交）2026年11月收到提醒6条，超过上限5条。") ||
		!strings.Contains(out.String(), "结论：发现13处问题") {
		t.Errorf("the report does not name the breaks:\n%s", out.String())
	}
}

// The checks catch what the jobs must never do, whatever the jobs did.
func TestSimulateChecks(t *testing.T) {
	o := simOptions{loc: shanghai, from: time.Date(2026, 11, 1, 0, 0, 0, 0, shanghai), to: time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)}
	chat := int64(42)
	who := &person{c: models.Cadre{Name: "陈晓燕", ChatID: &chat}, unit: "城关镇", profile: profileOnTime}
	job := func(day, hour int) *delivery {
		at := time.Date(2026, 11, day, hour, 0, 0, 0, shanghai)
		return &delivery{chat: chat, kind: models.KindReportReminder, origin: fromJob, status: models.OutboxSent, at: at, written: at}
	}
	r := &simResult{o: o, people: []*person{who}, byChat: map[int64]*person{chat: who}, quiet: [2]time.Duration{21 * time.Hour, 8 * time.Hour},
		cal: models.NewHolidayCalendar(mustCalendar(t)),
		log: []*delivery{job(25, 9), job(26, 22), job(28, 10), {chat: chat, origin: fromReply, status: models.OutboxSent,
			at: time.Date(2026, 11, 28, 23, 0, 0, 0, shanghai)}}}
	r.count()
	r.check()
	var kinds []string
	for _, v := range r.violations {
		kinds = append(kinds, v.kind)
	}
	// A reply at night is an answer to what the person did: no break.
	if want := []string{breakBudget, breakNight, breakRest}; !slices.Equal(kinds, want) {
		t.Fatalf("violations %v, want %v", kinds, want)
	}
}

func TestSimulateFlags(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 10, 14, 3, 0, 0, 0, time.UTC) }
	o, err := parseSimulate(nil, env("GANSHI_LANG", "en"), io.Discard, now)
	if err != nil {
		t.Fatal(err)
	}
	if o.from.Format(time.DateOnly) != "2026-11-01" || o.to.Format(time.DateOnly) != "2026-12-01" || o.lang != "en" ||
		o.profile[profileOnTime] != 70 || o.lateWorkdays != 2 || o.db != "ganshi.db" {
		t.Fatalf("defaults: %+v", o)
	}
	for _, args := range [][]string{
		{"--profile", "ontime=70,late=20"},
		{"--profile", "ontime=50,slow=50"},
		{"--profile", "70"},
		{"--from", "2026-11-31"},
		{"--from", "2026-11-10", "--to", "2026-11-09"},
		{"--from", "2026-01-01", "--to", "2027-06-30"},
		{"--lang", "fr"},
		{"--late-workdays", "0"},
		{"extra"},
	} {
		var ue usageError
		if _, err := parseSimulate(args, env(), io.Discard, now); !errors.As(err, &ue) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	var ue usageError
	if err := run(context.Background(), []string{"simulate", "--db", filepath.Join(t.TempDir(), "none.db")}, env(), io.Discard, io.Discard); !errors.As(err, &ue) {
		t.Errorf("a missing database: %v, want a usage error", err)
	}
}

func TestShares(t *testing.T) {
	for _, tt := range []struct {
		mix  profileMix
		n    int
		want [3]int
	}{
		{profileMix{"ontime": 70, "late": 20, "never": 10}, 13, [3]int{9, 3, 1}},
		{profileMix{"ontime": 70, "late": 20, "never": 10}, 0, [3]int{0, 0, 0}},
		{profileMix{"ontime": 34, "late": 33, "never": 33}, 2, [3]int{1, 1, 0}},
		{profileMix{"never": 100}, 7, [3]int{0, 0, 7}},
	} {
		got := shares(tt.mix, tt.n)
		if [3]int{got[profileOnTime], got[profileLate], got[profileNever]} != tt.want {
			t.Errorf("shares(%v, %d) = %v, want %v", tt.mix, tt.n, got, tt.want)
		}
	}
}

// simulateJSON runs `ganshi simulate --json` with args and decodes it.
func simulateJSON(t *testing.T, args ...string) simJSON {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), append([]string{"simulate", "--json"}, args...), env(), &out, &errOut); err != nil {
		t.Fatalf("simulate %v: %v\n%s", args, err, errOut.String())
	}
	var js simJSON
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatalf("decode: %v\n%s", err, out.String())
	}
	return js
}

// beforeReminders counts the reminders of the 25th in a JSON report.
func beforeReminders(js simJSON) int {
	n := 0
	for _, m := range js.Messages {
		if m.Kind == models.KindReportReminder && m.Stage == models.StageBefore && strings.HasPrefix(m.At, "2026-11-25T09:00") {
			n += m.Count
		}
	}
	return n
}

// A database in use by serve (its write-ahead log open) is read through
// the log, settings included, and gets nothing written, not even through
// the log.
func TestSimulateReadsALiveSQLiteDatabase(t *testing.T) {
	ctx := context.Background()
	src := sourceDB(t, nil)
	live, err := models.Open(ctx, src, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	zhang, err := live.CadreByExternalID(ctx, "GS0001")
	if err != nil {
		t.Fatal(err)
	}
	if err := live.SetDigestPref(ctx, zhang.ID, models.DigestPref{Off: true}); err != nil {
		t.Fatal(err)
	}
	if err := live.SetQuietHours(ctx, "22:00-07:30"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(src + "-wal"); err != nil {
		t.Fatalf("the open database has no write-ahead log: %v", err)
	}
	js := simulateJSON(t, "--from", "2026-11-23", "--to", "2026-11-25", "--db", src)
	if got := beforeReminders(js); got != 13 {
		t.Errorf("%d reminders on the 25th, want 13", got)
	}
	var digests []string
	for _, m := range js.Messages {
		if m.Kind == models.KindDigestLeader {
			digests = append(digests, m.To...)
		}
	}
	if js.Quiet != "22:00-07:30" || slices.Contains(digests, "张建国") || len(digests) != 3 {
		t.Errorf("quiet hours %s, digests to %v: want 22:00-07:30 and the three principals but 张建国, who turned his off", js.Quiet, digests)
	}
	assertUntouched(t, live)
}

// A PostgreSQL source is read in a read-only transaction.
func TestSimulateReadsPostgreSQL(t *testing.T) {
	if modelstest.PostgresDSN() == "" {
		t.Skip("needs GANSHI_TEST_POSTGRES")
	}
	ctx := context.Background()
	dsn := modelstest.PostgresSchemaDSN(t)
	st, err := models.Open(ctx, dsn, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := roster.Parse("roster.csv", examples.Roster, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyRoster(ctx, rows, models.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := installSchedules(ctx, st, shanghai); err != nil {
		t.Fatal(err)
	}
	js := simulateJSON(t, "--from", "2026-11-25", "--to", "2026-11-25", "--db", dsn)
	if got := beforeReminders(js); got != 13 || !js.OK {
		t.Errorf("%d reminders on the 25th (ok %v), want 13", got, js.OK)
	}
	assertUntouched(t, st)
}

// assertUntouched checks that a source got no messages, no fires and no
// bindings from a simulation.
func assertUntouched(t *testing.T, st *models.Store) {
	t.Helper()
	ctx := context.Background()
	out, err := st.OutboxCounts(ctx)
	if err != nil || len(out) > 0 {
		t.Errorf("the source's outbox: %v %v, want empty", out, err)
	}
	var fires, bound int64
	st.DB().Model(&models.RunRecord{}).Count(&fires)
	st.DB().Model(&models.Cadre{}).Where("chat_id IS NOT NULL").Count(&bound)
	if fires > 0 || bound > 0 {
		t.Errorf("the source has %d fires and %d bound cadres, want none", fires, bound)
	}
}
