package main

import (
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

// runContest is `ganshi contest`: the paired competition's setup.
func runContest(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return dispatch(ctx, "contest", "cli_contest_unknown_sub", map[string]runFunc{
		"import": runContestImport, "board-token": runBoardToken, "ranking": runContestRanking,
		"meeting": runContestMeeting, "results": runContestResults,
	}, args, getenv, stdout, stderr)
}

type contestFlags struct {
	fs          *flag.FlagSet
	db, name    *string
	year        *int
	contest     *int64
	label, zone *string
}

func newContestFlags(sub string, getenv func(string) string, stderr io.Writer) contestFlags {
	fs := flag.NewFlagSet("contest "+sub, flag.ContinueOnError)
	f := contestFlags{fs: fs, db: dbFlag(fs, getenv)}
	f.name = fs.String("name", "", texts.T(cliLang(getenv), "cli_contest_flag_name"))
	f.year = fs.Int("year", 0, texts.T(cliLang(getenv), "cli_contest_flag_year"))
	f.contest = fs.Int64("contest", 0, texts.T(cliLang(getenv), "cli_contest_flag_contest"))
	f.label = fs.String("label", "", texts.T(cliLang(getenv), "cli_contest_flag_label"))
	f.zone = fs.String("tz", getenv("GANSHI_TZ"), texts.T(cliLang(getenv), "cli_contest_flag_tz"))
	setUsage(fs, stderr, cliLang(getenv), "cli_contest_usage")
	return f
}

func runContestImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "contest import"
	lang := cliLang(getenv)
	f := newContestFlags("import", getenv, stderr)
	pos, err := parseArgs(f.fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageT(lang, "cli_contest_one_file", len(pos))
	}
	if *f.name == "" {
		return usageT(lang, "cli_contest_need_name")
	}
	data, err := readInput(lang, cmd, pos[0])
	if err != nil {
		return err
	}
	recs, lines, probs := readContestFile(pos[0], data)
	var rows []models.ContestRow
	if len(probs) == 0 {
		rows, probs = models.ParseContestRecords(recs, lines)
	}
	if len(probs) > 0 {
		return contestProblems(stderr, lang, pos[0], probs)
	}
	st, err := openExisting(ctx, lang, cmd, *f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	year := *f.year
	if year == 0 {
		year = st.Now().Year()
	}
	sum, err := st.ImportContest(ctx, *f.name, year, rows)
	if errors.As(err, &probs) {
		return contestProblems(stderr, lang, pos[0], probs)
	} else if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_contest_imported", pos[0], sum.Contest.Name, sum.Contest.Year, sum.Contest.ID,
		sum.Tasks, sum.Groups, sum.Units, sum.Targets))
	return nil
}

// readContestFile reads a .xlsx's first sheet or a CSV (UTF-8 or GBK).
func readContestFile(name string, data []byte) ([][]string, []int, models.LineProblems) {
	var recs []roster.Record
	var probs roster.Problems
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") {
		recs, probs = roster.ReadXLSX(data)
	} else {
		recs, probs = roster.ReadCSV(data, roster.EncodingAuto)
	}
	if len(probs) > 0 {
		return nil, nil, models.LineProblems(probs)
	}
	out, lines := make([][]string, len(recs)), make([]int, len(recs))
	for i, r := range recs {
		out[i], lines[i] = r.Fields, r.Line
	}
	return out, lines, nil
}

func contestProblems(stderr io.Writer, lang, file string, probs models.LineProblems) error {
	for _, p := range probs {
		fmt.Fprintln(stderr, p.Text(lang))
	}
	return cliError{msg: texts.T(lang, "cli_contest_problems", file, len(probs))}
}

// openContest opens the database and picks the contest of --contest (or
// the only active one); the caller closes the store.
func (f contestFlags) openContest(ctx context.Context, lang, cmd string) (*models.Store, models.Contest, error) {
	st, err := openExisting(ctx, lang, cmd, *f.db)
	if err != nil {
		return nil, models.Contest{}, err
	}
	c, err := pickContest(ctx, st, lang, *f.contest)
	if err != nil {
		st.Close()
		return nil, c, err
	}
	return st, c, nil
}

// pickContest is --contest, or the one active contest, newest first.
func pickContest(ctx context.Context, st *models.Store, lang string, id int64) (models.Contest, error) {
	if id != 0 {
		c, err := st.ContestByID(ctx, id)
		if err != nil {
			return c, usageT(lang, "cli_contest_no_such", id)
		}
		return c, nil
	}
	cs, err := st.Contests(ctx)
	if err != nil {
		return models.Contest{}, failT(lang, "cli_failed", err, "contest")
	}
	for _, c := range cs {
		if c.Active {
			return c, nil
		}
	}
	return models.Contest{}, usageT(lang, "cli_contest_none")
}

// runBoardToken is `contest board-token create|revoke|list`.
func runBoardToken(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "contest board-token"
	lang := cliLang(getenv)
	if len(args) == 0 {
		return usageT(lang, "cli_contest_token_what")
	}
	f := newContestFlags("board-token", getenv, stderr)
	pos, err := parseArgs(f.fs, args[1:], lang)
	if err != nil {
		return err
	}
	st, err := openExisting(ctx, lang, cmd, *f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	switch args[0] {
	case "create":
		c, err := pickContest(ctx, st, lang, *f.contest)
		if err != nil {
			return err
		}
		bt, token, err := st.CreateBoardToken(ctx, c.ID, *f.label)
		if err != nil {
			return failT(lang, "cli_failed", err, cmd)
		}
		fmt.Fprintln(stdout, texts.T(lang, "cli_contest_token_made", bt.ID, c.Name, boardURL(getenv, token)))
		return nil
	case "revoke":
		if len(pos) != 1 {
			return usageT(lang, "cli_contest_token_what")
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return usageT(lang, "cli_contest_token_what")
		}
		if err := st.RevokeBoardToken(ctx, id); errors.Is(err, models.ErrNotFound) {
			return usageT(lang, "cli_contest_token_unknown", id)
		} else if err != nil {
			return failT(lang, "cli_failed", err, cmd)
		}
		fmt.Fprintln(stdout, texts.T(lang, "cli_contest_token_revoked", id))
		return nil
	case "list":
		c, err := pickContest(ctx, st, lang, *f.contest)
		if err != nil {
			return err
		}
		ts, err := st.BoardTokens(ctx, c.ID)
		if err != nil {
			return failT(lang, "cli_failed", err, cmd)
		}
		for _, t := range ts {
			state := texts.T(lang, "cli_contest_token_live")
			if t.RevokedAt != nil {
				state = texts.T(lang, "cli_contest_token_dead")
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", t.ID, t.CreatedAt.Format("2006-01-02"), state, t.Label)
		}
		return nil
	}
	return usageT(lang, "cli_contest_token_what")
}

// boardURL is the board's address: GANSHI_PUBLIC_URL, or a path.
func boardURL(getenv func(string) string, token string) string {
	return strings.TrimRight(getenv("GANSHI_PUBLIC_URL"), "/") + "/board/" + token
}

func runContestRanking(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "contest ranking"
	lang := cliLang(getenv)
	f := newContestFlags("ranking", getenv, stderr)
	pos, err := parseArgs(f.fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "on" && pos[0] != "off") {
		return usageT(lang, "cli_contest_ranking_what")
	}
	st, c, err := f.openContest(ctx, lang, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SetContestRanked(ctx, c.ID, pos[0] == "on"); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_contest_ranking_"+pos[0], c.Name))
	return nil
}

// runContestMeeting is `contest meeting KIND "YYYY-MM-DD HH:MM" PLACE`.
func runContestMeeting(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "contest meeting"
	lang := cliLang(getenv)
	f := newContestFlags("meeting", getenv, stderr)
	pos, err := parseArgs(f.fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usageT(lang, "cli_contest_meeting_what")
	}
	loc, err := time.LoadLocation(orDefault(*f.zone, models.DefaultZone))
	if err != nil {
		return usageT(lang, "cli_contest_meeting_what")
	}
	at, err := time.ParseInLocation("2006-01-02 15:04", pos[1], loc)
	if err != nil {
		return usageT(lang, "cli_contest_meeting_what")
	}
	st, c, err := f.openContest(ctx, lang, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := st.ScheduleMeeting(ctx, c.ID, pos[0], at, strings.Join(pos[2:], " "))
	if errors.Is(err, models.ErrConflict) {
		return usageT(lang, "cli_contest_meeting_what")
	} else if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_contest_meeting_made", m.ID, c.Name, m.Kind, m.StartsAt.In(loc).Format("2006-01-02 15:04")))
	return nil
}

func runContestResults(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "contest results"
	lang := cliLang(getenv)
	f := newContestFlags("results", getenv, stderr)
	if _, err := parseArgs(f.fs, args, lang); err != nil {
		return err
	}
	st, c, err := f.openContest(ctx, lang, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.KeepContestResults(ctx, c.ID)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_contest_results", c.Name, c.Year, n))
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
