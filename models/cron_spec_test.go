package models_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
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

// FuzzParseCronSpec throws odd strings at the guarded parser (some make
// robfig/cron panic on its own). Whatever comes in, the answer is a
// SpecError that names the spec and a kind, or a spec that fires, whose
// normal form parses to itself. As a plain test it runs the seeds: every
// triple of awkward pieces, alone and around a valid middle.
func FuzzParseCronSpec(f *testing.F) {
	parts := []string{"", " ", "=", "TZ=", "CRON_TZ=", "UTC", "0", "*", "@", "-", "/", ",", "?", "9-", "-9", "1/", "/1", "a=b", "\t"}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				f.Add(a + b + c)
				f.Add(a + b + " * * * " + c)
			}
		}
	}
	for _, spec := range []string{"0 9 * * 1-5", "CRON_TZ=Asia/Shanghai 30 8 * * *", "@daily", "0 0 30 2 *", "@every 1h"} {
		f.Add(spec)
	}
	kinds := []string{models.SpecEmpty, models.SpecTooLong, models.SpecZone, models.SpecPrefix, models.SpecEvery,
		models.SpecDescriptor, models.SpecFields, models.SpecChars, models.SpecValue, models.SpecNever, models.SpecUnreadable}
	f.Fuzz(func(t *testing.T, spec string) {
		cs, err := models.ParseCronSpec(spec)
		if err != nil {
			var se *models.SpecError
			if !errors.As(err, &se) || se.Spec != spec || !slices.Contains(kinds, se.Kind) || se.Reason == "" {
				t.Fatalf("%q: refused with %#v", spec, err)
			}
			return
		}
		if cs.Wall == nil || cs.Wall.Next(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
			t.Fatalf("%q: accepted a spec that never fires", spec)
		}
		again, err := models.ParseCronSpec(cs.Text)
		if err != nil || again.Text != cs.Text {
			t.Fatalf("%q: normal form %q parses to %q, %v", spec, cs.Text, again.Text, err)
		}
	})
}
