package models

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/ganshi/ganshi/texts"
)

// A SQLite database is copied with VACUUM INTO: one read transaction, so
// the copy is the database as of one instant even while serve writes
// (WAL readers do not block the writer), compacted, and written nowhere but
// the new file. The source is opened read-only: a backup never migrates or
// otherwise changes what it copies.

// BackupSQLite writes a consistent copy of the SQLite database at src to
// dest, which must not exist yet (the caller decides about replacing).
func BackupSQLite(ctx context.Context, src, dest string) error {
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	db, err := openRawSQLite(src, true)
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", src, err)
	}
	defer closeRaw(db)
	if err := db.WithContext(ctx).Exec("VACUUM INTO ?", dest).Error; err != nil {
		return fmt.Errorf("backup %s into %s: %w", src, dest, err)
	}
	return nil
}

// BackupInfo describes a backup file.
type BackupInfo struct {
	Schema int // the highest migration it records
	Cadres int64
}

// InspectSQLite checks that path is a sound Ganshi SQLite database and
// tells its schema version, opening it read-only.
func InspectSQLite(ctx context.Context, path string) (BackupInfo, error) {
	if _, err := os.Stat(path); err != nil {
		return BackupInfo{}, err
	}
	db, err := openRawSQLite(path, true)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("open %s: %w", path, err)
	}
	defer closeRaw(db)
	db = db.WithContext(ctx)
	var check string
	if err := db.Raw("PRAGMA quick_check").Scan(&check).Error; err != nil {
		return BackupInfo{}, fmt.Errorf("%w: %w", texts.M("backup_not_sqlite", path), err)
	}
	if check != "ok" {
		return BackupInfo{}, texts.M("backup_damaged", path, check)
	}
	var info BackupInfo
	if !db.Migrator().HasTable(&SchemaVersion{}) {
		return BackupInfo{}, texts.M("backup_not_ganshi", path)
	}
	if err := db.Model(&SchemaVersion{}).Select("COALESCE(MAX(version), 0)").Scan(&info.Schema).Error; err != nil {
		return BackupInfo{}, fmt.Errorf("read schema version of %s: %w", path, err)
	}
	if db.Migrator().HasTable(&Cadre{}) {
		if err := db.Model(&Cadre{}).Count(&info.Cadres).Error; err != nil {
			return BackupInfo{}, fmt.Errorf("count cadres in %s: %w", path, err)
		}
	}
	return info, nil
}

// LiveLease returns a lease of the SQLite database at path that a running
// process holds: unexpired by the real clock and its holder not provably
// gone. Every serve holds the sender lease while it runs, so this is how a
// restore tells a live database from one at rest. ok is false when none is.
func LiveLease(ctx context.Context, path string) (l Lease, ok bool, err error) {
	db, err := openRawSQLite(path, true)
	if err != nil {
		return Lease{}, false, fmt.Errorf("open %s: %w", path, err)
	}
	defer closeRaw(db)
	db = db.WithContext(ctx)
	if !db.Migrator().HasTable(&Lease{}) {
		return Lease{}, false, nil
	}
	var ls []Lease
	if err := db.Where("expires_at > ?", time.Now().UTC()).Find(&ls).Error; err != nil {
		return Lease{}, false, fmt.Errorf("read leases of %s: %w", path, err)
	}
	for _, l := range ls {
		if !HolderGone(l.Holder) {
			return l, true, nil
		}
	}
	return Lease{}, false, nil
}

// CheckpointSQLite folds the write-ahead log of the database at path into
// the file itself and removes the log, so the file alone is the whole
// database and can be moved.
func CheckpointSQLite(ctx context.Context, path string) error {
	db, err := openRawSQLite(path, false)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	err = db.WithContext(ctx).Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error
	closeRaw(db)
	if err != nil {
		return fmt.Errorf("checkpoint %s: %w", path, err)
	}
	// The last connection to close removes both; a reader elsewhere (a
	// read-only one cannot) may have left an empty log and its index.
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("checkpoint %s: its write-ahead log is still being written: is a ganshi process using it?", path)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// openRawSQLite opens a SQLite file without migrating it.
func openRawSQLite(path string, readOnly bool) (*gorm.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	db, err := gorm.Open(sqlite.Open(sqliteDSN(abs, readOnly)), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, err
	}
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.SetMaxOpenConns(1)
	}
	return db, nil
}

func closeRaw(db *gorm.DB) {
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.Close()
	}
}
