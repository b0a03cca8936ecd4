package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/ganshi/ganshi/models"
)

const eventsUsage = `Usage:
  ganshi events import FILE [--db DSN]   record life events from a CSV: external_id,reason,date,note
  ganshi events workdays [N] [--db DSN]  show or set how many workdays a talk may stay owed (default 7)

Each event (岗位变动 post_change, 工作挫折 setback, 家庭变故 family, 问题苗头 early_sign)
makes a heart-to-heart talk owed by the cadre's principal. The whole file is checked
first; if any line is wrong nothing is recorded. Importing the same file again
records nothing new.`

// runEvents is `ganshi events`: life events that call for a talk.
func runEvents(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, eventsUsage)
		return usagef("events: say what to do, e.g. ganshi events import events.csv")
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, eventsUsage)
		return nil
	case "import":
		return runEventsImport(ctx, args[1:], getenv, stdout, stderr)
	case "workdays":
		return runEventsWorkdays(ctx, args[1:], getenv, stdout, stderr)
	}
	return usagef("events: unknown action %q; known: import, workdays", args[0])
}

func eventsFlags(name string, getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("events "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintln(stderr, eventsUsage)
		fs.PrintDefaults()
	}
	return fs, db
}

func runEventsImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, db := eventsFlags("import", getenv, stderr)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("events import: give exactly one CSV file, got %d arguments", len(pos))
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("events import: %w", err)
	}
	lines, err := models.ParseEventsCSV(decodeEvents(data))
	if err != nil {
		return eventProblems(stderr, pos[0], err)
	}
	if err := mustExist(*db); err != nil {
		return err
	}
	st, err := models.Open(ctx, *db, models.Options{})
	if err != nil {
		return fmt.Errorf("events import: %w", err)
	}
	defer st.Close()
	sum, err := st.ImportEvents(ctx, lines, nil)
	if err != nil {
		return eventProblems(stderr, pos[0], err)
	}
	fmt.Fprintf(stdout, "%s: %d events recorded, %d already recorded; %d talks now owed by the principals.\n",
		pos[0], sum.New, sum.Known, sum.Talks)
	return nil
}

// decodeEvents reads GBK when the bytes are not UTF-8: Excel on a Chinese
// Windows saves CSV in GBK.
func decodeEvents(data []byte) []byte {
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
func eventProblems(stderr io.Writer, file string, err error) error {
	var probs models.EventProblems
	if !errors.As(err, &probs) {
		return fmt.Errorf("events import %s: %w", file, err)
	}
	for _, p := range probs {
		fmt.Fprintln(stderr, p)
	}
	return fmt.Errorf("events import: %s: %d problem(s) listed above; nothing was recorded", file, len(probs))
}

func runEventsWorkdays(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, db := eventsFlags("workdays", getenv, stderr)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("events workdays: give at most one number, got %d arguments", len(pos))
	}
	if err := mustExist(*db); err != nil {
		return err
	}
	st, err := models.Open(ctx, *db, models.Options{})
	if err != nil {
		return fmt.Errorf("events workdays: %w", err)
	}
	defer st.Close()
	p, err := st.TalkPolicyNow(ctx)
	if err != nil {
		return fmt.Errorf("events workdays: %w", err)
	}
	if len(pos) == 1 {
		n, err := strconv.Atoi(pos[0])
		if err != nil {
			return usagef("events workdays: %q is not a number of workdays", pos[0])
		}
		old := p.DueWorkdays
		p.DueWorkdays = n
		if err := st.SetTalkPolicy(ctx, p); err != nil {
			return usagef("events workdays: %v", err)
		}
		if err := st.Audit(ctx, nil, "talk.policy", "due_workdays", fmt.Sprintf("%d -> %d", old, n)); err != nil {
			return fmt.Errorf("events workdays: %w", err)
		}
	}
	fmt.Fprintf(stdout, "a talk may stay owed %d workdays after its event (counted in %s)\n", p.DueWorkdays, p.Zone)
	return nil
}
