package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
)

// newEngine builds the scheduler `ganshi schedule run` uses: every job
// kind serve knows. Tests replace it to run a job of their own.
var newEngine = func(st *models.Store, loc *time.Location) *jobs.Engine {
	return engineFor(st, loc, nil)
}

const scheduleUsage = `Usage: ganshi schedule list
       ganshi schedule set NAME "SPEC"     e.g. ganshi schedule set report_reminder "0 9 * * 1-5"
       ganshi schedule enable|disable NAME
       ganshi schedule run NAME            run the job now, whatever the schedule says
Flags (after the subcommand): --db DSN (env GANSHI_DB)  --tz ZONE (env GANSHI_TZ, default Asia/Shanghai)

SPEC is 5 cron fields, minute hour day-of-month month day-of-week, in the
schedule's zone; "CRON_TZ=Europe/Berlin 0 9 * * 1-5" names another zone.
Quote it so the shell leaves the stars alone.`

// cliArgs is a subcommand's positional arguments and common flags.
type cliArgs struct {
	pos []string
	db  string
	loc *time.Location
}

// parseCLI reads --db and --tz around the positional arguments of
// `ganshi <cmd> <sub> ...`.
func parseCLI(name string, args []string, getenv func(string) string, stderr io.Writer, usage string, extra func(*flag.FlagSet)) (cliArgs, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	tz := fs.String("tz", cmp.Or(getenv("GANSHI_TZ"), "Asia/Shanghai"), "time zone for schedules without one and for display (env GANSHI_TZ)")
	if extra != nil {
		extra(fs)
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return cliArgs{}, err
	}
	loc, err := models.LoadZone(*tz)
	if err != nil {
		return cliArgs{}, usagef("%s: --tz: %v", name, err)
	}
	return cliArgs{pos: pos, db: *db, loc: loc}, nil
}

// openExisting opens the database, refusing a SQLite file that is not
// there: opening would create an empty one and hide a mistyped path.
func openExisting(ctx context.Context, name, dsn string) (*models.Store, error) {
	if !models.IsPostgresDSN(dsn) {
		path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("%s: no database at %s (give --db or set GANSHI_DB)", name, path)
		}
	}
	st, err := models.Open(ctx, dsn, models.Options{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return st, nil
}

// runSchedule lists and changes schedules, and runs one at once.
func runSchedule(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, scheduleUsage)
		return usagef("schedule: say what to do: list, set, enable, disable or run")
	}
	sub := args[0]
	want := map[string]int{"list": 0, "set": 2, "enable": 1, "disable": 1, "run": 1}
	switch n, ok := want[sub]; {
	case sub == "-h" || sub == "--help" || sub == "help":
		fmt.Fprintln(stdout, scheduleUsage)
		return nil
	case !ok:
		return usagef("schedule: unknown subcommand %q; known: list, set, enable, disable, run", sub)
	default:
		a, err := parseCLI("schedule "+sub, args[1:], getenv, stderr, scheduleUsage, nil)
		if err != nil {
			return err
		}
		if len(a.pos) < n || (sub != "set" && len(a.pos) != n) {
			return usagef("schedule %s: wrong number of arguments\n%s", sub, scheduleUsage)
		}
		st, err := openExisting(ctx, "schedule "+sub, a.db)
		if err != nil {
			return err
		}
		defer st.Close()
		return scheduleCommand(ctx, st, sub, a, stdout)
	}
}

func scheduleCommand(ctx context.Context, st *models.Store, sub string, a cliArgs, stdout io.Writer) error {
	var err error
	switch sub {
	case "list":
		return listSchedules(ctx, st, a.loc, stdout)
	case "set":
		name, spec := a.pos[0], strings.Join(a.pos[1:], " ")
		if err = st.SetSpec(ctx, name, spec, nil); err == nil {
			return printSchedule(ctx, st, name, a.loc, stdout)
		}
	case "enable", "disable":
		var changed bool
		if changed, err = st.SetEnabled(ctx, a.pos[0], sub == "enable", nil); err == nil {
			if changed {
				fmt.Fprintf(stdout, "%s %sd.\n", a.pos[0], sub)
			} else {
				fmt.Fprintf(stdout, "%s was %sd already; nothing changed.\n", a.pos[0], sub)
			}
			return nil
		}
	case "run":
		var rec models.RunRecord
		if rec, err = newEngine(st, a.loc).RunNow(ctx, a.pos[0], nil); err == nil {
			fmt.Fprintf(stdout, "%s ran at %s: %d notification(s) written to the outbox.\n",
				a.pos[0], rec.FireAt.In(a.loc).Format("2006-01-02 15:04:05 MST"), rec.Produced)
			return nil
		}
	}
	var se *models.SpecError
	switch {
	case errors.As(err, &se):
		return usagef("schedule set: %v", err)
	case errors.Is(err, models.ErrNotFound):
		return usagef("schedule %s: no schedule named %q; %s", sub, a.pos[0], knownSchedules(ctx, st))
	}
	return fmt.Errorf("schedule %s: %w", sub, err)
}

func knownSchedules(ctx context.Context, st *models.Store) string {
	list, err := st.Schedules(ctx)
	if err != nil || len(list) == 0 {
		return "there are none yet (ganshi serve creates the default ones)"
	}
	names := make([]string, len(list))
	for i, sc := range list {
		names[i] = sc.Name
	}
	return "known: " + strings.Join(names, ", ")
}

// listSchedules prints every schedule with its next three fire times in
// the schedule's own zone.
func listSchedules(ctx context.Context, st *models.Store, loc *time.Location, w io.Writer) error {
	list, err := st.Schedules(ctx)
	if err != nil {
		return fmt.Errorf("schedule list: %w", err)
	}
	if len(list) == 0 {
		fmt.Fprintln(w, "No schedules yet; ganshi serve creates the default ones.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tON\tSPEC\tZONE\tNEXT FIRES (local time)")
	for _, sc := range list {
		on := "off"
		if sc.Enabled {
			on = "on"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", sc.Name, sc.Kind, on, sc.Spec, zoneName(sc, loc), nextFires(sc, loc, st.Now()))
	}
	return tw.Flush()
}

func printSchedule(ctx context.Context, st *models.Store, name string, loc *time.Location, w io.Writer) error {
	sc, err := st.ScheduleByName(ctx, name)
	if err != nil {
		return fmt.Errorf("schedule set: %w", err)
	}
	fmt.Fprintf(w, "%s: %s (%s). Next: %s\n", sc.Name, sc.Spec, zoneName(sc, loc), nextFires(sc, loc, st.Now()))
	if !sc.Enabled {
		fmt.Fprintf(w, "It is off; ganshi schedule enable %s turns it on.\n", sc.Name)
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

func nextFires(sc models.Schedule, def *time.Location, now time.Time) string {
	if !sc.Enabled {
		return "— (off)"
	}
	fires, err := jobs.NextFires(sc.Spec, cmp.Or(sc.TZ, def.String()), now, 3)
	if err != nil {
		return "cannot fire: " + err.Error()
	}
	out := make([]string, len(fires))
	for i, f := range fires {
		out[i] = f.Format("Mon 01-02 15:04")
	}
	return strings.Join(out, ", ")
}
