package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// usageError is a mistake in how ganshi was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "run the bot: poll or receive Telegram updates, handle them, send the outbox", runServe},
		{"demo", "play a scripted story against a built-in fake Telegram, no token needed", runDemo},
		{"import", "import or update the roster from a .csv or .xlsx file", runImport},
		{"invite", "issue invitation codes and links for cadres not yet bound", runInvite},
		{"unbind", "remove a cadre's Telegram binding (a new phone)", runUnbind},
		{"export", "export monthly reports or the talks ledger to .xlsx or .csv", runExport},
		{"events", "record life events from a CSV; each makes a talk owed by the principal", runEvents},
		{"schedule", "list, change, enable, disable or run reminder schedules", runSchedule},
		{"calendar", "import, list or change the workday calendar (holidays, 调休)", runCalendar},
		{"simulate", "play the schedules through days on a simulated clock and check the burden budget", runSimulate},
		{"backup", "copy the SQLite database to a file, consistently, also while serve runs", runBackup},
		{"restore", "put a backup in place of the SQLite database (serve stopped)", runRestore},
	}
}

// run is the whole program behind main, testable with fake arguments,
// environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stdout)
		if len(args) == 0 {
			return usagef("no subcommand given; try: ganshi serve --help")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], getenv, stdout, stderr)
			switch {
			case errors.Is(err, flag.ErrHelp):
				return nil
			case errors.Is(err, models.ErrBadDSN):
				// A mistyped GANSHI_DB or --db, whichever subcommand met it.
				return usagef("%v", err)
			}
			return err
		}
	}
	return usagef("unknown subcommand %q; known: %s", args[0], names())
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "ganshi — 干事: reminders and reports for cadres, in Telegram")
	fmt.Fprintln(w, "\nUsage: ganshi <subcommand> [flags]   (ganshi <subcommand> --help for its flags)")
	fmt.Fprintln(w, "\nSubcommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}

func names() string {
	var n []string
	for _, c := range commands() {
		n = append(n, c.name)
	}
	return strings.Join(n, ", ")
}
