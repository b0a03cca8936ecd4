package jobs

import (
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
)

// Spec is a validated cron spec bound to the zone it fires in.
type Spec struct {
	cron models.CronSpec
	Loc  *time.Location
}

// ParseSpec validates spec (see models.ParseCronSpec) and binds it to loc,
// unless the spec names its own zone with CRON_TZ=.
func ParseSpec(spec string, loc *time.Location) (*Spec, error) {
	cs, err := models.ParseCronSpec(spec)
	if err != nil {
		return nil, err
	}
	if cs.Zone != nil {
		loc = cs.Zone
	}
	if loc == nil {
		return nil, fmt.Errorf("spec %q: no time zone", spec)
	}
	return &Spec{cron: cs, Loc: loc}, nil
}

// String is the normalized spec.
func (s *Spec) String() string { return s.cron.Text }

// maxSteps bounds the walk past local times that already happened: an
// hour repeated at fall back holds at most 60 minutely fire times.
const maxSteps = 2000

// Next is the first fire time strictly after after, or the zero time when
// the spec never fires again. It walks wall-clock times with robfig/cron
// (in UTC, which has no daylight saving) and maps each to its instant in
// Loc: a repeated local time to its first occurrence, a skipped one to the
// end of the gap.
func (s *Spec) Next(after time.Time) time.Time {
	w := wall(after.In(s.Loc))
	for range maxSteps {
		w = s.cron.Wall.Next(w)
		if w.IsZero() {
			return time.Time{}
		}
		if t := instant(w, s.Loc); t.After(after) {
			return t
		}
	}
	return time.Time{}
}

// Between lists the fire times in (from, to], at most limit of them.
func (s *Spec) Between(from, to time.Time, limit int) []time.Time {
	var out []time.Time
	for t := s.Next(from); !t.IsZero() && !t.After(to) && len(out) < limit; t = s.Next(t) {
		out = append(out, t)
	}
	return out
}

// wall is t's local date and clock written as a UTC time.
func wall(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, m, d, h, mi, sec, 0, time.UTC)
}

// instant is the first instant whose local time in loc is the wall-clock
// time w, or, when w falls in a gap, the first instant after the gap.
func instant(w time.Time, loc *time.Location) time.Time {
	// The offsets a day either side cover both sides of any transition
	// near w (zones never change twice within two days).
	_, before := w.Add(-24 * time.Hour).In(loc).Zone()
	_, after := w.Add(24 * time.Hour).In(loc).Zone()
	var first time.Time
	for _, off := range []int{before, after} {
		c := w.Add(-time.Duration(off) * time.Second).In(loc)
		if wall(c).Equal(w) && (first.IsZero() || c.Before(first)) {
			first = c
		}
	}
	if !first.IsZero() {
		return first
	}
	// In the gap: read with the old offset, w lies after the transition,
	// and the zone period it falls in starts at the transition.
	start, _ := w.Add(-time.Duration(before) * time.Second).In(loc).ZoneBounds()
	if start.IsZero() {
		return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	}
	return start.In(loc)
}

// NextFires lists the next n fire times of spec after after, in the
// spec's zone (tz unless the spec says CRON_TZ=), for listings.
func NextFires(spec, tz string, after time.Time, n int) ([]time.Time, error) {
	var loc *time.Location
	if tz != "" {
		l, err := models.LoadZone(tz)
		if err != nil {
			return nil, err
		}
		loc = l
	}
	s, err := ParseSpec(spec, loc)
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, 0, n)
	for t := s.Next(after); !t.IsZero() && len(out) < n; t = s.Next(t) {
		out = append(out, t)
	}
	return out, nil
}
