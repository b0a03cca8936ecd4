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
	if models.IsPostgresDSN(a.db) {
		fmt.Fprintf(stdout, "A PostgreSQL dump made with pg_dump is restored with pg_restore, with every ganshi serve stopped:\n\n  %s %s\n",
			pgCommand("pg_restore --clean --if-exists --no-owner", a.db), shellQuote(a.file))
		return usagef("restore: GANSHI_DB is PostgreSQL: run the pg_restore command above; nothing was written")
	}
	info, err := models.InspectSQLite(ctx, a.file)
	if err != nil {
		return usagef("restore: %v", err)
	}
	if want := models.LatestSchema(); info.Schema > want {
		return usagef("restore: %s has schema version %d, newer than this ganshi's %d: restore it with the ganshi that made it, or a newer one", a.file, info.Schema, want)
	}
	target := sqlitePath(a.db)
	exists, err := checkRestoreTarget(ctx, target, a.force)
	if err != nil {
		return err
	}
	tmp, err := stageBackup(ctx, a.file, target)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	kept := ""
	if exists {
		// Fold the log in first: the old file is kept, and a log left beside
		// the new one would be replayed into it.
		if err := models.CheckpointSQLite(ctx, target); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		kept = target + ".before-restore"
		if err := os.Rename(target, kept); err != nil {
			return fmt.Errorf("restore: keep the old database: %w", err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(stdout, "restored %s into %s: schema version %d", a.file, target, info.Schema)
	if info.Schema < models.LatestSchema() {
		fmt.Fprintf(stdout, ", upgraded to %d", models.LatestSchema())
	}
	fmt.Fprintf(stdout, ", %d cadres.\n", info.Cadres)
	if kept != "" {
		fmt.Fprintf(stdout, "The database it replaced is kept as %s.\n", kept)
	}
	return nil
}

// checkRestoreTarget refuses a live database, and an existing one without
// --force; it tells whether one exists.
func checkRestoreTarget(ctx context.Context, target string, force bool) (bool, error) {
	if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("restore: %w", err)
	}
	l, live, err := models.LiveLease(ctx, target)
	if err != nil {
		return true, fmt.Errorf("restore: %w", err)
	}
	if live {
		return true, usagef("restore: %s is in use: %s holds its %s lease until %s; stop that ganshi serve first",
			target, l.Holder, l.Name, l.ExpiresAt.Local().Format(time.DateTime))
	}
	if !force {
		return true, usagef("restore: %s already exists; --force replaces it (the old one is kept as %s.before-restore)", target, target)
	}
	return true, nil
}

// stageBackup copies the backup next to target, brings it to this binary's
// schema and clears its leases; it returns the staged file's path.
func stageBackup(ctx context.Context, backup, target string) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.restore")
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	name := tmp.Name()
	fail := func(err error) (string, error) {
		os.Remove(name)
		return "", fmt.Errorf("restore: %w", err)
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
