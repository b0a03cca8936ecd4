package models

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/ganshi/ganshi/texts"
)

// Options tune Open. The zero value is fine: the real clock, no SQL log.
type Options struct {
	Now func() time.Time // the process clock; default time.Now
	// Logger gets queries slower than 200 ms at warn and failed queries at
	// debug; the SQL text only at debug. Nil: nothing is logged.
	Logger *slog.Logger
	// ReadOnly opens the database for reading only and runs no migration:
	// a SQLite file in mode=ro, PostgreSQL sessions with read-only
	// transactions. The schema must be this binary's (see SchemaError), so
	// a check like `import --dry-run` writes nothing at all.
	ReadOnly bool
	// ReviewKey keys the slots of anonymous check-up answers (see
	// review_answer.go). It never goes in the database. Empty: a random
	// key for the life of the process.
	ReviewKey []byte
}

// ErrBadDSN is a database address Ganshi cannot use; the CLI exits with
// status 2 on it.
var ErrBadDSN = errors.New("unsupported database address")

// schemeRE finds a URL scheme at the start of a DSN ("mysql://…").
var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)://`)

// CheckDSN refuses an address with a scheme other than postgres,
// postgresql or file: it would otherwise become a SQLite file named
// "mysql:/x/y" and the mistake would show only as an empty database.
func CheckDSN(dsn string) error {
	m := schemeRE.FindStringSubmatch(dsn)
	if m == nil {
		return nil
	}
	switch m[1] { // exactly as IsPostgresDSN and sqliteDSN spell them
	case "postgres", "postgresql", "file":
		return nil
	}
	return dsnError{texts.M("db_bad_scheme", m[1])}
}

// dsnError is ErrBadDSN saying which scheme, in words each edge renders
// in its reader's language (errors.As finds the texts.Msg).
type dsnError struct{ msg texts.Msg }

func (e dsnError) Error() string        { return e.msg.Error() }
func (e dsnError) Unwrap() error        { return e.msg }
func (e dsnError) Is(target error) bool { return target == ErrBadDSN }

// Open connects to dsn and applies every pending migration. A dsn starting
// with postgres:// or postgresql:// selects PostgreSQL; a plain path or
// file: URI is a SQLite file (an optional query is kept); any other scheme
// is refused with ErrBadDSN.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if err := CheckDSN(dsn); err != nil {
		return nil, err
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	cfg := &gorm.Config{
		NowFunc:                func() time.Time { return now().UTC() },
		TranslateError:         true,
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		// No PrepareStmt: GORM's statement cache makes a transaction wait
		// for a statement another goroutine is preparing outside it, which
		// waits for the one connection the transaction holds — a deadlock
		// with SQLite's single writer. The inbound path's statements are
		// prepared at open instead (hot.go).
	}
	if opts.Logger != nil {
		cfg.Logger = sqlLog{log: opts.Logger, since: time.Since}
	}
	var (
		db      *gorm.DB
		err     error
		dialect string
	)
	if IsPostgresDSN(dsn) {
		dialect = "postgres"
		db, err = gorm.Open(postgres.Open(postgresDSN(dsn, opts.ReadOnly)), cfg)
	} else {
		dialect = "sqlite"
		db, err = gorm.Open(sqlite.Open(sqliteDSN(dsn, opts.ReadOnly)), cfg)
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
	key := opts.ReviewKey
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key)
	}
	st := &Store{db: db, now: now, dialect: dialect, reviewKey: key, pooled: dialect == "postgres"}
	if err := st.Ping(ctx); err != nil {
		sqlDB.Close()
		return nil, redactDSN(err, dsn)
	}
	if opts.ReadOnly {
		err = st.checkSchema(ctx)
	} else {
		err = st.migrate(ctx)
	}
	if err != nil {
		sqlDB.Close()
		return nil, err
	}
	if !opts.ReadOnly {
		// After the migrations: the tables exist.
		if st.hot, err = prepareHot(ctx, sqlDB, dialect == "postgres"); err != nil {
			sqlDB.Close()
			return nil, err
		}
	}
	if dialect == "sqlite" && !opts.ReadOnly && !strings.Contains(dsn, ":memory:") && !strings.Contains(dsn, "mode=memory") {
		// Opened after the migrations: the file and its WAL exist.
		if st.read, err = openReadPool(dsn, cfg); err != nil {
			st.hot.close()
			sqlDB.Close()
			return nil, err
		}
	}
	return st, nil
}

// ReadPool is how many read-only connections a SQLite store keeps beside
// its writer (Store.Reads).
const ReadPool = 4

// openReadPool opens SQLite's read-only pool: mode=ro and query_only, so
// a write through it fails instead of competing with the writer. Each
// connection keeps a page cache of 512 KiB instead of SQLite's 2 MiB: the
// pages come from the OS's cache anyway, the county's digest at 100,000
// cadres is no slower, and the process peaks 1 MB lower after a digest
// (BenchmarkServeDigestRSS).
func openReadPool(dsn string, cfg *gorm.Config) (*gorm.DB, error) {
	rcfg := *cfg
	rdsn := sqliteDSN(dsn, true) + "&_query_only=true&_cache_size=-512"
	db, err := gorm.Open(sqlite.Open(rdsn), &rcfg)
	if err != nil {
		return nil, fmt.Errorf("open sqlite read pool: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open sqlite read pool: %w", err)
	}
	sqlDB.SetMaxOpenConns(ReadPool)
	sqlDB.SetMaxIdleConns(ReadPool)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqlDB.Ping(); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open sqlite read pool: %w", err)
	}
	return db, nil
}

// IsPostgresDSN tells whether dsn names a PostgreSQL database.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqliteDSN adds the pragmas DESIGN.md asks for to a file path. Read-only,
// the file is opened in mode=ro, the journal mode (a write) is left as it
// is, and transactions start deferred: an immediate one takes the write
// lock, which a read-only connection is refused.
func sqliteDSN(path string, readOnly bool) string {
	path = strings.TrimPrefix(path, "file:")
	q := url.Values{}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		q, _ = url.ParseQuery(path[i+1:])
		path = path[:i]
	}
	pragmas := map[string]string{
		"_journal_mode": "WAL",
		"_synchronous":  "NORMAL",
		"_busy_timeout": "10000",
		"_txlock":       "immediate",
		"_foreign_keys": "on",
	}
	if readOnly {
		delete(pragmas, "_journal_mode")
		pragmas["_txlock"] = "deferred"
		q.Set("mode", "ro")
	}
	for k, v := range pragmas {
		if q.Get(k) == "" {
			q.Set(k, v)
		}
	}
	return "file:" + path + "?" + q.Encode()
}

// postgresDSN makes every transaction of a read-only store read-only on
// the server too (pgx passes unknown URL parameters as session settings).
func postgresDSN(dsn string, readOnly bool) string {
	if !readOnly {
		return dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "default_transaction_read_only=on"
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
