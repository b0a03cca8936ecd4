package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

var shanghai, _ = models.LoadZone("Asia/Shanghai")

var november struct {
	once sync.Once
	res  *simResult
	err  error
}

// simNovember is November 2026 on the sample roster, simulated once for
// the tests that read it (a month costs seconds, more under -race).
func simNovember(t *testing.T) *simResult {
	t.Helper()
	november.once.Do(func() {
		o, err := parseSimulate([]string{"--from", "2026-11-01", "--to", "2026-11-30", "--roster", "../../examples/roster.csv"},
			env(), io.Discard, time.Now)
		if err != nil {
			november.err = err
			return
		}
		november.res, november.err = simulate(context.Background(), o)
	})
	if november.err != nil {
		t.Fatal(november.err)
	}
	return november.res
}

// November 2026 on the sample roster behaves as a person would expect:
// the punctual get one or two reminders and file on time in chat, the
// late file October two workdays late, the principal of whoever never
// files gets one private list, principals get their Monday digests, and
// nothing unprompted goes out at night or on a rest day.
func TestSimulateNovemberKeepsTheBudget(t *testing.T) {
	res := simNovember(t)
	if len(res.violations) > 0 {
		t.Fatalf("budget broken: %+v", res.violations)
	}
	nov := models.Period{Year: 2026, Month: time.November}
	dueNov := time.Date(2026, 11, 30, 18, 0, 0, 0, shanghai)
	profiles := map[string]int{}
	for _, tl := range res.tallies {
		p := tl.who
		profiles[p.profile]++
		switch p.profile {
		case profileOnTime:
			if tl.reminders < 1 || tl.reminders > 2 {
				t.Errorf("%s (on time) got %d reminders, want 1 or 2", p.c.Name, tl.reminders)
			}
			if at, ok := p.filed[nov.String()]; !ok || at.After(dueNov) {
				t.Errorf("%s (on time) filed November at %v (filed: %v), want before the deadline", p.c.Name, at, ok)
			}
		case profileLate:
			// Two overdue nudges for October, then November's two.
			if tl.reminders != 4 {
				t.Errorf("%s (late) got %d reminders, want 4", p.c.Name, tl.reminders)
			}
			if at := p.filed["2026-10"].In(shanghai); at.Day() != 3 || at.Month() != time.November {
				t.Errorf("%s (late) filed October at %v, want on 3 November, the second workday after the deadline", p.c.Name, at)
			}
		case profileNever:
			if tl.reminders != 5 || len(p.filed) > 0 {
				t.Errorf("%s (never) got %d reminders and filed %v, want 5 and nothing", p.c.Name, tl.reminders, p.filed)
			}
		}
	}
	if profiles[profileOnTime] != 9 || profiles[profileLate] != 3 || profiles[profileNever] != 1 {
		t.Fatalf("profiles %v, want 70/20/10%% of 13 reporting cadres = 9/3/1", profiles)
	}
	checkMissingLists(t, res)
	checkDigests(t, res)
	checkNoNightOrRestDay(t, res)
}

// Each principal of a unit with a cadre who never files gets exactly one
// private list for October naming that cadre; other principals get none.
func checkMissingLists(t *testing.T, res *simResult) {
	t.Helper()
	never := map[string][]string{} // unit → cadres who never file
	for _, p := range res.people {
		if p.profile == profileNever && p.c.Role != models.RoleLeader {
			never[p.unit] = append(never[p.unit], p.c.Name)
		}
	}
	lists := map[string]int{}
	for _, d := range res.log {
		if d.kind != models.KindReportMissing || !d.sent() {
			continue
		}
		p := res.person(d.chat)
		lists[p.unit]++
		if p.c.Role != models.RoleLeader || d.period != "2026-10" {
			t.Errorf("missing list for %s went to %s (%s)", d.period, p.c.Name, p.c.Role)
		}
		if !slices.Equal(d.names, never[p.unit]) {
			t.Errorf("%s's list names %v, want %v", p.c.Name, d.names, never[p.unit])
		}
	}
	if len(never) == 0 {
		t.Fatal("the seed gave no non-principal the never profile; the test needs one")
	}
	for unit := range never {
		if lists[unit] != 1 {
			t.Errorf("the principal of %s got %d missing lists, want 1", unit, lists[unit])
		}
	}
	for unit, n := range lists {
		if len(never[unit]) == 0 {
			t.Errorf("the principal of %s got %d missing lists though everyone there files", unit, n)
		}
	}
}

// Principals get their unit's digest at 08:30 on each Monday of November
// (2, 9, 16, 23 and 30), and nobody else gets one.
func checkDigests(t *testing.T, res *simResult) {
	t.Helper()
	got := map[string][]int{}
	for _, d := range res.log {
		if d.kind == models.KindDigestLeader && d.sent() {
			at := d.at.In(shanghai)
			if at.Format("15:04") != "08:30" {
				t.Errorf("digest at %v, want 08:30", at)
			}
			got[res.recipient(d.chat)] = append(got[res.recipient(d.chat)], at.Day())
		}
	}
	for _, p := range res.people {
		want := []int(nil)
		if p.c.Role == models.RoleLeader {
			want = []int{2, 9, 16, 23, 30}
		}
		if !slices.Equal(got[p.c.Name], want) {
			t.Errorf("%s got digests on %v, want %v", p.c.Name, got[p.c.Name], want)
		}
	}
}

// No message the jobs wrote reaches anyone between 21:00 and 08:00 or on
// a day the State Council calendar rests, checked here apart from the
// simulation's own check.
func checkNoNightOrRestDay(t *testing.T, res *simResult) {
	t.Helper()
	cal := models.NewHolidayCalendar(mustCalendar(t))
	jobsSent := 0
	for _, d := range res.log {
		if d.origin != fromJob || !d.sent() {
			continue
		}
		jobsSent++
		at := d.at.In(shanghai)
		if at.Hour() < 8 || at.Hour() >= 21 || !cal.IsWorkday(at.Date()) {
			t.Errorf("%s sent to %s at %v", d.kind, res.recipient(d.chat), at)
		}
	}
	if jobsSent < 40 {
		t.Fatalf("only %d job messages were sent; the simulation did not run the schedules", jobsSent)
	}
}

func mustCalendar(t *testing.T) []models.CalendarDay {
	t.Helper()
	st := modelstest.SQLite(t, time.Now)
	days, err := st.CalendarDays(context.Background(), 2026)
	if err != nil {
		t.Fatal(err)
	}
	return days
}

// The report reads as an operator needs it, in Chinese and in English,
// and the JSON says the same.
func TestSimulateReportTexts(t *testing.T) {
	res := simNovember(t)
	var zh, en, js bytes.Buffer
	if err := writeSimText(&zh, res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"11月25日（周三）\n  09:00  截止前提醒·2026年11月  13条：",
		"11月5日（周四）\n  09:30  未交名单·2026年10月  1条：",
		"结论：负担预算全部满足",
	} {
		if !strings.Contains(zh.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, zh.String())
		}
	}
	inEnglish := *res
	inEnglish.o.lang = "en"
	if err := writeSimText(&en, &inEnglish); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(en.String(), "09:00  reminder before the deadline, 2026-11  ×13: ") ||
		!strings.Contains(en.String(), "Verdict: the burden budget holds") {
		t.Errorf("English report:\n%s", en.String())
	}
	if err := writeSimJSON(&js, res); err != nil {
		t.Fatal(err)
	}
	var out simJSON
	if err := json.Unmarshal(js.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if !out.OK || len(out.People) != 14 || len(out.Messages) == 0 {
		t.Errorf("JSON: ok %v, %d people, %d message lines", out.OK, len(out.People), len(out.Messages))
	}
}

// BenchmarkSimulateNovember is what an operator waits for: November 2026
// on the sample roster, start to report.
//
//	go test -run '^$' -bench SimulateNovember -benchtime 3x ./cmd/ganshi
func BenchmarkSimulateNovember(b *testing.B) {
	o, err := parseSimulate([]string{"--from", "2026-11-01", "--to", "2026-11-30", "--roster", "../../examples/roster.csv"},
		env(), io.Discard, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := simulate(context.Background(), o)
		if err != nil || len(res.violations) > 0 {
			b.Fatalf("err %v, violations %d", err, len(res.violations))
		}
	}
}
