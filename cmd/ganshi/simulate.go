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
	"github.com/ganshi/ganshi/sheets/roster"
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

// runSimulate is `ganshi simulate`.
func runSimulate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o, err := parseSimulate(args, getenv, stderr, time.Now)
	if err != nil {
		return err
	}
	began := time.Now()
	res, err := simulate(ctx, o)
	if ue := (usageError{}); errors.As(err, &ue) {
		return ue // said in o.lang already
	} else if err != nil {
		return failT(o.lang, "cli_sim_failed", err)
	}
	if o.json {
		err = writeSimJSON(stdout, res)
	} else {
		err = writeSimText(stdout, res)
	}
	if err != nil {
		return failT(o.lang, "cli_sim_failed", err)
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
	lang := cliLang(getenv)
	t := func(key string) string { return texts.T(lang, key) }
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	db := dbFlag(fs, getenv)
	tz := fs.String("tz", cmp.Or(getenv("GANSHI_TZ"), models.DefaultZone), t("cli_sim_flag_tz"))
	from := fs.String("from", "", t("cli_sim_flag_from"))
	to := fs.String("to", "", t("cli_sim_flag_to"))
	rosterFile := fs.String("roster", "", t("cli_sim_flag_roster"))
	enc := fs.String("encoding", "", t("cli_import_flag_encoding"))
	mix := fs.String("profile", "ontime=70,late=20,never=10", t("cli_sim_flag_profile"))
	late := fs.Int("late-workdays", 2, t("cli_sim_flag_late"))
	seed := fs.Uint64("seed", 1, t("cli_sim_flag_seed"))
	js := fs.Bool("json", false, t("cli_sim_flag_json"))
	setUsage(fs, stderr, lang, "cli_sim_usage")
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return simOptions{}, err
	}
	if len(pos) > 0 {
		return simOptions{}, usageT(lang, "cli_unexpected_arg", "simulate", pos[0])
	}
	o := simOptions{db: *db, roster: *rosterFile, lateWorkdays: *late, seed: *seed, lang: lang, json: *js}
	if o.loc, err = models.LoadZone(*tz); err != nil {
		return o, usageT(lang, "cli_bad_tz", "simulate", *tz)
	}
	if o.encoding, err = roster.ParseEncoding(*enc); err != nil {
		return o, usageT(lang, "cli_bad_encoding", "simulate", *enc)
	}
	if o.profile, err = parseProfileMix(*mix); err != nil {
		return o, usageT(lang, "cli_sim_bad_profile", reason(lang, err))
	}
	if o.lateWorkdays < 1 || o.lateWorkdays > 20 {
		return o, usageT(lang, "cli_sim_late_workdays", o.lateWorkdays)
	}
	if o.from, o.to, err = simWindow(*from, *to, o.loc, now(), lang); err != nil {
		return o, err
	}
	return o, nil
}

// simWindow reads --from and --to into local midnights [from, to+1 day).
func simWindow(fromArg, toArg string, loc *time.Location, now time.Time, lang string) (time.Time, time.Time, error) {
	day := func(name, s string) (time.Time, error) {
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return t, usageT(lang, "cli_sim_bad_date", name, s)
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
		return from, end, usageT(lang, "cli_sim_reversed", toArg, from.Format("2006-01-02"))
	}
	if end.Sub(from) > maxSimDays*24*time.Hour+time.Hour {
		return from, end, usageT(lang, "cli_sim_too_long", maxSimDays)
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
// up to 100 and a profile left out counts 0. Errors are texts.Msgs.
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
			return nil, texts.M("cli_sim_profile_shape", part)
		}
		if _, known := m[k]; known || (k != profileOnTime && k != profileLate && k != profileNever) {
			return nil, texts.M("cli_sim_profile_names", k)
		}
		m[k] = n
		total += n
	}
	if total != 100 {
		return nil, texts.M("cli_sim_profile_sum", total)
	}
	return m, nil
}
