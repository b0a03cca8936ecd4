package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// reportsView is what /reports shows for November: every row of the board
// and the per-unit tally.
func reportsView(t *testing.T, db string) ([]models.BoardRow, []models.ReportTally) {
	t.Helper()
	st := openDB(t, db)
	rows, err := st.Board(context.Background(), models.Period{Year: 2026, Month: time.November}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rows, models.Tally(rows)
}

// A backup taken while another connection keeps writing is one consistent
// instant of the database, and a fresh store on its restored copy answers
// /reports exactly as the original does.
func TestBackupWhileWritingThenRestore(t *testing.T) {
	getenv := monthEnv(t)
	db := getenv("GANSHI_DB")
	ctx := context.Background()
	wantRows, wantTally := reportsView(t, db)
	if len(wantRows) == 0 {
		t.Fatal("no board rows to compare")
	}

	// A writer beside the backup: audit entries, which /reports never shows.
	writer := openDB(t, db)
	stop, done := make(chan struct{}), make(chan int)
	started := make(chan struct{})
	go func() {
		n := 0
		for {
			if err := writer.Audit(ctx, nil, "test.write", "backup", fmt.Sprint(n)); err != nil {
				t.Error(err)
			}
			if n++; n == 1 {
				close(started)
			}
			select {
			case <-stop:
				done <- n
				return
			default:
			}
		}
	}()
	<-started
	dir := t.TempDir()
	copyPath := filepath.Join(dir, "ganshi-backup.db")
	out, _, err := ganshi(getenv, "backup", copyPath)
	close(stop)
	written := <-done
	if err != nil || !strings.Contains(out, "wrote "+copyPath) {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if fi, err := os.Stat(copyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v, %v; want it readable by its owner only", fi, err)
	}

	restored := filepath.Join(dir, "restored.db")
	out, _, err = ganshi(env("GANSHI_DB", restored), "restore", copyPath)
	if err != nil || !strings.Contains(out, "restored") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	gotRows, gotTally := reportsView(t, restored)
	if !reflect.DeepEqual(wantRows, gotRows) {
		t.Errorf("/reports board differs after restore:\n%+v\nbecame\n%+v", wantRows, gotRows)
	}
	if !reflect.DeepEqual(wantTally, gotTally) {
		t.Errorf("/reports tally differs after restore:\n%+v\nbecame\n%+v", wantTally, gotTally)
	}
	// One instant: the copy holds a prefix of the writes, numbered without gaps.
	var seq []string
	openDB(t, restored).DB().Model(&models.AuditEntry{}).Where("action = ?", "test.write").Order("id").Pluck("detail", &seq)
	for i, s := range seq {
		if s != fmt.Sprint(i) {
			t.Fatalf("restored writes %v…: not a prefix of what was written", seq[:i+1])
		}
	}
	if len(seq) == 0 || len(seq) > written {
		t.Errorf("the copy holds %d of %d writes", len(seq), written)
	}
	t.Logf("%d writes ran beside the backup; the copy holds the first %d", written, len(seq))
}

// backupOf makes a backup of a fresh migrated database and returns it.
func backupOf(t *testing.T) (getenv func(string) string, backup string) {
	t.Helper()
	getenv, db := rosterEnv(t)
	if _, _, err := ganshi(getenv, "import", exampleRoster); err != nil {
		t.Fatal(err)
	}
	backup = filepath.Join(t.TempDir(), "b.db")
	if _, _, err := ganshi(env("GANSHI_DB", db), "backup", backup); err != nil {
		t.Fatal(err)
	}
	return getenv, backup
}

func TestBackupRefusals(t *testing.T) {
	getenv, backup := backupOf(t)
	var ue usageError
	if _, _, err := ganshi(getenv, "backup", backup); !errors.As(err, &ue) || !strings.Contains(err.Error(), "--force") {
		t.Errorf("backup over an existing file: %v, want a refusal naming --force", err)
	}
	if out, _, err := ganshi(getenv, "backup", "--force", backup); err != nil || !strings.Contains(out, "wrote") {
		t.Errorf("backup --force: %v", err)
	}
	missing := env("GANSHI_DB", filepath.Join(t.TempDir(), "typo.db"))
	if _, _, err := ganshi(missing, "backup", filepath.Join(t.TempDir(), "x.db")); !errors.As(err, &ue) {
		t.Errorf("backup of a missing database: %v, want a usage error", err)
	}
	pg := env("GANSHI_DB", "postgres://ganshi:s3cret@db.example/ganshi?sslmode=require&search_path=county")
	out, _, err := ganshi(pg, "backup", "/backups/ganshi.dump")
	want := "pg_dump --format=custom --file=/backups/ganshi.dump --schema=county --dbname='postgres://ganshi@db.example/ganshi?sslmode=require'"
	if !errors.As(err, &ue) || !strings.Contains(out, want) || strings.Contains(out+err.Error(), "s3cret") {
		t.Errorf("backup on PostgreSQL: %v\n%s\nwant the command %s, without the password", err, out, want)
	}
	if out, _, err := ganshi(pg, "restore", "/backups/ganshi.dump"); !errors.As(err, &ue) || !strings.Contains(out, "pg_restore --clean") {
		t.Errorf("restore on PostgreSQL: %v\n%s", err, out)
	}
}

// restore refuses a database a live serve uses, a backup newer than this
// binary and an existing database without --force; it upgrades an older
// backup and keeps the database it replaces.
func TestRestoreRefusalsAndUpgrade(t *testing.T) {
	getenv, backup := backupOf(t)
	ctx := context.Background()
	db := getenv("GANSHI_DB")
	var ue usageError

	live := openDB(t, db)
	me := models.NewHolder() // this test process: alive, on this host
	if ok, err := live.AcquireLease(ctx, "telegram-sender", me, 30*time.Second); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if _, _, err := ganshi(getenv, "restore", "--force", backup); !errors.As(err, &ue) || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("restore over a live database: %v, want a refusal", err)
	}
	if err := live.ReleaseLease(ctx, "telegram-sender", me); err != nil {
		t.Fatal(err)
	}
	live.Close()
	if _, _, err := ganshi(getenv, "restore", backup); !errors.As(err, &ue) || !strings.Contains(err.Error(), "--force") {
		t.Errorf("restore over an existing database without --force: %v", err)
	}

	newer := copyFile(t, backup)
	bumpSchema(t, newer, func(st *models.Store) error {
		return st.DB().Create(&models.SchemaVersion{Version: models.LatestSchema() + 1, Name: "from the future"}).Error
	})
	if _, _, err := ganshi(getenv, "restore", "--force", newer); !errors.As(err, &ue) || !strings.Contains(err.Error(), "newer") {
		t.Errorf("restore of a newer backup: %v, want a refusal", err)
	}

	// An older backup: its latest migration not recorded yet. (Migrations
	// are written to run once on a database that lacks them; running the
	// latest again over its own tables is what an upgrade does too.)
	older := copyFile(t, backup)
	bumpSchema(t, older, func(st *models.Store) error {
		return st.DB().Where("version = ?", models.LatestSchema()).Delete(&models.SchemaVersion{}).Error
	})
	out, _, err := ganshi(getenv, "restore", "--force", older)
	if err != nil || !strings.Contains(out, fmt.Sprintf("upgraded to %d", models.LatestSchema())) || !strings.Contains(out, "before-restore") {
		t.Fatalf("restore of an older backup: %v\n%s", err, out)
	}
	if v, err := openDB(t, db).SchemaVersionNow(ctx); err != nil || v != models.LatestSchema() {
		t.Errorf("restored schema = %d, %v", v, err)
	}
	if _, err := os.Stat(db + ".before-restore"); err != nil {
		t.Errorf("the replaced database was not kept: %v", err)
	}
}

func copyFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// bumpSchema edits a database file's schema record directly.
func bumpSchema(t *testing.T, path string, edit func(*models.Store) error) {
	t.Helper()
	st, err := models.Open(context.Background(), path, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := edit(st); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}
