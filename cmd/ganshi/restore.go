package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runRestore puts a backup in place of the SQLite database. What it
// refuses, and why:
//   - a database a running serve uses: every serve holds the sender lease
//     while it runs (renewed every 10 s), so an unexpired lease whose
//     holder is not provably gone means a live process that would go on
//     writing into the file being replaced;
//   - a backup whose schema is newer than this binary's: this ganshi would
//     not know its tables;
//   - an existing database without --force (it is then kept as
//     DB.before-restore, in case the wrong file was restored).
//
// The backup is copied next to the database, migrated there (an older
// backup is upgraded), stripped of the leases of the processes of its time,
// and renamed into place: the database is the old one or the whole new one.
func runRestore(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	a, err := parseBackupArgs("restore", args, getenv, stderr)
	if err != nil {
		return err
	}
	lang := a.lang
	if models.IsPostgresDSN(a.db) {
		fmt.Fprintln(stdout, texts.T(lang, "cli_restore_pg", pgCommand("pg_restore --clean --if-exists --no-owner", a.db), shellQuote(a.file)))
		return usageT(lang, "cli_restore_pg_refused")
	}
	if _, err := os.Stat(a.file); errors.Is(err, fs.ErrNotExist) {
		return usageT(lang, "cli_no_file", "restore", a.file)
	}
	info, err := models.InspectSQLite(ctx, a.file)
	if err != nil {
		return usageT(lang, "cli_restore_bad_backup", reason(lang, err))
	}
	if want := models.LatestSchema(); info.Schema > want {
		return usageT(lang, "cli_restore_newer", a.file, info.Schema, want)
	}
	target := sqlitePath(a.db)
	exists, err := checkRestoreTarget(ctx, target, a.force, lang)
	if err != nil {
		return err
	}
	tmp, err := stageBackup(ctx, a.file, target)
	if err != nil {
		return failT(lang, "cli_failed", err, "restore")
	}
	defer os.Remove(tmp)
	kept := ""
	if exists {
		// Fold the log in first: the old file is kept, and a log left beside
		// the new one would be replayed into it.
		if err := models.CheckpointSQLite(ctx, target); err != nil {
			return failT(lang, "cli_failed", err, "restore")
		}
		kept = target + ".before-restore"
		if err := os.Rename(target, kept); err != nil {
			return failT(lang, "cli_restore_keep", err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return failT(lang, "cli_failed", err, "restore")
	}
	msg := texts.T(lang, "cli_restore_done", a.file, target, info.Schema)
	if info.Schema < models.LatestSchema() {
		msg += texts.T(lang, "cli_restore_upgraded", models.LatestSchema())
	}
	fmt.Fprintln(stdout, msg+texts.T(lang, "cli_restore_cadres", info.Cadres))
	if kept != "" {
		fmt.Fprintln(stdout, texts.T(lang, "cli_restore_kept", kept))
	}
	return nil
}

// checkRestoreTarget refuses a live database, and an existing one without
// --force; it tells whether one exists.
func checkRestoreTarget(ctx context.Context, target string, force bool, lang string) (bool, error) {
	if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, failT(lang, "cli_failed", err, "restore")
	}
	l, live, err := models.LiveLease(ctx, target)
	if err != nil {
		return true, failT(lang, "cli_failed", err, "restore")
	}
	if live {
		return true, usageT(lang, "cli_restore_in_use", target, l.Holder, l.Name, l.ExpiresAt.Local().Format(time.DateTime))
	}
	if !force {
		return true, usageT(lang, "cli_restore_exists", target, target)
	}
	return true, nil
}

// stageBackup copies the backup next to target, brings it to this binary's
// schema and clears its leases; it returns the staged file's path. Its
// errors are the restore's faults, said by the caller.
func stageBackup(ctx context.Context, backup, target string) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.restore")
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	fail := func(err error) (string, error) {
		os.Remove(name)
		return "", err
	}
	src, err := os.Open(backup)
	if err != nil {
		tmp.Close()
		return fail(err)
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(err)
	}
	st, err := models.Open(ctx, name, models.Options{}) // applies pending migrations
	if err != nil {
		return fail(err)
	}
	err = st.ClearLeases(ctx)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = models.CheckpointSQLite(ctx, name)
	}
	if err != nil {
		return fail(err)
	}
	return name, nil
}
