package models

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Options tune Open. The zero value is fine: the real clock, no SQL log.
type Options struct {
	Now    func() time.Time // the process clock; default time.Now
	Logger *slog.Logger     // slow queries and errors are logged here at debug level
}

// Open connects to dsn and applies every pending migration. A dsn starting
// with postgres:// or postgresql:// selects PostgreSQL; anything else is a
// SQLite file path (an optional "file:" prefix and query are kept).
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	cfg := &gorm.Config{
		NowFunc:                func() time.Time { return now().UTC() },
		TranslateError:         true,
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
	}
	var (
		db      *gorm.DB
		err     error
		dialect string
	)
	if IsPostgresDSN(dsn) {
		dialect = "postgres"
		db, err = gorm.Open(postgres.Open(dsn), cfg)
	} else {
		dialect = "sqlite"
		db, err = gorm.Open(sqlite.Open(sqliteDSN(dsn)), cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, redactDSN(err, dsn))
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	if dialect == "sqlite" {
		// One connection: SQLite has one writer, and read-then-write
		// transactions on several connections fail with SQLITE_BUSY.
		sqlDB.SetMaxOpenConns(1)
		sqlDB.SetConnMaxLifetime(0)
	} else {
		sqlDB.SetMaxOpenConns(16)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	st := &Store{db: db, now: now, dialect: dialect}
	if err := st.Ping(ctx); err != nil {
		sqlDB.Close()
		return nil, redactDSN(err, dsn)
	}
	if err := st.migrate(ctx); err != nil {
		sqlDB.Close()
		return nil, err
	}
	return st, nil
}

// IsPostgresDSN tells whether dsn names a PostgreSQL database.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqliteDSN adds the pragmas DESIGN.md asks for to a file path.
func sqliteDSN(path string) string {
	path = strings.TrimPrefix(path, "file:")
	q := url.Values{}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		q, _ = url.ParseQuery(path[i+1:])
		path = path[:i]
	}
	for k, v := range map[string]string{
		"_journal_mode": "WAL",
		"_synchronous":  "NORMAL",
		"_busy_timeout": "10000",
		"_txlock":       "immediate",
		"_foreign_keys": "on",
	} {
		if q.Get(k) == "" {
			q.Set(k, v)
		}
	}
	return "file:" + path + "?" + q.Encode()
}

// redactDSN keeps a PostgreSQL password out of error messages.
func redactDSN(err error, dsn string) error {
	u, perr := url.Parse(dsn)
	if perr != nil || u.User == nil {
		return err
	}
	if pw, ok := u.User.Password(); ok && pw != "" {
		return fmt.Errorf("%s", strings.ReplaceAll(err.Error(), pw, "***"))
	}
	return err
}
