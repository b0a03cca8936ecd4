package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
)

// ErrNotFound is returned when a row asked for does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule or a
// state change is not allowed from the current state.
var ErrConflict = errors.New("conflict")

// Store is the only way the rest of Ganshi reads and writes the database.
// A Store obtained from Tx is bound to that transaction.
type Store struct {
	db      *gorm.DB
	read    *gorm.DB // SQLite: the read-only pool beside the one writer; nil: read through db
	now     func() time.Time
	dialect string
	// pooled: db is a pool of connections outside any transaction (the
	// read pool, PostgreSQL), so independent reads may run side by side.
	pooled bool
	hot    hotStmts // the writer's prepared statements (hot.go); nil on the read pool
	// reviewKey keys anonymous ballots' slots; never stored (review_answer.go).
	reviewKey []byte
}

// Reads is the store for queries that write nothing: on SQLite a small
// pool of read-only connections beside the one writer connection (WAL
// lets them read while it writes), so a long read — the county's digest —
// never holds the writer and every reply waits for nothing. Each reader
// sees the last committed state, not a transaction's own writes: inside
// Tx, read through the transaction's store. On PostgreSQL, and for a
// read-only store, it is the store itself.
func (s *Store) Reads() *Store {
	if s.read == nil {
		return s
	}
	return &Store{db: s.read, now: s.now, dialect: s.dialect, reviewKey: s.reviewKey, pooled: true}
}

// sideBySide runs independent reads at once, each on a connection of its
// own, when the store reads through a pool; one after another inside a
// transaction or on SQLite's one writer. It returns the first error.
func (s *Store) sideBySide(reads ...func() error) error {
	if !s.pooled {
		for _, read := range reads {
			if err := read(); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, len(reads))
	panics := make([]any, len(reads))
	var wg sync.WaitGroup
	for i, read := range reads {
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			errs[i] = read()
		})
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p) // in the caller's goroutine, where its recover is
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// DB exposes the underlying handle for tests and benchmarks that need raw SQL.
func (s *Store) DB() *gorm.DB { return s.db }

// Now is the store's clock, in UTC.
func (s *Store) Now() time.Time { return s.now().UTC() }

// IsPostgres tells whether the store runs on PostgreSQL.
func (s *Store) IsPostgres() bool { return s.dialect == "postgres" }

// ErrTxLost means the database ended a transaction under a savepoint: none
// of its writes stand, and the caller must stop and let the transaction
// fail rather than write on.
var ErrTxLost = errors.New("the transaction was rolled back by the database")

// Tx runs fn in one transaction; fn's Store writes through that transaction.
// Inside a transaction it runs fn in a savepoint: an error or a panic
// undoes fn's writes alone and the transaction goes on.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	if _, nested := s.db.Statement.ConnPool.(*sql.Tx); nested {
		return s.savepoint(ctx, fn)
	}
	return s.db.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		return fn(&Store{db: g, read: s.read, now: s.now, dialect: s.dialect, reviewKey: s.reviewKey, hot: s.hot})
	})
}

// savepoint runs fn in a savepoint of the store's transaction and
// releases it when fn is done, so savepoints never pile up in a long
// transaction (GORM's nested transactions keep each until the commit, with
// a new name each, so that each was compiled anew). Savepoints of one name
// nest: ROLLBACK TO and RELEASE act on the innermost.
func (s *Store) savepoint(ctx context.Context, fn func(tx *Store) error) (err error) {
	if _, err := s.hotExec(ctx, sqlSavepoint); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	done := false
	defer func() {
		if done && err == nil {
			return
		}
		// Undone even when ctx was cancelled, and on a panic before it
		// goes on up.
		bg := context.WithoutCancel(ctx)
		if _, rerr := s.hotExec(bg, sqlRollbackTo); rerr != nil {
			// The database rolled the whole transaction back (SQLite does
			// on a full disk or an I/O error): nothing of it stands, and
			// what runs next would commit on its own.
			err = errors.Join(err, fmt.Errorf("%w: roll back to savepoint: %w", ErrTxLost, rerr))
		} else if _, rerr := s.hotExec(bg, sqlRelease); rerr != nil {
			err = errors.Join(err, fmt.Errorf("release savepoint: %w", rerr))
		}
	}()
	err = fn(s)
	done = true
	if err == nil {
		if _, err = s.hotExec(ctx, sqlRelease); err != nil {
			err = fmt.Errorf("release savepoint: %w", err)
		}
	}
	return err
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// Close closes the database handle and the read pool.
func (s *Store) Close() error {
	s.hot.close()
	if s.read != nil {
		if rdb, err := s.read.DB(); err == nil {
			rdb.Close()
		}
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return sqlDB.Close()
}

func (s *Store) with(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// translate maps GORM's errors to ours.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ErrNotFound
	case errors.Is(err, gorm.ErrDuplicatedKey), errors.Is(err, gorm.ErrForeignKeyViolated):
		return fmt.Errorf("%w: %v", ErrConflict, err)
	}
	return err
}
