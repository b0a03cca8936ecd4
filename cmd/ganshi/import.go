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
	"sort"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets/roster"
	"github.com/ganshi/ganshi/texts"
)

// importArgs is what `ganshi import` was asked to do.
type importArgs struct {
	file, encoding, db string
	opts               models.ApplyOptions
}

// runImport checks a whole roster file and, only when every row is right,
// applies it to the database in one transaction.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang := cliLang(getenv)
	a, err := parseImportArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	data, err := readInput(lang, "import", a.file)
	if err != nil {
		return err
	}
	rows, err := roster.Parse(a.file, data, a.encoding)
	var probs roster.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintln(stderr, p.Text(lang))
		}
		return cliError{msg: texts.T(lang, "cli_import_problems", a.file, len(probs))}
	}
	if err != nil {
		return usageT(lang, "cli_import_bad_file", reason(lang, err))
	}
	st, err := openForImport(ctx, a, lang, stdout)
	if err != nil {
		return failT(lang, "cli_import_db_failed", err)
	}
	defer st.Close()
	sum, err := st.ApplyRoster(ctx, rows, a.opts)
	if err != nil {
		return failT(lang, "cli_import_apply_failed", err, a.file)
	}
	printSummary(stdout, lang, a.file, len(rows), sum, a.opts.DryRun)
	return nil
}

// openForImport opens the database; a dry run must write nothing, so it
// opens read-only (no migrations), and when the SQLite file does not exist
// yet it compares with an empty roster in memory instead of creating it.
func openForImport(ctx context.Context, a importArgs, lang string, stdout io.Writer) (*models.Store, error) {
	if !a.opts.DryRun {
		return models.Open(ctx, a.db, models.Options{})
	}
	if err := models.CheckDSN(a.db); err != nil {
		return nil, err
	}
	if path := sqlitePath(a.db); path != "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintln(stdout, texts.T(lang, "cli_import_no_db", path))
			return models.Open(ctx, ":memory:", models.Options{})
		}
	}
	return models.Open(ctx, a.db, models.Options{ReadOnly: true})
}

// sqlitePath is the file a SQLite DSN names; "" for PostgreSQL.
func sqlitePath(dsn string) string {
	if models.IsPostgresDSN(dsn) {
		return ""
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	return path
}

func parseImportArgs(args []string, getenv func(string) string, stderr io.Writer) (importArgs, error) {
	lang := cliLang(getenv)
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	enc := fs.String("encoding", "", texts.T(lang, "cli_import_flag_encoding"))
	deactivate := fs.Bool("deactivate-missing", false, texts.T(lang, "cli_import_flag_deactivate"))
	dry := fs.Bool("dry-run", false, texts.T(lang, "cli_import_flag_dry_run"))
	db := dbFlag(fs, getenv)
	setUsage(fs, stderr, lang, "cli_import_usage")
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return importArgs{}, err
	}
	if len(pos) != 1 {
		return importArgs{}, usageT(lang, "cli_import_one_file", len(pos))
	}
	encoding, err := roster.ParseEncoding(*enc)
	if err != nil {
		return importArgs{}, usageT(lang, "cli_bad_encoding", "import", *enc)
	}
	return importArgs{file: pos[0], encoding: encoding, db: *db, opts: models.ApplyOptions{
		DeactivateMissing: *deactivate, DryRun: *dry, Source: filepath.Base(pos[0]),
	}}, nil
}

// printSummary shows per unit what the import did, then the totals.
func printSummary(w io.Writer, lang, file string, rows int, sum models.RosterSummary, dry bool) {
	t := func(key string, args ...any) string { return texts.T(lang, key, args...) }
	if dry {
		fmt.Fprintln(w, t("cli_import_dry", file, rows)+"\n")
	} else {
		fmt.Fprintln(w, t("cli_import_done", file, rows)+"\n")
	}
	table := [][]string{{t("cli_import_col_unit"), t("cli_import_col_added"), t("cli_import_col_updated"),
		t("cli_import_col_unchanged"), t("cli_import_col_deactivated")}}
	line := func(name string, n models.RosterTally) {
		table = append(table, []string{name, strconv.Itoa(n.Added), strconv.Itoa(n.Updated),
			strconv.Itoa(n.Unchanged), strconv.Itoa(n.Deactivated)})
	}
	for _, u := range sum.Units {
		line(cmp.Or(u.Unit, t("cli_import_no_unit")), u.RosterTally)
	}
	line(t("cli_import_total"), sum.Total)
	writeTable(w, table, 1, 2, 3, 4)
	fmt.Fprintln(w, "\n"+t("cli_import_units", sum.UnitsAdded, sum.UnitsChanged))
	if sum.Missing > 0 {
		fmt.Fprintln(w, t("cli_import_missing", sum.Missing))
	}
}

// dbFlag is --db, defaulting like serve: GANSHI_DB, else ganshi.db.
func dbFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	def := getenv("GANSHI_DB")
	if def == "" {
		def = "ganshi.db"
	}
	return fs.String("db", def, texts.T(cliLang(getenv), "cli_flag_db"))
}

// tzFlag is --tz, the zone dates are read and shown in: GANSHI_TZ, else
// the county's (models.DefaultZone).
func tzFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	return fs.String("tz", cmp.Or(getenv("GANSHI_TZ"), models.DefaultZone), texts.T(cliLang(getenv), "cli_export_flag_tz"))
}

// suggestUnits names up to five units close to what was typed: names that
// contain it or that it contains, then the fewest edits away.
func suggestUnits(typed string, units []models.Unit) []string {
	type cand struct {
		name string
		dist int
	}
	var cs []cand
	t := []rune(strings.TrimSpace(typed))
	for _, u := range units {
		d := editDistance(t, []rune(u.Name))
		if strings.Contains(u.Name, string(t)) || strings.Contains(string(t), u.Name) {
			d = 0
		}
		if d <= max(1, len(t)/2) {
			cs = append(cs, cand{u.Name, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].dist < cs[j].dist })
	var names []string
	for _, c := range cs[:min(5, len(cs))] {
		names = append(names, c.name)
	}
	return names
}

// unknownUnit refuses a --unit no unit is named, suggesting those close to
// it, or else saying what leaving --unit out does (noneKey).
func unknownUnit(ctx context.Context, st *models.Store, lang, cmd, typed, noneKey string) error {
	units, err := st.Units(ctx)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	hint := texts.M(noneKey, len(units))
	if names := suggestUnits(typed, units); len(names) > 0 {
		hint = texts.M("cli_similar_units", texts.List(names))
	}
	return usageT(lang, "cli_unknown_unit", cmd, typed, hint)
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
