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
	"github.com/ganshi/ganshi/texts"
)

type backupArgs struct {
	file, db, lang string
	force          bool
}

func parseBackupArgs(name string, args []string, getenv func(string) string, stderr io.Writer) (backupArgs, error) {
	lang := cliLang(getenv)
	fset := flag.NewFlagSet(name, flag.ContinueOnError)
	db := dbFlag(fset, getenv)
	force := fset.Bool("force", false, texts.T(lang, "cli_backup_flag_force"))
	setUsage(fset, stderr, lang, "cli_backup_usage")
	pos, err := parseArgs(fset, args, lang)
	if err != nil {
		return backupArgs{}, err
	}
	if len(pos) != 1 {
		return backupArgs{}, usageT(lang, "cli_backup_one_file", name, len(pos))
	}
	if err := models.CheckDSN(*db); err != nil {
		return backupArgs{}, usageT(lang, "cli_db_bad", reason(lang, err))
	}
	return backupArgs{file: pos[0], db: *db, force: *force, lang: lang}, nil
}

// runBackup copies the SQLite database to FILE with VACUUM INTO (see
// models.BackupSQLite), through a temporary file renamed into place, so
// FILE is either the whole copy or untouched.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	a, err := parseBackupArgs("backup", args, getenv, stderr)
	if err != nil {
		return err
	}
	lang := a.lang
	if models.IsPostgresDSN(a.db) {
		fmt.Fprintln(stdout, texts.T(lang, "cli_backup_pg", pgCommand("pg_dump --format=custom --file="+shellQuote(a.file), a.db)))
		return usageT(lang, "cli_backup_pg_refused")
	}
	src := sqlitePath(a.db)
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return usageT(lang, "cli_no_db", "backup", src)
	}
	if same, _ := samePath(src, a.file); same {
		return usageT(lang, "cli_backup_same")
	}
	if _, err := os.Stat(a.file); err == nil && !a.force {
		return usageT(lang, "cli_backup_exists", a.file)
	}
	tmp, err := os.CreateTemp(filepath.Dir(a.file), "."+filepath.Base(a.file)+".*.tmp")
	if err != nil {
		return failT(lang, "cli_failed", err, "backup")
	}
	tmp.Close() // VACUUM INTO writes into an empty file; 0600 from CreateTemp: it holds personal records
	defer os.Remove(tmp.Name())
	if err := models.BackupSQLite(ctx, src, tmp.Name()); err != nil {
		return failT(lang, "cli_failed", err, "backup")
	}
	info, err := models.InspectSQLite(ctx, tmp.Name())
	if err != nil {
		return failT(lang, "cli_backup_bad_copy", err)
	}
	if err := os.Rename(tmp.Name(), a.file); err != nil {
		return failT(lang, "cli_failed", err, "backup")
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_backup_done", a.file, src, info.Schema, info.Cadres))
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
