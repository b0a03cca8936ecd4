package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestCheckDSN(t *testing.T) {
	for dsn, ok := range map[string]bool{
		"ganshi.db": true, "/var/lib/ganshi/ganshi.db": true, "file:ganshi.db?cache=shared": true,
		"file:///var/lib/ganshi.db": true, "postgres://u@h/db": true, "postgresql://u@h/db": true,
		"mysql://x/y": false, "sqlite://ganshi.db": false, "Postgres://u@h/db": false, "http://h/db": false,
	} {
		err := models.CheckDSN(dsn)
		if (err == nil) != ok || (err != nil && !errors.Is(err, models.ErrBadDSN)) {
			t.Errorf("CheckDSN(%q) = %v, want ok %v", dsn, err, ok)
		}
	}
	if _, err := models.Open(context.Background(), "mysql://x/y", models.Options{}); !errors.Is(err, models.ErrBadDSN) {
		t.Errorf("Open(mysql://x/y) = %v, want ErrBadDSN", err)
	}
}

// A read-only store reads, refuses every write, and runs no migration: on
// a database that is not at this binary's schema it says so instead.
func TestReadOnlyOpen(t *testing.T) {
	ctx := context.Background()
	dsns := map[string]func() string{"sqlite": func() string { return modelstest.SQLitePath(t) }}
	if modelstest.PostgresDSN() != "" {
		dsns["postgres"] = func() string { return modelstest.PostgresSchemaDSN(t) }
	}
	for name, fresh := range dsns {
		t.Run(name, func(t *testing.T) {
			dsn := fresh()
			if name == "postgres" { // an empty schema: nothing migrated yet
				if st, err := models.Open(ctx, dsn, models.Options{ReadOnly: true}); err == nil {
					st.Close()
					t.Fatal("read-only open of an empty schema succeeded, want a refusal")
				}
			}
			rw, err := models.Open(ctx, dsn, models.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rw.Close()
			ro, err := models.Open(ctx, dsn, models.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("read-only open: %v", err)
			}
			defer ro.Close()
			if v, err := ro.SchemaVersionNow(ctx); err != nil || v != models.LatestSchema() {
				t.Fatalf("schema = %d, %v; want %d", v, err, models.LatestSchema())
			}
			if _, err := ro.AcquireLease(ctx, "x", "me", time.Second); err == nil {
				t.Fatal("a read-only store wrote a lease")
			}
		})
	}
}

// A SQLite store reads through a pool of read-only connections beside its
// one writer: it sees what was committed, reads while a write transaction
// is open, and refuses to write.
func TestReadPool(t *testing.T) {
	st := modelstest.SQLite(t, modelstest.NewClock(modelstest.Start).Now)
	ctx := context.Background()
	rd := st.Reads()
	if rd == st {
		t.Fatal("a SQLite store has no read pool")
	}
	if err := st.PutKV(ctx, "k", "v1"); err != nil {
		t.Fatal(err)
	}
	err := st.Tx(ctx, func(tx *models.Store) error {
		if err := tx.PutKV(ctx, "k", "v2"); err != nil {
			return err
		}
		// The writer is held by this transaction; the pool still reads,
		// and sees the last committed value.
		got, err := rd.GetKV(ctx, "k")
		if err != nil || got != "v1" {
			t.Errorf("read beside an open write: %q, %v", got, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := rd.GetKV(ctx, "k"); got != "v2" {
		t.Errorf("after commit the pool reads %q", got)
	}
	if err := rd.PutKV(ctx, "k", "v3"); err == nil {
		t.Error("the read pool wrote")
	}
}
