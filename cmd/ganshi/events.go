package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runEvents is `ganshi events`: life events that call for a talk.
func runEvents(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return dispatch(ctx, "events", "cli_events_unknown_sub", map[string]runFunc{
		"import": runEventsImport, "workdays": runEventsWorkdays,
	}, args, getenv, stdout, stderr)
}

func eventsFlags(name string, getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("events "+name, flag.ContinueOnError)
	db := dbFlag(fs, getenv)
	setUsage(fs, stderr, cliLang(getenv), "cli_events_usage")
	return fs, db
}

func runEventsImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "events import"
	lang := cliLang(getenv)
	fs, db := eventsFlags("import", getenv, stderr)
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return err
	}
	file, data, err := oneFile(lang, cmd, pos)
	if err != nil {
		return err
	}
	lines, err := models.ParseEventsCSV(data)
	if err != nil {
		return eventProblems(stderr, lang, file, err)
	}
	st, err := openExisting(ctx, lang, cmd, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := st.ImportEvents(ctx, lines, nil)
	if err != nil {
		return eventProblems(stderr, lang, file, err)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_events_done", file, sum.New, sum.Known, sum.Talks))
	return nil
}

// oneFile is the file an `… import FILE` subcommand reads: exactly one
// argument, read whole and decoded (decodeText).
func oneFile(lang, cmd string, pos []string) (string, []byte, error) {
	if len(pos) != 1 {
		return "", nil, usageT(lang, "cli_events_one_file", len(pos))
	}
	data, err := readInput(lang, cmd, pos[0])
	if err != nil {
		return "", nil, err
	}
	return pos[0], decodeText(data), nil
}

// subImport reads `ganshi NAME WORD import FILE` (tolerance situations,
// care leave): the two words, the database flag and the one file, which
// parse reads whole before the database is opened (a bad file is a usage
// error naming it). The caller closes the store.
func subImport[T any](ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, cmd, word, usageKey, whatKey string,
	parse func([]byte) (T, error)) (string, T, *models.Store, error) {
	var none T
	lang := cliLang(getenv)
	if len(args) < 2 || args[0] != word || args[1] != "import" {
		fmt.Fprintln(stderr, texts.T(lang, usageKey))
		return "", none, nil, usageT(lang, whatKey)
	}
	flags := flag.NewFlagSet(cmd, flag.ContinueOnError)
	db := dbFlag(flags, getenv)
	setUsage(flags, stderr, lang, usageKey)
	pos, err := parseArgs(flags, args[2:], lang)
	if err != nil {
		return "", none, nil, err
	}
	file, data, err := oneFile(lang, cmd, pos)
	if err != nil {
		return "", none, nil, err
	}
	v, err := parse(data)
	if err != nil {
		return "", none, nil, usageT(lang, "cli_tolerance_bad_file", file, err)
	}
	st, err := openExisting(ctx, lang, cmd, *db)
	return file, v, st, err
}

// decodeText reads GBK when the bytes are not UTF-8: Excel on a Chinese
// Windows saves CSV in GBK.
func decodeText(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	if out, err := simplifiedchinese.GBK.NewDecoder().Bytes(data); err == nil {
		return out
	}
	return data
}

// eventProblems lists a file's problems, one a line, and says nothing was
// recorded.
func eventProblems(stderr io.Writer, lang, file string, err error) error {
	var probs models.EventProblems
	if !errors.As(err, &probs) {
		return failT(lang, "cli_failed", err, "events import "+file)
	}
	for _, p := range probs {
		fmt.Fprintln(stderr, p.Text(lang))
	}
	return cliError{msg: texts.T(lang, "cli_events_problems", file, len(probs))}
}

func runEventsWorkdays(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "events workdays"
	lang := cliLang(getenv)
	fs, db := eventsFlags("workdays", getenv, stderr)
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageT(lang, "cli_events_workdays_args", len(pos))
	}
	st, err := openExisting(ctx, lang, cmd, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := st.TalkPolicyNow(ctx)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if len(pos) == 1 {
		n, err := strconv.Atoi(pos[0])
		if err != nil {
			return usageT(lang, "cli_events_not_number", pos[0])
		}
		old := p.DueWorkdays
		p.DueWorkdays = n
		if err := st.SetTalkPolicy(ctx, p); err != nil {
			return usageT(lang, "cli_events_workdays_bad", reason(lang, err))
		}
		if err := st.Audit(ctx, nil, "talk.policy", "due_workdays", fmt.Sprintf("%d -> %d", old, n)); err != nil {
			return failT(lang, "cli_failed", err, cmd)
		}
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_events_workdays", p.DueWorkdays, p.Zone))
	return nil
}
