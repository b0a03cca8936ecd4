package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// usageError is a mistake in how ganshi was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// usagef is a usage error in English, for the test-only clock settings;
// everything an operator meets goes through usageT.
func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	name string
	run  runFunc
}

// runFunc runs a subcommand with the arguments after its name.
type runFunc func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error

// dispatch runs `ganshi NAME SUB …` by SUB from subs. Without one it prints
// the usage (texts cli_NAME_usage) and says what is missing (cli_NAME_what);
// -h prints the usage; an unknown SUB is named (unknownKey).
func dispatch(ctx context.Context, name, unknownKey string, subs map[string]runFunc, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang := cliLang(getenv)
	if len(args) == 0 {
		fmt.Fprintln(stderr, texts.T(lang, "cli_"+name+"_usage"))
		return usageT(lang, "cli_"+name+"_what")
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, texts.T(lang, "cli_"+name+"_usage"))
		return nil
	}
	if run, ok := subs[args[0]]; ok {
		return run(ctx, args[1:], getenv, stdout, stderr)
	}
	return usageT(lang, unknownKey, args[0])
}

func commands() []command {
	return []command{
		{"serve", runServe},
		{"demo", runDemo},
		{"import", runImport},
		{"invite", runInvite},
		{"unbind", runUnbind},
		{"export", runExport},
		{"events", runEvents},
		{"review", runReview},
		{"contest", runContest},
		{"training", runTraining},
		{"schedule", runSchedule},
		{"calendar", runCalendar},
		{"care", runCare},
		{"tolerance", runTolerance},
		{"simulate", runSimulate},
		{"backup", runBackup},
		{"restore", runRestore},
	}
}

// run is the whole program behind main, testable with fake arguments,
// environment and output. It picks the language first (see lang.go), so
// that even a wrong subcommand is told in the operator's language.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang, args, err := pickLang(args, getenv)
	if err != nil {
		return err
	}
	getenv = withLang(getenv, lang)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stdout, lang)
		if len(args) == 0 {
			return usageT(lang, "cli_no_command")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], getenv, stdout, stderr)
			switch {
			case errors.Is(err, flag.ErrHelp):
				return nil
			case errors.Is(err, models.ErrBadDSN) && !errors.As(err, new(usageError)):
				// A mistyped GANSHI_DB or --db, whichever subcommand met it.
				if ce := (cliError{}); errors.As(err, &ce) {
					return usageError{ce.msg}
				}
				return usageError{reason(lang, err)}
			}
			return err
		}
	}
	return usageT(lang, "cli_unknown_command", args[0], texts.List(names()))
}

func printUsage(w io.Writer, lang string) {
	fmt.Fprintln(w, texts.T(lang, "cli_title"))
	fmt.Fprintln(w, "\n"+texts.T(lang, "cli_usage"))
	fmt.Fprintln(w, "\n"+texts.T(lang, "cli_commands"))
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s  %s\n", c.name, texts.T(lang, "cli_sum_"+c.name))
	}
	fmt.Fprintln(w, "\n"+texts.T(lang, "cli_lang_note"))
}

func names() []string {
	var n []string
	for _, c := range commands() {
		n = append(n, c.name)
	}
	return n
}
