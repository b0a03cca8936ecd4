package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// newEngine builds the scheduler `ganshi schedule run` uses: every job
// kind serve knows. Tests replace it to run a job of their own.
var newEngine = func(st *models.Store, loc *time.Location) *jobs.Engine {
	return engineFor(st, loc, nil)
}

// cliArgs is a subcommand's positional arguments and common flags.
type cliArgs struct {
	pos  []string
	db   string
	loc  *time.Location
	lang string
}

// parseCLI reads --db and --tz around the positional arguments of
// `ganshi <cmd> <sub> ...`; usage is the catalog key of the help.
func parseCLI(name string, args []string, getenv func(string) string, stderr io.Writer, usage string, extra func(*flag.FlagSet)) (cliArgs, error) {
	lang := cliLang(getenv)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	db := dbFlag(fs, getenv)
	tz := fs.String("tz", cmp.Or(getenv("GANSHI_TZ"), models.DefaultZone), texts.T(lang, "cli_flag_tz_schedule"))
	if extra != nil {
		extra(fs)
	}
	setUsage(fs, stderr, lang, usage)
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return cliArgs{}, err
	}
	loc, err := models.LoadZone(*tz)
	if err != nil {
		return cliArgs{}, usageT(lang, "cli_bad_tz", name, *tz)
	}
	return cliArgs{pos: pos, db: *db, loc: loc, lang: lang}, nil
}

// openExisting opens the database, refusing a SQLite file that is not
// there: opening would create an empty one and hide a mistyped path.
func openExisting(ctx context.Context, lang, name, dsn string) (*models.Store, error) {
	if err := mustExist(lang, name, dsn); err != nil {
		return nil, err
	}
	st, err := models.Open(ctx, dsn, models.Options{})
	if err != nil {
		return nil, failT(lang, "cli_failed", err, name)
	}
	return st, nil
}

// runSchedule lists and changes schedules, and runs one at once.
func runSchedule(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang := cliLang(getenv)
	if len(args) == 0 {
		fmt.Fprintln(stderr, texts.T(lang, "cli_schedule_usage"))
		return usageT(lang, "cli_schedule_what")
	}
	sub := args[0]
	want := map[string]int{"list": 0, "set": 2, "enable": 1, "disable": 1, "run": 1}
	switch n, ok := want[sub]; {
	case sub == "-h" || sub == "--help" || sub == "help":
		fmt.Fprintln(stdout, texts.T(lang, "cli_schedule_usage"))
		return nil
	case !ok:
		return usageT(lang, "cli_schedule_unknown_sub", sub)
	default:
		a, err := parseCLI("schedule "+sub, args[1:], getenv, stderr, "cli_schedule_usage", nil)
		if err != nil {
			return err
		}
		if len(a.pos) < n || (sub != "set" && len(a.pos) != n) {
			return usageT(lang, "cli_wrong_args", "schedule "+sub, texts.M("cli_schedule_usage"))
		}
		st, err := openExisting(ctx, lang, "schedule "+sub, a.db)
		if err != nil {
			return err
		}
		defer st.Close()
		return scheduleCommand(ctx, st, sub, a, stdout)
	}
}

func scheduleCommand(ctx context.Context, st *models.Store, sub string, a cliArgs, stdout io.Writer) error {
	t := func(key string, args ...any) string { return texts.T(a.lang, key, args...) }
	var err error
	switch sub {
	case "list":
		return listSchedules(ctx, st, a, stdout)
	case "set":
		name, spec := a.pos[0], strings.Join(a.pos[1:], " ")
		if err = st.SetSpec(ctx, name, spec, nil); err == nil {
			return printSchedule(ctx, st, name, a, stdout)
		}
	case "enable", "disable":
		var changed bool
		if changed, err = st.SetEnabled(ctx, a.pos[0], sub == "enable", nil); err == nil {
			key := "cli_schedule_" + sub + "d"
			if !changed {
				key = "cli_schedule_already_" + sub + "d"
			}
			fmt.Fprintln(stdout, t(key, a.pos[0]))
			return nil
		}
	case "run":
		var rec models.RunRecord
		if rec, err = newEngine(st, a.loc).RunNow(ctx, a.pos[0], nil); err == nil {
			fmt.Fprintln(stdout, t("cli_schedule_ran", a.pos[0], rec.FireAt.In(a.loc).Format("2006-01-02 15:04:05 MST"), rec.Produced))
			return nil
		}
	}
	var se *models.SpecError
	switch {
	case errors.As(err, &se):
		return usageT(a.lang, "cli_spec_bad", se.Spec, specReason(a.lang, se))
	case errors.Is(err, models.ErrNotFound):
		return usageT(a.lang, "cli_schedule_unknown", sub, a.pos[0], knownSchedules(ctx, st))
	}
	return failT(a.lang, "cli_failed", err, "schedule "+sub)
}

// specReason says why a spec was refused with the chat's words, as plain
// text: the chat's are Telegram HTML.
func specReason(lang string, se *models.SpecError) string {
	var s string
	switch se.Kind {
	case models.SpecZone, models.SpecDescriptor, models.SpecFields:
		s = texts.T(lang, "spec_"+se.Kind, se.Value)
	case models.SpecChars, models.SpecValue:
		s = texts.T(lang, "spec_"+se.Kind, texts.M("spec_field_"+se.Field), se.Value)
	case models.SpecEmpty, models.SpecTooLong, models.SpecPrefix, models.SpecEvery, models.SpecNever:
		s = texts.T(lang, "spec_"+se.Kind)
	default:
		s = texts.T(lang, "spec_unreadable")
	}
	return html.UnescapeString(htmlTag.ReplaceAllString(s, ""))
}

var htmlTag = regexp.MustCompile(`</?[a-z]+>`)

func knownSchedules(ctx context.Context, st *models.Store) texts.Msg {
	list, err := st.Schedules(ctx)
	if err != nil || len(list) == 0 {
		return texts.M("cli_schedule_none")
	}
	names := make([]string, len(list))
	for i, sc := range list {
		names[i] = sc.Name
	}
	return texts.M("cli_schedule_known", texts.List(names))
}

// listSchedules prints every schedule with its next three fire times in
// the schedule's own zone.
func listSchedules(ctx context.Context, st *models.Store, a cliArgs, w io.Writer) error {
	t := func(key string) string { return texts.T(a.lang, key) }
	list, err := st.Schedules(ctx)
	if err != nil {
		return failT(a.lang, "cli_failed", err, "schedule list")
	}
	if len(list) == 0 {
		fmt.Fprintln(w, t("cli_schedule_list_empty"))
		return nil
	}
	rows := [][]string{{t("cli_schedule_col_name"), t("cli_schedule_col_kind"), t("cli_schedule_col_on"),
		t("cli_schedule_col_spec"), t("cli_schedule_col_zone"), t("cli_schedule_col_next")}}
	for _, sc := range list {
		on := t("cli_schedule_off")
		if sc.Enabled {
			on = t("cli_schedule_on")
		}
		rows = append(rows, []string{sc.Name, sc.Kind, on, sc.Spec, zoneName(sc, a.loc), nextFires(sc, a, st.Now())})
	}
	writeTable(w, rows)
	return nil
}

func printSchedule(ctx context.Context, st *models.Store, name string, a cliArgs, w io.Writer) error {
	sc, err := st.ScheduleByName(ctx, name)
	if err != nil {
		return failT(a.lang, "cli_failed", err, "schedule set")
	}
	fmt.Fprintln(w, texts.T(a.lang, "cli_schedule_set", sc.Name, sc.Spec, zoneName(sc, a.loc), nextFires(sc, a, st.Now())))
	if !sc.Enabled {
		fmt.Fprintln(w, texts.T(a.lang, "cli_schedule_is_off", sc.Name))
	}
	return nil
}

// zoneName is the zone a schedule fires in: its CRON_TZ, its TZ, or the
// default.
func zoneName(sc models.Schedule, def *time.Location) string {
	if cs, err := models.ParseCronSpec(sc.Spec); err == nil && cs.Zone != nil {
		return cs.Zone.String()
	}
	return cmp.Or(sc.TZ, def.String())
}

func nextFires(sc models.Schedule, a cliArgs, now time.Time) string {
	if !sc.Enabled {
		return texts.T(a.lang, "cli_schedule_off_next")
	}
	fires, err := jobs.NextFires(sc.Spec, cmp.Or(sc.TZ, a.loc.String()), now, 3)
	if err != nil {
		return texts.T(a.lang, "cli_schedule_cannot_fire", reason(a.lang, err))
	}
	out := make([]string, len(fires))
	for i, f := range fires {
		out[i] = fireTime(a.lang, f)
	}
	return strings.Join(out, texts.T(a.lang, "words_sep"))
}

// fireTime is a fire time as the reader writes one: "11-02（周一）09:00",
// "Mon 11-02 09:00".
func fireTime(lang string, t time.Time) string {
	return texts.T(lang, "cli_fire", t.Format("01-02"), texts.T(lang, fmt.Sprintf("weekday_%d", t.Weekday())), t.Format("15:04"))
}
