package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCalendarListSetDelete(t *testing.T) {
	getenv, st := cliDB(t)
	out, _, err := call(runCalendar, getenv, "list", "--year", "2026")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2026-10-01 Thu  holiday  official  国庆节", "2026-09-20 Sun  workday  official  国庆节调休上班",
		"39 days listed for 2026"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if out, _, err := call(runCalendar, getenv, "set", "2026-10-09", "holiday", "县里", "补休"); err != nil || !strings.Contains(out, "2026-10-09 is now a holiday") {
		t.Fatalf("set: %q, %v", out, err)
	}
	cal, _ := st.LoadCalendar(context.Background())
	if d, ok := cal.Day(2026, 10, 9); !ok || d.Name != "县里 补休" || cal.IsWorkday(2026, 10, 9) {
		t.Fatalf("2026-10-09 = %+v, %v", d, ok)
	}
	if _, _, err := call(runCalendar, getenv, "delete", "2026-10-09"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := call(runCalendar, getenv, "delete", "2026-10-01"); err == nil || isUsage(err) || !strings.Contains(err.Error(), "no admin entry") {
		t.Fatalf("delete an official day: %v", err)
	}
	for _, args := range [][]string{{"set", "2026-13-01", "holiday"}, {"set", "2026-10-09", "rest"}, {"set", "2026-10-09"},
		{"list", "2026"}, {"delete"}, {"frob"}, {}} {
		if _, _, err := call(runCalendar, getenv, args...); !isUsage(err) {
			t.Errorf("calendar %v: %v, want a usage error", args, err)
		}
	}
	if out, _, err := call(runCalendar, getenv, "list", "--year", "2030"); err != nil || !strings.Contains(out, "No days listed for 2030") {
		t.Fatalf("empty year: %q, %v", out, err)
	}
}

func TestCalendarImport(t *testing.T) {
	getenv, st := cliDB(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "2027.csv")
	mustWrite(t, bad, "date,type,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n")
	_, errOut, err := call(runCalendar, getenv, "import", bad)
	if err == nil || !strings.Contains(err.Error(), "1 problem(s) listed above; nothing was imported") ||
		!strings.Contains(errOut, `2027.csv: line 3: date "2027-02-30" is not a day`) {
		t.Fatalf("bad import: %v\n%s", err, errOut)
	}
	good := filepath.Join(dir, "2027-ok.csv")
	mustWrite(t, good, "# 2027\ndate,type,name\n2027-01-01,holiday,元旦\n2027-02-06,workday,春节调休上班\n")
	out, _, err := call(runCalendar, getenv, "import", good)
	if err != nil || !strings.Contains(out, "2 days imported") {
		t.Fatalf("import: %q, %v", out, err)
	}
	if cal, _ := st.LoadCalendar(context.Background()); !cal.IsWorkday(2027, 2, 6) {
		t.Fatal("2027-02-06 (a Saturday make-up day) is not a workday after import")
	}
	if _, _, err := call(runCalendar, getenv, "import", filepath.Join(dir, "missing.csv")); err == nil {
		t.Fatal("missing file accepted")
	}
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A year is a number in range, not anything the flag package parses.
func TestCalendarListRefusesAnAbsurdYear(t *testing.T) {
	getenv, _ := cliDB(t)
	for _, y := range []string{"-5", "99999"} {
		var ue usageError
		if _, _, err := call(runCalendar, getenv, "list", "--year", y); !errors.As(err, &ue) || !strings.Contains(err.Error(), "--year") {
			t.Errorf("--year %s: %v, want a usage error", y, err)
		}
	}
}
