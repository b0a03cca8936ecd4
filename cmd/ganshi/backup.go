package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/ganshi/ganshi/models"
)

const backupUsage = `Usage: ganshi backup FILE [--db DSN] [--force]
       ganshi restore FILE [--db DSN] [--force]

backup writes a consistent copy of the SQLite database to FILE, also while
ganshi serve runs. FILE must not exist; --force replaces it.

restore puts a backup in place of the database. It refuses while a ganshi
serve uses the database (stop it first) and a backup made by a newer ganshi;
an older backup is upgraded. A database already there is replaced only with
--force, and kept beside it as DB.before-restore.

For PostgreSQL both print the pg_dump or pg_restore command to use instead.`

type backupArgs struct {
	file, db string
	force    bool
}

func parseBackupArgs(name string, args []string, getenv func(string) string, stderr io.Writer) (backupArgs, error) {
	fset := flag.NewFlagSet(name, flag.ContinueOnError)
	fset.SetOutput(stderr)
	db := dbFlag(fset, getenv)
	force := fset.Bool("force", false, "backup: replace FILE; restore: replace the database (kept as DB.before-restore)")
	fset.Usage = func() { fmt.Fprintln(stderr, backupUsage); fset.PrintDefaults() }
	pos, err := parseArgs(fset, args)
	if err != nil {
		return backupArgs{}, err
	}
	if len(pos) != 1 {
		return backupArgs{}, usagef("%s: give exactly one FILE, got %d arguments", name, len(pos))
	}
	if err := models.CheckDSN(*db); err != nil {
		return backupArgs{}, fmt.Errorf("%s: %w", name, err)
	}
	return backupArgs{file: pos[0], db: *db, force: *force}, nil
}

// runBackup copies the SQLite database to FILE with VACUUM INTO (see
// models.BackupSQLite), through a temporary file renamed into place, so
// FILE is either the whole copy or untouched.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	a, err := parseBackupArgs("backup", args, getenv, stderr)
	if err != nil {
		return err
	}
	if models.IsPostgresDSN(a.db) {
		fmt.Fprintf(stdout, "PostgreSQL is backed up with pg_dump, which is consistent while serve runs:\n\n  %s\n\n"+
			"(pg_dump reads the password from PGPASSWORD or ~/.pgpass.)\n", pgCommand("pg_dump --format=custom --file="+shellQuote(a.file), a.db))
		return usagef("backup: GANSHI_DB is PostgreSQL: run the pg_dump command above; nothing was written")
	}
	src := sqlitePath(a.db)
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return usagef("backup: no database at %s (give --db or set GANSHI_DB)", src)
	}
	if same, _ := samePath(src, a.file); same {
		return usagef("backup: FILE is the database itself; give another name")
	}
	if _, err := os.Stat(a.file); err == nil && !a.force {
		return usagef("backup: %s already exists; give another name, or --force to replace it", a.file)
	}
	tmp, err := os.CreateTemp(filepath.Dir(a.file), "."+filepath.Base(a.file)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp.Close() // VACUUM INTO writes into an empty file; 0600 from CreateTemp: it holds personal records
	defer os.Remove(tmp.Name())
	if err := models.BackupSQLite(ctx, src, tmp.Name()); err != nil {
		return err
	}
	info, err := models.InspectSQLite(ctx, tmp.Name())
	if err != nil {
		return fmt.Errorf("backup: the copy does not check out: %w", err)
	}
	if err := os.Rename(tmp.Name(), a.file); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: a consistent copy of %s (schema version %d, %d cadres)\n", a.file, src, info.Schema, info.Cadres)
	return nil
}

// pgCommand is a libpq command line for dsn: the password is left out
// (libpq takes it from PGPASSWORD or ~/.pgpass) and a search_path, which
// only Ganshi's driver understands, becomes --schema.
func pgCommand(prefix, dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return prefix + " --dbname=" + shellQuote(dsn)
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	schema := q.Get("search_path")
	q.Del("search_path")
	u.RawQuery = q.Encode()
	cmd := prefix
	if schema != "" {
		cmd += " --schema=" + shellQuote(schema)
	}
	return cmd + " --dbname=" + shellQuote(u.String())
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func samePath(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}
