package models

// The guarded cron parser lives here, not in jobs, because it decides which
// specs may be stored: SetSpec must validate, and the bot, which may not
// import jobs, needs the same check.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// SpecError explains why a cron spec was refused. Reason is the English
// sentence, with an example; Kind (a Spec… constant), Field and Value say
// the same as data, so that a chat can say it in the reader's language.
type SpecError struct {
	Spec   string
	Kind   string
	Field  string // the field at fault (minute, hour, day-of-month, month, day-of-week), or ""
	Value  string // what is at fault: the field's text, the zone, the descriptor, the number of fields
	Reason string
}

// Kinds of SpecError.
const (
	SpecEmpty      = "empty"      // no fields at all
	SpecTooLong    = "too_long"   // over 200 characters
	SpecZone       = "zone"       // CRON_TZ names no zone (Value)
	SpecPrefix     = "prefix"     // something=… other than CRON_TZ before the fields
	SpecEvery      = "every"      // @every, which is refused
	SpecDescriptor = "descriptor" // an unknown @name (Value)
	SpecFields     = "fields"     // not 5 fields (Value: how many)
	SpecChars      = "chars"      // a field (Field, Value) with characters cron does not use
	SpecValue      = "value"      // a field (Field, Value) out of range or unreadable
	SpecNever      = "never"      // no month has that day
	SpecUnreadable = "unreadable" // the parser refused the whole
)

func (e *SpecError) Error() string { return fmt.Sprintf("%q: %s", e.Spec, e.Reason) }

// CronSpec is a validated spec. Wall evaluates the fields on wall-clock
// time (its location is UTC, which has no daylight saving); package jobs
// maps wall-clock fire times to instants in the schedule's zone.
type CronSpec struct {
	Text string             // normalized: single spaces
	Zone *time.Location     // from CRON_TZ=; nil when the spec names none
	Wall *cron.SpecSchedule // never nil
}

const specExample = `e.g. "0 9 * * 1-5"`

var (
	specParser  = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	fieldNames  = [5]string{"minute", "hour", "day-of-month", "month", "day-of-week"}
	descriptors = map[string]bool{"@yearly": true, "@annually": true, "@monthly": true, "@weekly": true,
		"@daily": true, "@midnight": true, "@hourly": true}
)

// ParseCronSpec checks spec and parses it. The cron parser is only handed
// a string of the right shape (some malformed ones make it panic, e.g.
// "TZ=0") and runs under recover all the same. @every is refused:
// schedules follow the wall clock and the calendar, not intervals.
func ParseCronSpec(spec string) (CronSpec, error) {
	fail := func(e *SpecError) (CronSpec, error) {
		e.Spec = spec
		return CronSpec{}, e
	}
	fields := strings.Fields(spec)
	switch {
	case len(fields) == 0:
		return fail(&SpecError{Kind: SpecEmpty, Reason: "empty spec; give 5 fields (minute hour day-of-month month day-of-week), " + specExample})
	case len(spec) > 200:
		return fail(&SpecError{Kind: SpecTooLong, Reason: "longer than 200 characters"})
	}
	var zone *time.Location
	if name, ok := strings.CutPrefix(fields[0], "CRON_TZ="); ok {
		z, err := LoadZone(name)
		if err != nil {
			return fail(&SpecError{Kind: SpecZone, Value: name, Reason: fmt.Sprintf(`CRON_TZ: %v, e.g. "CRON_TZ=Asia/Shanghai 0 9 * * 1-5"`, err)})
		}
		zone, fields = z, fields[1:]
	} else if strings.Contains(fields[0], "=") {
		return fail(&SpecError{Kind: SpecPrefix, Value: fields[0], Reason: `only CRON_TZ=<zone> may come before the fields, e.g. "CRON_TZ=Asia/Shanghai 0 9 * * 1-5"`})
	}
	if e := checkFields(fields); e != nil {
		return fail(e)
	}
	body := strings.Join(fields, " ")
	sched, err := safeParse(body)
	if err != nil {
		return fail(&SpecError{Kind: SpecUnreadable, Reason: fmt.Sprintf("%v, %s", err, specExample)})
	}
	ss, ok := sched.(*cron.SpecSchedule)
	if !ok {
		return fail(&SpecError{Kind: SpecUnreadable, Reason: "not a calendar schedule, " + specExample})
	}
	wall := *ss
	wall.Location = time.UTC
	if wall.Next(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return fail(&SpecError{Kind: SpecNever, Reason: "never fires (no month has that day), " + specExample})
	}
	text := body
	if zone != nil {
		text = "CRON_TZ=" + zone.String() + " " + body
	}
	return CronSpec{Text: text, Zone: zone, Wall: &wall}, nil
}

// checkFields tells what is wrong with the shape of the fields, or nil.
// Each field is also parsed alone so the message can name it.
func checkFields(fields []string) *SpecError {
	if len(fields) > 0 && strings.HasPrefix(fields[0], "@") {
		switch {
		case fields[0] == "@every":
			return &SpecError{Kind: SpecEvery, Reason: `@every is not allowed: schedules follow the clock and the calendar; write e.g. "*/30 * * * *"`}
		case len(fields) != 1 || !descriptors[fields[0]]:
			return &SpecError{Kind: SpecDescriptor, Value: fields[0],
				Reason: "unknown descriptor (use @hourly, @daily, @weekly, @monthly or @yearly), " + specExample}
		}
		return nil
	}
	if len(fields) != 5 {
		return &SpecError{Kind: SpecFields, Value: strconv.Itoa(len(fields)),
			Reason: "expected 5 fields (minute hour day-of-month month day-of-week), " + specExample}
	}
	for i, f := range fields {
		if len(f) > 64 || strings.Trim(f, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ*?,-/") != "" {
			return &SpecError{Kind: SpecChars, Field: fieldNames[i], Value: f,
				Reason: fmt.Sprintf("%s field %q may only use digits, names like MON or JAN, and * ? , - /, %s", fieldNames[i], f, specExample)}
		}
		alone := []string{"*", "*", "*", "*", "*"}
		alone[i] = f
		if _, err := safeParse(strings.Join(alone, " ")); err != nil {
			return &SpecError{Kind: SpecValue, Field: fieldNames[i], Value: f,
				Reason: fmt.Sprintf("%s field %q: %v, %s", fieldNames[i], f, err, specExample)}
		}
	}
	return nil
}

func safeParse(spec string) (s cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("the cron parser failed on it: %v", r)
		}
	}()
	return specParser.Parse(spec)
}

// ValidateSpec explains what is wrong with spec, or returns nil.
func ValidateSpec(spec string) error {
	_, err := ParseCronSpec(spec)
	return err
}
