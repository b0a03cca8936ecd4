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

	"github.com/ganshi/ganshi/export"
	"github.com/ganshi/ganshi/models"
)

// exportArgs is what `ganshi export reports` was asked to do.
type exportArgs struct {
	period              models.Period
	unit, xlsx, csv, db string
	loc                 *time.Location
}

const exportUsage = "Usage: ganshi export reports --month 2026-11 [--unit NAME] (--xlsx FILE | --csv FILE) [--db DSN] [--tz ZONE]"

// runExport writes a month's records to a file for the department. Only
// reports for now; talks will follow as a second kind.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, exportUsage)
		return usagef("export: say what to export, e.g. ganshi export reports --month 2026-11 --xlsx 月度实绩.xlsx")
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, exportUsage)
		return nil
	case "reports":
		return runExportReports(ctx, args[1:], getenv, stdout, stderr)
	case "talks":
		return runTalksExport(ctx, args[1:], getenv, stdout, stderr)
	}
	return usagef("export: unknown kind %q; known: reports, talks", args[0])
}

func runExportReports(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	a, err := parseExportArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	if err := mustExist(a.db); err != nil {
		return err
	}
	st, err := models.Open(ctx, a.db, models.Options{})
	if err != nil {
		return fmt.Errorf("export reports: %w", err)
	}
	defer st.Close()
	rows, err := exportRows(ctx, st, a)
	if err != nil {
		return err
	}
	path, write := a.xlsx, export.ReportsXLSX
	if a.csv != "" {
		path, write = a.csv, export.ReportsCSV
	}
	if err := writeFileAtomically(path, func(w io.Writer) error { return write(w, a.period, rows.board, rows.items, a.loc) }); err != nil {
		return fmt.Errorf("export reports: %w", err)
	}
	target := cmp.Or(a.unit, "all units")
	if err := st.Audit(ctx, nil, "export.reports", a.period.String()+" "+target, filepath.Base(path)); err != nil {
		return fmt.Errorf("export reports: %w", err)
	}
	fmt.Fprintln(stdout, exportSummary(path, rows.board))
	return nil
}

func parseExportArgs(args []string, getenv func(string) string, stderr io.Writer) (exportArgs, error) {
	flags := flag.NewFlagSet("export reports", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var a exportArgs
	month := flags.String("month", "", "the month to export, written 2026-11 (required)")
	flags.StringVar(&a.unit, "unit", "", "only this unit (its exact name)")
	flags.StringVar(&a.xlsx, "xlsx", "", "write an Excel workbook: a summary sheet, then one 公示 table per unit")
	flags.StringVar(&a.csv, "csv", "", "write a UTF-8 CSV (with BOM), one row per cadre")
	tz := flags.String("tz", cmp.Or(getenv("GANSHI_TZ"), "Asia/Shanghai"), "time zone for sign times (env GANSHI_TZ)")
	db := dbFlag(flags, getenv)
	flags.Usage = func() {
		fmt.Fprintln(stderr, exportUsage+"\n\nWrites the month's reports with the same figures /reports shows.")
		flags.PrintDefaults()
	}
	pos, err := parseArgs(flags, args)
	switch {
	case err != nil:
		return a, err
	case len(pos) > 0:
		return a, usagef("export reports: unexpected argument %q (a unit is given with --unit)", pos[0])
	case *month == "":
		return a, usagef("export reports: --month is required, written like --month 2026-11")
	case (a.xlsx == "") == (a.csv == ""):
		return a, usagef("export reports: give exactly one of --xlsx FILE or --csv FILE")
	}
	if a.period, err = models.ParsePeriod(strings.TrimSpace(*month)); err != nil {
		return a, usagef("export reports: --month: %v", err)
	}
	if a.loc, err = time.LoadLocation(*tz); err != nil {
		return a, usagef("export reports: --tz: unknown time zone %q (for example Asia/Shanghai)", *tz)
	}
	a.db = *db
	return a, nil
}

// exported is what goes into the file, read once.
type exported struct {
	board []models.BoardRow
	items map[int64][]models.ReportItem
}

func exportRows(ctx context.Context, st *models.Store, a exportArgs) (exported, error) {
	var unitID *int64
	if a.unit != "" {
		u, err := st.UnitByName(ctx, strings.TrimSpace(a.unit))
		if errors.Is(err, models.ErrNotFound) {
			return exported{}, unknownUnit(ctx, st, a.unit)
		} else if err != nil {
			return exported{}, fmt.Errorf("export reports: %w", err)
		}
		unitID = &u.ID
	}
	var out exported
	var err error
	if out.board, err = st.Board(ctx, a.period, unitID); err != nil {
		return out, fmt.Errorf("export reports: %w", err)
	}
	if out.items, err = st.ItemsForPeriod(ctx, a.period, unitID); err != nil {
		return out, fmt.Errorf("export reports: %w", err)
	}
	return out, nil
}

func unknownUnit(ctx context.Context, st *models.Store, name string) error {
	units, err := st.Units(ctx)
	if err != nil {
		return fmt.Errorf("export reports: %w", err)
	}
	hint := suggestUnits(name, units)
	if !strings.HasPrefix(hint, "did you mean") { // suggestUnits' fallback speaks of invite
		hint = fmt.Sprintf("no unit has a similar name (there are %d units; leave out --unit to export all)", len(units))
	}
	return usagef("export reports: no unit named %q; %s", name, hint)
}

// exportSummary is the one line an operator reads: Tally's figures summed.
func exportSummary(path string, rows []models.BoardRow) string {
	ts := models.Tally(rows)
	var signed, submitted, missing, exempt int
	for _, t := range ts {
		signed, submitted, missing, exempt = signed+t.Signed, submitted+t.Submitted, missing+t.Missing, exempt+t.Exempt
	}
	return fmt.Sprintf("wrote %s: %d units, %d cadres (signed %d, submitted %d, missing %d, exempt %d)",
		path, len(ts), len(rows), signed, submitted, missing, exempt)
}

// mustExist refuses a SQLite file that is not there: opening it would
// create an empty database and export an empty month without a word.
func mustExist(dsn string) error {
	if models.IsPostgresDSN(dsn) {
		return nil
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return usagef("export reports: no database at %s (give --db or set GANSHI_DB)", path)
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
