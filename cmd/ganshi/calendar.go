package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runCalendar shows and changes the workday calendar reminders follow.
func runCalendar(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang := cliLang(getenv)
	if len(args) == 0 {
		fmt.Fprintln(stderr, texts.T(lang, "cli_calendar_usage"))
		return usageT(lang, "cli_calendar_what")
	}
	sub := args[0]
	var year int
	var extra func(*flag.FlagSet)
	switch sub {
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, texts.T(lang, "cli_calendar_usage"))
		return nil
	case "list":
		extra = func(fs *flag.FlagSet) { fs.IntVar(&year, "year", 0, texts.T(lang, "cli_calendar_flag_year")) }
	case "set", "delete", "import":
	default:
		return usageT(lang, "cli_calendar_unknown_sub", sub)
	}
	a, err := parseCLI("calendar "+sub, args[1:], getenv, stderr, "cli_calendar_usage", extra)
	if err != nil {
		return err
	}
	if err := checkCalendarArgs(lang, sub, a.pos); err != nil {
		return err
	}
	if year != 0 && (year < 1949 || year > 2200) {
		return usageT(lang, "cli_calendar_bad_year", year)
	}
	var data []byte
	if sub == "import" {
		if data, err = readInput(lang, "calendar import", a.pos[0]); err != nil {
			return err
		}
	}
	st, err := openExisting(ctx, lang, "calendar "+sub, a.db)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "list":
		if year == 0 {
			year = st.Now().In(a.loc).Year()
		}
		return listCalendar(ctx, st, lang, year, stdout)
	case "set":
		if err := st.SetCalendarDay(ctx, a.pos[0], a.pos[1], strings.Join(a.pos[2:], " "), nil); err != nil {
			return failT(lang, "cli_failed", err, "calendar set")
		}
		fmt.Fprintln(stdout, texts.T(lang, "cli_calendar_set_done", a.pos[0], texts.M("cli_day_kind_"+a.pos[1])))
		return nil
	case "delete":
		err := st.DeleteCalendarDay(ctx, a.pos[0], nil)
		switch {
		case errors.Is(err, models.ErrNotFound):
			return cliError{texts.T(lang, "cli_calendar_no_entry", a.pos[0]), err}
		case err != nil:
			return failT(lang, "cli_failed", err, "calendar delete")
		}
		fmt.Fprintln(stdout, texts.T(lang, "cli_calendar_deleted", a.pos[0]))
		return nil
	}
	return importCalendar(ctx, st, lang, a.pos[0], data, stdout, stderr)
}

// checkCalendarArgs refuses wrong arguments before the database is opened.
func checkCalendarArgs(lang, sub string, pos []string) error {
	switch {
	case sub == "list" && len(pos) != 0:
		return usageT(lang, "cli_calendar_list_arg", pos[0])
	case sub == "set" && len(pos) < 2, (sub == "delete" || sub == "import") && len(pos) != 1:
		return usageT(lang, "cli_wrong_args", "calendar "+sub, texts.M("cli_calendar_usage"))
	}
	if sub == "set" || sub == "delete" {
		if _, err := time.Parse("2006-01-02", pos[0]); err != nil {
			return usageT(lang, "cli_calendar_bad_date", sub, pos[0])
		}
	}
	if sub == "set" && pos[1] != models.DayHoliday && pos[1] != models.DayWorkday {
		return usageT(lang, "cli_calendar_bad_kind", pos[1])
	}
	return nil
}

func listCalendar(ctx context.Context, st *models.Store, lang string, year int, w io.Writer) error {
	t := func(key string, args ...any) string { return texts.T(lang, key, args...) }
	days, err := st.CalendarDays(ctx, year)
	if err != nil {
		return failT(lang, "cli_failed", err, "calendar list")
	}
	if len(days) == 0 {
		fmt.Fprintln(w, t("cli_calendar_empty", year))
		return nil
	}
	var rows [][]string
	for _, d := range days {
		day, _ := time.Parse("2006-01-02", d.Date)
		rows = append(rows, []string{t("cli_calendar_day", d.Date, t(fmt.Sprintf("weekday_%d", day.Weekday()))),
			t("cli_day_kind_" + d.Kind), t("cli_day_source_" + d.Source), d.Name})
	}
	writeTable(w, rows)
	fmt.Fprintln(w, t("cli_calendar_listed", len(days), year))
	return nil
}

func importCalendar(ctx context.Context, st *models.Store, lang, file string, data []byte, stdout, stderr io.Writer) error {
	n, err := st.ImportCalendar(ctx, data)
	var probs models.CalendarProblems
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintln(stderr, texts.T(lang, "cli_file_problem", file, p.Text(lang)))
		}
		return cliError{msg: texts.T(lang, "cli_calendar_problems", file, len(probs))}
	}
	if err != nil {
		return failT(lang, "cli_failed", err, "calendar import "+file)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_calendar_imported", file, n))
	return nil
}
