package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets/roster"
	"github.com/ganshi/ganshi/texts"
)

// notCopied are the tables a simulation starts without: what was received,
// sent and claimed, the run ledger, the audit log, conversations under way
// and invitations. Everything else — roster, reports, talks, schedules,
// calendar, settings — is copied as it is.
var notCopied = []string{
	"schema_versions", "inbox_updates", "notifications", "leases", "run_records",
	"audit_entries", "conversations", "invites",
}

// openScratch makes the simulation's database: a new SQLite file in a
// temporary directory, filled from the roster file or copied from the
// source database, with the default schedules added where missing. The
// returned function closes and deletes it.
func openScratch(ctx context.Context, o simOptions, clock *simClock) (*models.Store, func(), error) {
	dir, err := os.MkdirTemp("", "ganshi-simulate-")
	if err != nil {
		return nil, nil, fmt.Errorf("temporary directory: %w", err)
	}
	st, err := models.Open(ctx, filepath.Join(dir, "simulate.db"), models.Options{Now: clock.Now})
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	done := func() {
		st.Close()
		os.RemoveAll(dir)
	}
	if o.roster != "" {
		err = importRosterFile(ctx, st, o.roster, o.encoding, o.lang)
	} else {
		err = copyDatabase(ctx, o.db, st, o.lang)
	}
	if err == nil {
		err = installSchedules(ctx, st, o.loc)
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	return st, done, nil
}

func importRosterFile(ctx context.Context, st *models.Store, file, encoding, lang string) error {
	data, err := readInput(lang, "simulate", file)
	if err != nil {
		return err
	}
	rows, err := roster.Parse(file, data, encoding)
	var probs roster.Problems
	if errors.As(err, &probs) {
		return texts.M("cli_sim_roster_problems", file, len(probs), probs[0].Text(lang))
	}
	if err != nil {
		return err
	}
	_, err = st.ApplyRoster(ctx, rows, models.ApplyOptions{Source: filepath.Base(file)})
	return err
}

// copyDatabase copies every table but the notCopied ones from the source
// into dst, in one read-only transaction on the source (a consistent
// snapshot while serve keeps writing) and one transaction on dst. Columns
// the two schemas share are copied; the source must not be newer.
func copyDatabase(ctx context.Context, dsn string, dst *models.Store, lang string) error {
	src, err := openSource(dsn, lang)
	if err != nil {
		return err
	}
	defer func() {
		if db, err := src.DB(); err == nil {
			db.Close()
		}
	}()
	var opts *sql.TxOptions
	if models.IsPostgresDSN(dsn) {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return src.WithContext(ctx).Transaction(func(from *gorm.DB) error {
		if err := checkSourceVersion(ctx, from, dst); err != nil {
			return err
		}
		tables, err := dst.DB().Migrator().GetTables()
		if err != nil {
			return fmt.Errorf("list tables: %w", err)
		}
		return dst.Tx(ctx, func(tx *models.Store) error {
			// Rows arrive table by table; their references are checked
			// when the whole copy commits.
			if err := tx.DB().Exec("PRAGMA defer_foreign_keys = ON").Error; err != nil {
				return err
			}
			for _, t := range tables {
				if strings.HasPrefix(t, "sqlite_") || slices.Contains(notCopied, t) {
					continue
				}
				if err := copyTable(from, tx.DB(), t); err != nil {
					return fmt.Errorf("copy %s: %w", t, err)
				}
			}
			return nil
		})
	}, opts)
}

// openSource opens the source for reading only: a SQLite file in
// read-only mode (never created, never migrated), or PostgreSQL.
func openSource(dsn, lang string) (*gorm.DB, error) {
	cfg := &gorm.Config{Logger: logger.Discard, SkipDefaultTransaction: true}
	if models.IsPostgresDSN(dsn) {
		db, err := gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("open the database: %w", err)
		}
		return db, nil
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, usageT(lang, "cli_sim_no_db", path)
	}
	// A database in use has its write-ahead log beside it; reading it
	// read-only goes through the log and creates nothing. A database at
	// rest has none, and a read-only reader would leave an empty log and
	// its index behind; read as immutable, it is only read. Writes by a
	// server starting meanwhile go to a new log, not into the file.
	q := "?mode=ro&_busy_timeout=10000"
	if _, err := os.Stat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
		q += "&immutable=1"
	}
	db, err := gorm.Open(sqlite.Open("file:"+path+q), cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// checkSourceVersion refuses a file that is not a Ganshi database and one
// written by a newer Ganshi, whose meaning this one cannot know.
func checkSourceVersion(ctx context.Context, src *gorm.DB, dst *models.Store) error {
	var v sql.NullInt64
	if err := src.Raw("SELECT MAX(version) FROM schema_versions").Scan(&v).Error; err != nil || !v.Valid {
		return fmt.Errorf("%w: %v", texts.M("cli_sim_not_ganshi"), err)
	}
	mine, err := dst.SchemaVersionNow(ctx)
	if err != nil {
		return err
	}
	if int(v.Int64) > mine {
		return texts.M("cli_sim_newer", v.Int64, mine)
	}
	return nil
}

// copyTable replaces dst's rows of table with the source's, column by
// column where both have the column.
func copyTable(src, dst *gorm.DB, table string) error {
	if !src.Migrator().HasTable(table) {
		return nil // an older source: the table starts empty
	}
	cols, err := sharedColumns(src, dst, table)
	if err != nil || len(cols) == 0 {
		return err
	}
	if err := dst.Exec(`DELETE FROM "` + table + `"`).Error; err != nil {
		return err
	}
	list := `"` + strings.Join(cols, `", "`) + `"`
	rows, err := src.Raw(`SELECT ` + list + ` FROM "` + table + `"`).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	insert := `INSERT INTO "` + table + `" (` + list + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			if t, ok := v.(time.Time); ok {
				vals[i] = t.UTC() // as models stores every timestamp
			}
		}
		if err := dst.Exec(insert, vals...).Error; err != nil {
			return err
		}
	}
	return rows.Err()
}

// sharedColumns are table's columns in dst that the source has too.
func sharedColumns(src, dst *gorm.DB, table string) ([]string, error) {
	names := func(db *gorm.DB) ([]string, error) {
		rows, err := db.Raw(`SELECT * FROM "` + table + `" LIMIT 0`).Rows()
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return rows.Columns()
	}
	have, err := names(src)
	if err != nil {
		return nil, err
	}
	want, err := names(dst)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range want {
		if slices.Contains(have, c) {
			out = append(out, c)
		}
	}
	return out, nil
}
