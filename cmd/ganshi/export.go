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
	"path/filepath"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
	"github.com/ganshi/ganshi/texts"
)

// exportArgs is what `ganshi export reports` was asked to do.
type exportArgs struct {
	period              models.Period
	unit, xlsx, csv, db string
	loc                 *time.Location
}

// runExport writes records to a file for the department: a month's
// reports, or the talks ledger of some days.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return dispatch(ctx, "export", "cli_export_unknown_kind", map[string]runFunc{
		"reports": runExportReports, "talks": runTalksExport, "review": runExportReview, "contest": runContestExport,
		"training": runExportTraining, "care": runExportCare, "tolerance": runExportTolerance, "annual": runAnnualExport,
	}, args, getenv, stdout, stderr)
}

func runExportReports(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export reports"
	lang := cliLang(getenv)
	a, err := parseExportArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	if err := mustExist(lang, cmd, a.db); err != nil {
		return err
	}
	st, err := models.Open(ctx, a.db, models.Options{})
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	defer st.Close()
	rows, err := exportRows(ctx, st, a, lang)
	if err != nil {
		return err
	}
	path, write := a.xlsx, sheets.ReportsXLSX
	if a.csv != "" {
		path, write = a.csv, sheets.ReportsCSV
	}
	if err := writeFileAtomically(path, func(w io.Writer) error { return write(w, a.period, rows.board, rows.items, a.loc) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	target := cmp.Or(a.unit, "all units")
	if err := st.Audit(ctx, nil, "export.reports", a.period.String()+" "+target, filepath.Base(path)); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, exportSummary(lang, path, rows.board))
	return nil
}

func parseExportArgs(args []string, getenv func(string) string, stderr io.Writer) (exportArgs, error) {
	const cmd = "export reports"
	lang := cliLang(getenv)
	t := func(key string) string { return texts.T(lang, key) }
	flags := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var a exportArgs
	month := flags.String("month", "", t("cli_export_flag_month"))
	flags.StringVar(&a.unit, "unit", "", t("cli_export_flag_unit"))
	flags.StringVar(&a.xlsx, "xlsx", "", t("cli_export_flag_xlsx"))
	flags.StringVar(&a.csv, "csv", "", t("cli_export_flag_csv"))
	tz := tzFlag(flags, getenv)
	db := dbFlag(flags, getenv)
	setUsage(flags, stderr, lang, "cli_export_reports_usage")
	pos, err := parseArgs(flags, args, lang)
	switch {
	case err != nil:
		return a, err
	case len(pos) > 0:
		return a, usageT(lang, "cli_unexpected_unit", cmd, pos[0])
	case *month == "":
		return a, usageT(lang, "cli_export_month_required")
	case (a.xlsx == "") == (a.csv == ""):
		return a, usageT(lang, "cli_export_one_output")
	}
	if a.period, err = models.ParsePeriod(strings.TrimSpace(*month)); err != nil {
		return a, usageT(lang, "cli_bad_month", cmd, *month)
	}
	if a.loc, err = time.LoadLocation(*tz); err != nil {
		return a, usageT(lang, "cli_bad_tz", cmd, *tz)
	}
	a.db = *db
	return a, nil
}

// exported is what goes into the file, read once.
type exported struct {
	board []models.BoardRow
	items map[int64][]models.ReportItem
}

func exportRows(ctx context.Context, st *models.Store, a exportArgs, lang string) (exported, error) {
	const cmd = "export reports"
	var unitID *int64
	if a.unit != "" {
		u, err := st.UnitByName(ctx, strings.TrimSpace(a.unit))
		if errors.Is(err, models.ErrNotFound) {
			return exported{}, unknownUnit(ctx, st, lang, cmd, a.unit, "cli_export_no_similar")
		} else if err != nil {
			return exported{}, failT(lang, "cli_failed", err, cmd)
		}
		unitID = &u.ID
	}
	var out exported
	var err error
	if out.board, err = st.Board(ctx, a.period, unitID); err != nil {
		return out, failT(lang, "cli_failed", err, cmd)
	}
	if out.items, err = st.ItemsForPeriod(ctx, a.period, unitID); err != nil {
		return out, failT(lang, "cli_failed", err, cmd)
	}
	return out, nil
}

// exportSummary is the one line an operator reads: Tally's figures summed.
func exportSummary(lang, path string, rows []models.BoardRow) string {
	ts := models.Tally(rows)
	var signed, submitted, missing, exempt int
	for _, t := range ts {
		signed, submitted, missing, exempt = signed+t.Signed, submitted+t.Submitted, missing+t.Missing, exempt+t.Exempt
	}
	return texts.T(lang, "cli_export_summary", path, len(ts), len(rows), signed, submitted, missing, exempt)
}

// mustExist refuses a SQLite file that is not there: opening it would
// create an empty database and export an empty month without a word.
func mustExist(lang, cmd, dsn string) error {
	if models.IsPostgresDSN(dsn) {
		return nil
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return usageT(lang, "cli_no_db", cmd, path)
	}
	return nil
}

// writeFileAtomically writes through a temporary file renamed into place,
// so a failed export never leaves half a workbook where the old one was.
// The file is readable by its owner only: it holds personal records.
func writeFileAtomically(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
