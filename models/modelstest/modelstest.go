// Package modelstest gives tests a fresh, migrated database and a clock
// they control. SQLite always; PostgreSQL too when GANSHI_TEST_POSTGRES
// holds a DSN, each test in a schema of its own.
package modelstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Clock is a settable clock safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Start is the fixed instant tests begin at: Monday 2026-11-02 09:00 in Shanghai.
var Start = time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)

// PostgresDSN is the DSN from GANSHI_TEST_POSTGRES, or "".
func PostgresDSN() string { return os.Getenv("GANSHI_TEST_POSTGRES") }

// Each runs fn once on SQLite and once on PostgreSQL when configured.
func Each(t *testing.T, fn func(t *testing.T, st *models.Store, clock *Clock)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		clock := NewClock(Start)
		fn(t, SQLite(t, clock.Now), clock)
	})
	if PostgresDSN() == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) {
		clock := NewClock(Start)
		fn(t, Postgres(t, clock.Now), clock)
	})
}

// EachDSN runs fn with the path of a new SQLite file and, when
// GANSHI_TEST_POSTGRES is set, the DSN of a new PostgreSQL schema: for
// tests that close a database and open it again.
func EachDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLitePath(t)) })
	if PostgresDSN() != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, PostgresSchemaDSN(t)) })
	}
}

// Open opens (and migrates) the database at dsn, closed when the test
// ends if the test has not closed it.
func Open(t testing.TB, dsn string, now func() time.Time) *models.Store {
	t.Helper()
	return open(t, dsn, now)
}

// SQLite opens a fresh database file in the test's temporary directory.
func SQLite(t testing.TB, now func() time.Time) *models.Store {
	t.Helper()
	return open(t, SQLitePath(t), now)
}

// SQLitePath returns a new database path inside the test's temp dir.
func SQLitePath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "ganshi.db")
}

// Postgres opens a fresh schema on GANSHI_TEST_POSTGRES, dropped after the
// test. It fails the test when the variable is unset.
func Postgres(t testing.TB, now func() time.Time) *models.Store {
	t.Helper()
	dsn := PostgresSchemaDSN(t)
	return open(t, dsn, now)
}

// PostgresSchemaDSN creates a new empty schema and returns a DSN that uses
// it, for tests that start processes of their own.
func PostgresSchemaDSN(t testing.TB) string {
	t.Helper()
	base := PostgresDSN()
	if base == "" {
		t.Fatal("GANSHI_TEST_POSTGRES is not set")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("connect to postgres: %v", err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		if db, err := admin.DB(); err == nil {
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse GANSHI_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, dsn string, now func() time.Time) *models.Store {
	t.Helper()
	st, err := models.Open(context.Background(), dsn, models.Options{Now: now})
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
