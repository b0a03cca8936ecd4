package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
)

const calendarUsage = `Usage: ganshi calendar list [--year 2026]
       ganshi calendar set DATE holiday|workday [NAME]   e.g. ganshi calendar set 2026-10-09 holiday 县里补休
       ganshi calendar delete DATE                       undo a set: back to the official day
       ganshi calendar import FILE                       lines of date,type,name (# starts a comment)
Flags (after the subcommand): --db DSN (env GANSHI_DB)  --tz ZONE (env GANSHI_TZ)

Days not listed follow Monday to Friday. The official holidays and make-up
workdays (调休) ship with Ganshi; what you set or import overrides them.`

// runCalendar shows and changes the workday calendar reminders follow.
func runCalendar(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, calendarUsage)
		return usagef("calendar: say what to do: list, set, delete or import")
	}
	sub := args[0]
	var year int
	var extra func(*flag.FlagSet)
	switch sub {
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, calendarUsage)
		return nil
	case "list":
		extra = func(fs *flag.FlagSet) { fs.IntVar(&year, "year", 0, "year to list (default: this year)") }
	case "set", "delete", "import":
	default:
		return usagef("calendar: unknown subcommand %q; known: list, set, delete, import", sub)
	}
	a, err := parseCLI("calendar "+sub, args[1:], getenv, stderr, calendarUsage, extra)
	if err != nil {
		return err
	}
	if err := checkCalendarArgs(sub, a.pos); err != nil {
		return err
	}
	if year != 0 && (year < 1949 || year > 2200) {
		return usagef("calendar list: --year %d is out of range; give a year like 2027", year)
	}
	var data []byte
	if sub == "import" {
		if data, err = os.ReadFile(a.pos[0]); err != nil {
			return fmt.Errorf("calendar import: %w", err)
		}
	}
	st, err := openExisting(ctx, "calendar "+sub, a.db)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "list":
		if year == 0 {
			year = st.Now().In(a.loc).Year()
		}
		return listCalendar(ctx, st, year, stdout)
	case "set":
		if err := st.SetCalendarDay(ctx, a.pos[0], a.pos[1], strings.Join(a.pos[2:], " "), nil); err != nil {
			return fmt.Errorf("calendar set: %w", err)
		}
		fmt.Fprintf(stdout, "%s is now a %s.\n", a.pos[0], a.pos[1])
		return nil
	case "delete":
		if err := st.DeleteCalendarDay(ctx, a.pos[0], nil); err != nil {
			return fmt.Errorf("calendar delete: %w", err)
		}
		fmt.Fprintf(stdout, "%s: your entry is gone; the official arrangement or Monday to Friday applies.\n", a.pos[0])
		return nil
	}
	return importCalendar(ctx, st, a.pos[0], data, stdout, stderr)
}

// checkCalendarArgs refuses wrong arguments before the database is opened.
func checkCalendarArgs(sub string, pos []string) error {
	switch {
	case sub == "list" && len(pos) != 0:
		return usagef("calendar list: unexpected argument %q (the year is --year 2026)", pos[0])
	case sub == "set" && len(pos) < 2, (sub == "delete" || sub == "import") && len(pos) != 1:
		return usagef("calendar %s: wrong number of arguments\n%s", sub, calendarUsage)
	}
	if sub == "set" || sub == "delete" {
		if _, err := time.Parse("2006-01-02", pos[0]); err != nil {
			return usagef("calendar %s: %q is not a date; write it like 2026-10-01", sub, pos[0])
		}
	}
	if sub == "set" && pos[1] != models.DayHoliday && pos[1] != models.DayWorkday {
		return usagef("calendar set: %q: say holiday or workday", pos[1])
	}
	return nil
}

func listCalendar(ctx context.Context, st *models.Store, year int, w io.Writer) error {
	days, err := st.CalendarDays(ctx, year)
	if err != nil {
		return fmt.Errorf("calendar list: %w", err)
	}
	if len(days) == 0 {
		fmt.Fprintf(w, "No days listed for %d: every Monday to Friday is a workday. Import the year's arrangement with ganshi calendar import FILE.\n", year)
		return nil
	}
	for _, d := range days {
		t, _ := time.Parse("2006-01-02", d.Date)
		fmt.Fprintf(w, "%s %s  %-7s  %-8s  %s\n", d.Date, t.Format("Mon"), d.Kind, d.Source, d.Name)
	}
	fmt.Fprintf(w, "%d days listed for %d; days not listed follow Monday to Friday.\n", len(days), year)
	return nil
}

func importCalendar(ctx context.Context, st *models.Store, file string, data []byte, stdout, stderr io.Writer) error {
	n, err := st.ImportCalendar(ctx, data)
	var probs models.CalendarProblems
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintf(stderr, "%s: %s\n", file, p)
		}
		return fmt.Errorf("calendar import: %s: %d problem(s) listed above; nothing was imported", file, len(probs))
	}
	if err != nil {
		return fmt.Errorf("calendar import %s: %w", file, err)
	}
	fmt.Fprintf(stdout, "%s: %d days imported; they override the official arrangement for those dates.\n", file, n)
	return nil
}
