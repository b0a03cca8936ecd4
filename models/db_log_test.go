package models_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// records keeps what was logged, by level and attribute.
type records struct {
	mu    sync.Mutex
	level slog.Level
	got   []slog.Record
}

func (r *records) Enabled(_ context.Context, l slog.Level) bool { return l >= r.level }
func (r *records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, rec)
	return nil
}
func (r *records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *records) WithGroup(string) slog.Handler      { return r }

// one returns the only record, with its attributes by key.
func (r *records) one(t *testing.T) (slog.Level, map[string]string) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.got) != 1 {
		t.Fatalf("%d records, want 1: %v", len(r.got), r.got)
	}
	attrs := map[string]string{}
	r.got[0].Attrs(func(a slog.Attr) bool {
		attrs[a.Key] = a.Value.String()
		return true
	})
	return r.got[0].Level, attrs
}

func (r *records) none(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.got) != 0 {
		t.Errorf("logged %v, want nothing", r.got)
	}
}

// A slow query is a warning that says where it ran and how long it took;
// its SQL, which can hold people's names, only at debug. A quick one, and
// a row not found, are not logged.
func TestSlowQueriesAreLogged(t *testing.T) {
	st := modelstest.SQLite(t, time.Now)
	query := func(level slog.Level, took time.Duration, sql string) *records {
		r := &records{level: level}
		db := st.DB().Session(&gorm.Session{Logger: models.SQLLogTaking(slog.New(r), took)})
		var n int
		db.Raw(sql).Scan(&n)
		return r
	}
	lvl, attrs := query(slog.LevelInfo, 300*time.Millisecond, "SELECT 1").one(t)
	if lvl != slog.LevelWarn || !strings.Contains(attrs["source"], "db_log_test.go") || attrs["elapsed"] != "300ms" || attrs["sql"] != "" {
		t.Errorf("slow query at info: %v %v", lvl, attrs)
	}
	if _, attrs := query(slog.LevelDebug, 300*time.Millisecond, "SELECT 1").one(t); attrs["sql"] != "SELECT 1" {
		t.Errorf("slow query at debug: %v", attrs)
	}
	query(slog.LevelDebug, 200*time.Millisecond, "SELECT 1").none(t)

	r := &records{level: slog.LevelDebug}
	var sc models.Schedule
	st.DB().Session(&gorm.Session{Logger: models.SQLLogTaking(slog.New(r), time.Millisecond)}).Where("name = ?", "none").Take(&sc)
	r.none(t)
}

// A failed query is logged at debug only: the caller gets the error and
// decides. Open wires the logger it is given.
func TestFailedQueriesAtDebug(t *testing.T) {
	for _, level := range []slog.Level{slog.LevelDebug, slog.LevelInfo} {
		r := &records{level: level}
		st, err := models.Open(context.Background(), modelstest.SQLitePath(t), models.Options{Logger: slog.New(r)})
		if err != nil {
			t.Fatal(err)
		}
		r.got = nil // migrations may have logged
		err = st.DB().Exec("SELECT * FROM no_such_table").Error
		st.Close()
		if err == nil {
			t.Fatal("a query on a missing table succeeded")
		}
		if level == slog.LevelInfo {
			r.none(t)
			continue
		}
		lvl, attrs := r.one(t)
		if lvl != slog.LevelDebug || !strings.Contains(attrs["error"], "no_such_table") || attrs["sql"] != "SELECT * FROM no_such_table" {
			t.Errorf("failed query: %v %v", lvl, attrs)
		}
	}
}

// The inbound path's plain statements (hot.go) reach the SQL log as
// GORM's do: a failed one at debug, with its text; a missing row is no
// failure.
func TestInboundStatementsAreLogged(t *testing.T) {
	r := &records{level: slog.LevelDebug}
	st, err := models.Open(context.Background(), modelstest.SQLitePath(t), models.Options{Logger: slog.New(r)})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r.got = nil // migrations may have logged
	if err := st.ClaimUpdate(context.Background(), 42); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("claim of a missing update: %v", err)
	}
	r.none(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := st.FinishUpdate(ctx, 42, models.InboxDone, ""); err == nil {
		t.Fatal("a statement ran on a cancelled context")
	}
	lvl, attrs := r.one(t)
	if lvl != slog.LevelDebug || !strings.Contains(attrs["error"], "context canceled") || !strings.HasPrefix(attrs["sql"], "UPDATE inbox_updates") {
		t.Errorf("failed inbound statement: %v %v", lvl, attrs)
	}
}
