package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/width"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/roster"
)

// importArgs is what `ganshi import` was asked to do.
type importArgs struct {
	file, encoding, db string
	opts               models.ApplyOptions
}

// runImport checks a whole roster file and, only when every row is right,
// applies it to the database in one transaction.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	a, err := parseImportArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(a.file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	rows, err := roster.Parse(a.file, data, a.encoding)
	var probs roster.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			fmt.Fprintln(stderr, p)
		}
		return fmt.Errorf("import: %s: %d problem(s) listed above; nothing was imported", a.file, len(probs))
	}
	if err != nil {
		return usagef("import: %v", err)
	}
	st, err := openForImport(ctx, a, stdout)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer st.Close()
	sum, err := st.ApplyRoster(ctx, rows, a.opts)
	if err != nil {
		return fmt.Errorf("import %s: %w", a.file, err)
	}
	printSummary(stdout, a.file, len(rows), sum, a.opts.DryRun)
	return nil
}

// openForImport opens the database; a dry run must write nothing, so it
// opens read-only (no migrations), and when the SQLite file does not exist
// yet it compares with an empty roster in memory instead of creating it.
func openForImport(ctx context.Context, a importArgs, stdout io.Writer) (*models.Store, error) {
	if !a.opts.DryRun {
		return models.Open(ctx, a.db, models.Options{})
	}
	if err := models.CheckDSN(a.db); err != nil {
		return nil, err
	}
	if path := sqlitePath(a.db); path != "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stdout, "No database at %s yet: comparing with an empty roster (nothing is created).\n", path)
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
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	enc := fs.String("encoding", "", "encoding of a .csv file: utf-8 or gbk (default: detect)")
	deactivate := fs.Bool("deactivate-missing", false, "deactivate active cadres the file no longer lists (their Telegram binding stays)")
	dry := fs.Bool("dry-run", false, "check the file and print what would change; write nothing")
	db := dbFlag(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: ganshi import FILE [--encoding utf-8|gbk] [--deactivate-missing] [--dry-run]\n\n"+
			"Imports or updates the roster from a .csv or .xlsx file (see examples/README.md for the columns).\n"+
			"The whole file is checked first; if any row is wrong nothing is written.")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return importArgs{}, err
	}
	if len(pos) != 1 {
		return importArgs{}, usagef("import: give exactly one roster file (.csv or .xlsx), got %d arguments", len(pos))
	}
	encoding, err := roster.ParseEncoding(*enc)
	if err != nil {
		return importArgs{}, usagef("import: --encoding: %v", err)
	}
	return importArgs{file: pos[0], encoding: encoding, db: *db, opts: models.ApplyOptions{
		DeactivateMissing: *deactivate, DryRun: *dry, Source: filepath.Base(pos[0]),
	}}, nil
}

// printSummary shows per unit what the import did, then the totals.
func printSummary(w io.Writer, file string, rows int, sum models.RosterSummary, dry bool) {
	if dry {
		fmt.Fprintf(w, "%s: %d rows, no problems. Dry run: nothing was written; the import would do this:\n\n", file, rows)
	} else {
		fmt.Fprintf(w, "%s: %d rows imported.\n\n", file, rows)
	}
	line := func(name string, t models.RosterTally) {
		fmt.Fprintf(w, "%s %7d %9d %11d %13d\n", pad(name, 24), t.Added, t.Updated, t.Unchanged, t.Deactivated)
	}
	fmt.Fprintf(w, "%s %7s %9s %11s %13s\n", pad("unit 单位", 24), "added", "updated", "unchanged", "deactivated")
	for _, u := range sum.Units {
		name := u.Unit
		if name == "" {
			name = "(no unit 无单位)"
		}
		line(name, u.RosterTally)
	}
	line("total 合计", sum.Total)
	fmt.Fprintf(w, "\nunits: %d added, %d changed (kind, category or principal).\n", sum.UnitsAdded, sum.UnitsChanged)
	if sum.Missing > 0 {
		fmt.Fprintf(w, "%d active cadres are not in the file and stay active; import with --deactivate-missing to deactivate them.\n", sum.Missing)
	}
}

// pad fills s with spaces to n terminal columns; Chinese characters take two.
func pad(s string, n int) string {
	cols := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			cols += 2
		default:
			cols++
		}
	}
	return s + strings.Repeat(" ", max(n-cols, 1))
}

// dbFlag is --db, defaulting like serve: GANSHI_DB, else ganshi.db.
func dbFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	def := getenv("GANSHI_DB")
	if def == "" {
		def = "ganshi.db"
	}
	return fs.String("db", def, "SQLite file path or postgres:// DSN (env GANSHI_DB)")
}

// parseArgs lets flags come after the positional arguments too
// ("ganshi import roster.csv --dry-run"): the flag package stops at the
// first argument that is not a flag.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// suggestUnits names up to five units close to what was typed: names that
// contain it or that it contains, then the fewest edits away.
func suggestUnits(typed string, units []models.Unit) string {
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
	if len(cs) == 0 {
		return fmt.Sprintf("no unit has a similar name (there are %d units; run without --unit to invite all)", len(units))
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].dist < cs[j].dist })
	var names []string
	for _, c := range cs[:min(5, len(cs))] {
		names = append(names, c.name)
	}
	return "did you mean: " + strings.Join(names, ", ") + "?"
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
