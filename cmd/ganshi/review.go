package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
	"github.com/ganshi/ganshi/texts"
)

// runReview is `ganshi review`: the quarterly check-up's round, the outside
// respondents' codes and a department's findings file.
func runReview(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	round := func(sub string) runFunc {
		return func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
			return runReviewRound(ctx, sub, args, getenv, stdout, stderr)
		}
	}
	findings := func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
		if len(args) < 1 || args[0] != "import" {
			return usageT(cliLang(getenv), "cli_review_what")
		}
		return runReviewFindings(ctx, args[1:], getenv, stdout, stderr)
	}
	return dispatch(ctx, "review", "cli_review_unknown_sub", map[string]runFunc{
		"open": round("open"), "close": round("close"), "status": round("status"), "codes": runReviewCodes, "findings": findings,
	}, args, getenv, stdout, stderr)
}

func reviewFlags(name string, getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *string, *string) {
	fs := flag.NewFlagSet("review "+name, flag.ContinueOnError)
	db := dbFlag(fs, getenv)
	code := fs.String("round", "", texts.T(cliLang(getenv), "cli_review_flag_round"))
	setUsage(fs, stderr, cliLang(getenv), "cli_review_usage")
	return fs, db, code
}

// openRound opens the database and reads the round named (or the one
// running); the caller closes the store.
func openRound(ctx context.Context, lang, cmd, db, code string) (*models.Store, models.ReviewRound, error) {
	st, err := openExisting(ctx, lang, cmd, db)
	if err != nil {
		return nil, models.ReviewRound{}, err
	}
	r, err := roundOf(ctx, st, lang, code)
	if err != nil {
		st.Close()
		return nil, r, err
	}
	return st, r, nil
}

// roundOf is the round named, or the one running.
func roundOf(ctx context.Context, st *models.Store, lang, code string) (models.ReviewRound, error) {
	var (
		r   models.ReviewRound
		err error
	)
	if code != "" {
		r, err = st.GetRound(ctx, code)
	} else {
		r, err = st.CurrentRound(ctx)
	}
	if errors.Is(err, models.ErrNotFound) || errors.Is(err, models.ErrNoRound) {
		return r, usageT(lang, "cli_review_no_round", cmp.Or(code, "—"))
	}
	return r, err
}

func runReviewRound(ctx context.Context, sub string, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cmd := "review " + sub
	lang := cliLang(getenv)
	fs, db, code := reviewFlags(sub, getenv, stderr)
	workdays := fs.Int("workdays", 10, texts.T(lang, "cli_review_flag_workdays"))
	unitList := fs.String("units", "", texts.T(lang, "cli_review_flag_units"))
	catList := fs.String("categories", "", texts.T(lang, "cli_review_flag_categories"))
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageT(lang, "cli_review_what")
	}
	st, err := openExisting(ctx, lang, cmd, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var r models.ReviewRound
	switch sub {
	case "open":
		var ids []int64
		for _, name := range strings.FieldsFunc(*unitList, func(r rune) bool { return r == ',' || r == '，' }) {
			u, err := st.UnitByName(ctx, strings.TrimSpace(name))
			if err != nil {
				return usageT(lang, "cli_review_no_unit", name)
			}
			ids = append(ids, u.ID)
		}
		if ids, err = addCategories(ctx, st, lang, ids, *catList); err != nil {
			return err
		}
		c := *code
		if c == "" {
			c = models.QuarterOf(st.Now().In(shanghaiOr(getenv)))
		}
		r, err = st.OpenRound(ctx, models.NewRound{Code: c, UnitIDs: ids, Workdays: *workdays})
		switch {
		case errors.Is(err, models.ErrBadRoundCode):
			return usageT(lang, "cli_review_bad_code", c)
		case errors.Is(err, models.ErrConflict):
			return usageT(lang, "cli_review_exists", c)
		case err != nil:
			return failT(lang, "cli_failed", err, cmd)
		}
	case "close":
		if r, err = roundOf(ctx, st, lang, *code); err != nil {
			return err
		}
		if r, err = st.SetRoundState(ctx, r.Code, models.ReviewClosed, nil); err != nil {
			return failT(lang, "cli_failed", err, cmd)
		}
	case "status":
		if r, err = roundOf(ctx, st, lang, *code); err != nil {
			return err
		}
	}
	return printRoundStatus(ctx, st, lang, r, stdout)
}

// addCategories adds every unit of the categories named (comma-separated,
// as the roster's 类别 column writes them).
func addCategories(ctx context.Context, st *models.Store, lang string, ids []int64, list string) ([]int64, error) {
	cats := strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == '，' })
	if len(cats) == 0 {
		return ids, nil
	}
	units, err := st.Units(ctx)
	if err != nil {
		return nil, failT(lang, "cli_failed", err, "review open")
	}
	for _, c := range cats {
		found := false
		for _, u := range units {
			if u.Category == strings.TrimSpace(c) {
				ids, found = append(ids, u.ID), true
			}
		}
		if !found {
			return nil, usageT(lang, "cli_review_no_category", c)
		}
	}
	return ids, nil
}

func shanghaiOr(getenv func(string) string) *time.Location {
	if loc, err := models.LoadZone(cmp.Or(getenv("GANSHI_TZ"), models.DefaultZone)); err == nil {
		return loc
	}
	return time.UTC
}

func printRoundStatus(ctx context.Context, st *models.Store, lang string, r models.ReviewRound, stdout io.Writer) error {
	prog, err := st.Completeness(ctx, r.ID)
	if err != nil {
		return failT(lang, "cli_failed", err, "review status")
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_review_status", r.Code, texts.T(lang, "review_state_"+r.State), r.OpensOn, r.ClosesOn))
	for _, src := range []string{models.SrcPrincipal, models.SrcColleague, models.SrcDepartment} {
		p := prog[src]
		fmt.Fprintln(stdout, "  "+texts.T(lang, "review_progress", texts.T(lang, "review_src_"+src), p[0], p[1]))
	}
	return nil
}

// runReviewCodes is `ganshi review codes --unit 伊山镇 --count 50 --xlsx FILE`:
// one-time codes for the outside respondents' form, printed on slips. The
// codes are in the file only; the database keeps their hashes.
func runReviewCodes(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "review codes"
	lang := cliLang(getenv)
	fs, db, code := reviewFlags("codes", getenv, stderr)
	unit := fs.String("unit", "", texts.T(lang, "cli_review_flag_unit"))
	count := fs.Int("count", 50, texts.T(lang, "cli_review_flag_count"))
	days := fs.Int("days", 30, texts.T(lang, "cli_review_flag_days"))
	xlsx := fs.String("xlsx", "", texts.T(lang, "cli_review_flag_xlsx"))
	base := fs.String("url", getenv("GANSHI_PUBLIC_URL"), texts.T(lang, "cli_review_flag_url"))
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *unit == "" || *xlsx == "" || *count < 1 || *count > 5000 || *days < 1 {
		return usageT(lang, "cli_review_codes_args")
	}
	st, r, err := openRound(ctx, lang, cmd, *db, *code)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UnitByName(ctx, *unit)
	if err != nil {
		return usageT(lang, "cli_review_no_unit", *unit)
	}
	ttl := time.Duration(*days) * 24 * time.Hour
	codes, err := st.IssueCodes(ctx, r, u.ID, *count, ttl, nil)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	link := func(c string) string { return strings.TrimRight(*base, "/") + "/form/" + c }
	until := st.Now().Add(ttl).In(shanghaiOr(getenv))
	if err := writeFileAtomically(*xlsx, func(w io.Writer) error { return sheets.ReviewCodesXLSX(w, u.Name, r.Code, codes, link, until) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_review_codes_done", *xlsx, len(codes), u.Name, r.Code, until.Format("2006-01-02")))
	return nil
}

// runReviewFindings is `ganshi review findings import FILE`: a department's
// findings, the whole file checked first, problems with their lines.
func runReviewFindings(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "review findings import"
	lang := cliLang(getenv)
	fs, db, code := reviewFlags("findings import", getenv, stderr)
	dept := fs.String("dept", "", texts.T(lang, "cli_review_flag_dept"))
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *dept == "" {
		return usageT(lang, "cli_review_findings_args")
	}
	data, err := readInput(lang, cmd, pos[0])
	if err != nil {
		return err
	}
	lines, err := models.ParseFindingsCSV(decodeText(data))
	if err != nil {
		return findingProblems(stderr, lang, pos[0], err)
	}
	st, r, err := openRound(ctx, lang, cmd, *db, *code)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.ImportFindings(ctx, r, models.Cadre{Role: models.RoleAdmin, Active: true}, *dept, lines)
	if errors.Is(err, models.ErrRoundState) {
		return usageT(lang, "cli_review_not_taking", r.Code)
	} else if err != nil {
		return findingProblems(stderr, lang, pos[0], err)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_review_findings_done", pos[0], n, *dept, r.Code))
	return nil
}

func findingProblems(stderr io.Writer, lang, file string, err error) error {
	var probs models.LineProblems
	if !errors.As(err, &probs) {
		return failT(lang, "cli_failed", err, "review findings import "+file)
	}
	for _, p := range probs {
		fmt.Fprintln(stderr, p.Text(lang))
	}
	return cliError{msg: texts.T(lang, "cli_review_problems", file, len(probs))}
}

// runExportReview is `ganshi export review --round 2026Q4 --xlsx FILE`:
// the 体检表 of every unit and the 反向体检清单. Confidential; audited.
func runExportReview(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export review"
	lang := cliLang(getenv)
	fs, db, code := reviewFlags("export", getenv, stderr)
	xlsx := fs.String("xlsx", "", texts.T(lang, "cli_review_flag_xlsx"))
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *xlsx == "" {
		return usageT(lang, "cli_export_review_args")
	}
	st, r, err := openRound(ctx, lang, cmd, *db, *code)
	if err != nil {
		return err
	}
	defer st.Close()
	ex, err := st.ReviewExportOf(ctx, r)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	loc := shanghaiOr(getenv)
	if err := writeFileAtomically(*xlsx, func(w io.Writer) error { return sheets.ReviewXLSX(w, ex, loc) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := st.Audit(ctx, nil, "export.review", r.Code, filepath.Base(*xlsx)); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	guard := 0
	for _, u := range ex.Units {
		for _, c := range u.Cadres {
			if c.Guard {
				guard++
			}
		}
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_export_review_done", *xlsx, r.Code, len(ex.Units), ex.County.Cadres, len(ex.Items), guard))
	return nil
}
