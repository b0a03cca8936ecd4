package jobs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/ganshi/ganshi/jobs"
)

// TestRobfigAloneGetsDSTWrong records why Spec.Next wraps robfig/cron: on
// its own it skips a local time that does not exist and fires a repeated
// one twice.
func TestRobfigAloneGetsDSTWrong(t *testing.T) {
	p := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)
	spring, _ := p.Parse("CRON_TZ=America/New_York 30 2 * * *")
	if got := spring.Next(utc(2026, 3, 8, 0, 0)); !got.Equal(utc(2026, 3, 9, 6, 30)) {
		t.Errorf("robfig spring forward: %s (if it now fires on 03-08, the wrapper may be simplified)", got.UTC())
	}
	fall, _ := p.Parse("CRON_TZ=America/New_York 30 1 * * *")
	first := fall.Next(utc(2026, 11, 1, 0, 0))
	if second := fall.Next(first); !second.Equal(utc(2026, 11, 1, 6, 30)) {
		t.Errorf("robfig fall back: %s then %s", first.UTC(), second.UTC())
	}
}

func TestSpecNextAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		spec, zone string
		after      time.Time
		want       []time.Time // UTC
	}{
		{"30 2 * * *", "America/New_York", utc(2026, 3, 7, 12, 0),
			[]time.Time{utc(2026, 3, 8, 7, 0), utc(2026, 3, 9, 6, 30)}},
		{"30 1 * * *", "America/New_York", utc(2026, 10, 31, 12, 0),
			[]time.Time{utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)}},
		{"30 2 * * *", "Europe/Berlin", utc(2026, 3, 28, 12, 0),
			[]time.Time{utc(2026, 3, 29, 1, 0), utc(2026, 3, 30, 0, 30)}},
		{"30 2 * * *", "Europe/Berlin", utc(2026, 10, 24, 12, 0),
			[]time.Time{utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)}},
		// Every quarter of the missing hour collapses into one fire at 03:00.
		{"*/15 2 * * *", "America/New_York", utc(2026, 3, 8, 0, 0),
			[]time.Time{utc(2026, 3, 8, 7, 0), utc(2026, 3, 9, 6, 0)}},
		// A fire at 03:00 proper and one moved there from 02:00 are one fire.
		{"0 2,3 * * *", "America/New_York", utc(2026, 3, 8, 0, 0),
			[]time.Time{utc(2026, 3, 8, 7, 0), utc(2026, 3, 9, 6, 0)}},
		// Half-hourly through fall back: the repeated hour is not run again.
		{"*/30 * * * *", "America/New_York", utc(2026, 11, 1, 4, 0),
			[]time.Time{utc(2026, 11, 1, 4, 30), utc(2026, 11, 1, 5, 0), utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 7, 0)}},
		// Asia/Shanghai has no daylight saving: plain.
		{"0 9 * * 1-5", "Asia/Shanghai", utc(2026, 11, 6, 1, 0),
			[]time.Time{utc(2026, 11, 9, 1, 0), utc(2026, 11, 10, 1, 0)}},
	} {
		s, err := jobs.ParseSpec(tc.spec, mustZone(tc.zone))
		if err != nil {
			t.Fatal(err)
		}
		at := tc.after
		for i, want := range tc.want {
			at = s.Next(at)
			if !at.Equal(want) {
				t.Errorf("%s in %s: fire %d = %s, want %s", tc.spec, tc.zone, i, at.UTC(), want)
				break
			}
		}
	}
}

func TestSpecNextFromInsideRepeatedHour(t *testing.T) {
	s, _ := jobs.ParseSpec("30 1 * * *", mustZone("America/New_York"))
	// 01:15 EST, the second pass through 01:xx: 01:30 already fired as EDT.
	if got := s.Next(utc(2026, 11, 1, 6, 15)); !got.Equal(utc(2026, 11, 2, 6, 30)) {
		t.Fatalf("next = %s", got.UTC())
	}
}

func TestSpecZone(t *testing.T) {
	s, err := jobs.ParseSpec("CRON_TZ=Europe/Berlin 0 9 * * *", shanghai)
	if err != nil || s.Loc.String() != "Europe/Berlin" || s.String() != "CRON_TZ=Europe/Berlin 0 9 * * *" {
		t.Fatalf("CRON_TZ does not win: %v, %v", s, err)
	}
	if _, err := jobs.ParseSpec("0 9 * * *", nil); err == nil {
		t.Fatal("a spec without a zone parsed")
	}
}

func TestNextFires(t *testing.T) {
	got, err := jobs.NextFires("0 9 * * 1-5", "Asia/Shanghai", local(2026, 11, 6, 9, 0), 3)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, f := range got {
		s = append(s, f.Format("Mon 01-02 15:04 MST"))
	}
	if want := "Mon 11-09 09:00 CST|Tue 11-10 09:00 CST|Wed 11-11 09:00 CST"; strings.Join(s, "|") != want {
		t.Fatalf("next fires = %v, want %s", s, want)
	}
	if _, err := jobs.NextFires("0 9 * *", "Asia/Shanghai", time.Now(), 3); err == nil ||
		!strings.Contains(err.Error(), `expected 5 fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"`) {
		t.Fatalf("bad spec: %v", err)
	}
	if _, err := jobs.NextFires("0 9 * * *", "Nowhere/City", time.Now(), 3); err == nil {
		t.Fatal("bad zone accepted")
	}
	if got, err := jobs.NextFires("0 0 29 2 *", "UTC", utc(2026, 1, 1, 0, 0), 2); err != nil || len(got) != 2 || got[0].Year() != 2028 {
		t.Fatalf("leap day: %v, %v", got, err)
	}
}
