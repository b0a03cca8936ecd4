package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/roster"
	"github.com/ganshi/ganshi/texts"
)

// simOptions is what `ganshi simulate` was asked to do.
type simOptions struct {
	from, to     time.Time // local midnights: the first day and the day after the last
	loc          *time.Location
	db           string // the source database, read only
	roster       string // a roster file instead of the database
	encoding     string
	profile      profileMix
	lateWorkdays int
	seed         uint64
	lang         string
	json         bool
}

// maxSimDays bounds a simulation: a year of fires is minutes of work.
const maxSimDays = 366

const simulateUsage = `Usage: ganshi simulate [--from 2026-11-01] [--to 2026-11-30] [--roster FILE]
       [--profile ontime=70,late=20,never=10] [--late-workdays 2] [--seed 1] [--lang zh|en] [--json]

Plays the schedules through the given days on a simulated clock: the real
scheduler, bot and sender against a built-in fake Telegram, with simulated
people who report on time, late or never. It reads the roster, schedules,
calendar and settings from GANSHI_DB (or a roster file with --roster) into a
temporary copy; the database itself is never written. It prints what was
sent each day and each person's unprompted messages against the burden
budget (on time: at most 2 reminders a month; late or never: at most 5;
nothing at night or on rest days), and exits with status 1 when the budget
is broken.`

// runSimulate is `ganshi simulate`.
func runSimulate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o, err := parseSimulate(args, getenv, stderr, time.Now)
	if err != nil {
		return err
	}
	began := time.Now()
	res, err := simulate(ctx, o)
	if err != nil {
		return fmt.Errorf("simulate: %w", err)
	}
	if o.json {
		err = writeSimJSON(stdout, res)
	} else {
		err = writeSimText(stdout, res)
	}
	if err != nil {
		return fmt.Errorf("simulate: %w", err)
	}
	fmt.Fprintln(stderr, texts.T(o.lang, "sim_elapsed", time.Since(began).Seconds()))
	if n := len(res.violations); n > 0 {
		return errors.New(texts.T(o.lang, "sim_failed", n))
	}
	return nil
}

// parseSimulate reads the flags. now only supplies the default month (the
// next one), never anything the simulation itself uses.
func parseSimulate(args []string, getenv func(string) string, stderr io.Writer, now func() time.Time) (simOptions, error) {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	tz := fs.String("tz", cmp.Or(getenv("GANSHI_TZ"), "Asia/Shanghai"), "time zone of the dates, deadlines and reminders (env GANSHI_TZ)")
	from := fs.String("from", "", "first day to simulate, 2026-11-01 (default: the first day of next month)")
	to := fs.String("to", "", "last day to simulate, inclusive (default: the end of the --from month)")
	rosterFile := fs.String("roster", "", "a roster .csv or .xlsx (as for import) instead of the database; default schedules")
	enc := fs.String("encoding", "", "encoding of a .csv roster: utf-8 or gbk (default: detect)")
	mix := fs.String("profile", "ontime=70,late=20,never=10", "share of people who report on time, late and never, in percent")
	late := fs.Int("late-workdays", 2, "how many workdays after the deadline the late ones submit")
	seed := fs.Uint64("seed", 1, "seed for who gets which profile and when people answer")
	lang := fs.String("lang", cmp.Or(getenv("GANSHI_LANG"), texts.ZH), "language of the report: zh or en (env GANSHI_LANG)")
	js := fs.Bool("json", false, "print the totals as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, simulateUsage)
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return simOptions{}, err
	}
	if len(pos) > 0 {
		return simOptions{}, usagef("simulate: unexpected argument %q", pos[0])
	}
	o := simOptions{db: *db, roster: *rosterFile, lateWorkdays: *late, seed: *seed, lang: *lang, json: *js}
	if o.lang != texts.ZH && o.lang != texts.EN {
		return o, usagef("simulate: --lang must be zh or en, got %q", o.lang)
	}
	if o.loc, err = models.LoadZone(*tz); err != nil {
		return o, usagef("simulate: --tz: %v", err)
	}
	if o.encoding, err = roster.ParseEncoding(*enc); err != nil {
		return o, usagef("simulate: --encoding: %v", err)
	}
	if o.profile, err = parseProfileMix(*mix); err != nil {
		return o, usagef("simulate: --profile: %v", err)
	}
	if o.lateWorkdays < 1 || o.lateWorkdays > 20 {
		return o, usagef("simulate: --late-workdays must be between 1 and 20, got %d", o.lateWorkdays)
	}
	if o.from, o.to, err = simWindow(*from, *to, o.loc, now()); err != nil {
		return o, err
	}
	return o, nil
}

// simWindow reads --from and --to into local midnights [from, to+1 day).
func simWindow(fromArg, toArg string, loc *time.Location, now time.Time) (time.Time, time.Time, error) {
	day := func(name, s string) (time.Time, error) {
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return t, usagef("simulate: --%s must be a date like 2026-11-01, got %q", name, s)
		}
		return t, nil
	}
	n := now.In(loc)
	from := time.Date(n.Year(), n.Month()+1, 1, 0, 0, 0, 0, loc)
	var err error
	if fromArg != "" {
		if from, err = day("from", fromArg); err != nil {
			return from, from, err
		}
	}
	end := time.Date(from.Year(), from.Month()+1, 1, 0, 0, 0, 0, loc)
	if toArg != "" {
		last, err := day("to", toArg)
		if err != nil {
			return from, from, err
		}
		end = last.AddDate(0, 0, 1)
	}
	if !end.After(from) {
		return from, end, usagef("simulate: --to %s is before --from %s", toArg, from.Format("2006-01-02"))
	}
	if end.Sub(from) > maxSimDays*24*time.Hour+time.Hour {
		return from, end, usagef("simulate: at most %d days at a time", maxSimDays)
	}
	return from, end, nil
}

// profileMix is the share of each profile, in percent.
type profileMix map[string]int

// Profiles of simulated people, in the order they are assigned.
const (
	profileOnTime = "ontime"
	profileLate   = "late"
	profileNever  = "never"
)

var profileNames = []string{profileOnTime, profileLate, profileNever}

// parseProfileMix reads "ontime=70,late=20,never=10"; the shares must add
// up to 100 and a profile left out counts 0.
func parseProfileMix(s string) (profileMix, error) {
	m := profileMix{}
	total := 0
	for part := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "on-time" || k == "on_time" {
			k = profileOnTime
		}
		if !ok || err != nil || n < 0 {
			return nil, fmt.Errorf("write it like ontime=70,late=20,never=10, got %q", part)
		}
		if _, known := m[k]; known || (k != profileOnTime && k != profileLate && k != profileNever) {
			return nil, fmt.Errorf("%q: profiles are ontime, late and never, each once", k)
		}
		m[k] = n
		total += n
	}
	if total != 100 {
		return nil, fmt.Errorf("the shares add up to %d, not 100", total)
	}
	return m, nil
}
