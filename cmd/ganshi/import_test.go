package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

const exampleRoster = "../../examples/roster.csv"

// rosterEnv is an environment whose database is a fresh file in a
// temporary directory. It speaks English: the tests built on it check
// what the commands do (lang_test.go checks that they say it in Chinese
// by default); kv may set GANSHI_LANG back.
func rosterEnv(t *testing.T, kv ...string) (getenv func(string) string, dbPath string) {
	t.Helper()
	dbPath = filepath.Join(t.TempDir(), "ganshi.db")
	m := map[string]string{"GANSHI_DB": dbPath, "GANSHI_LANG": "en"}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }, dbPath
}

func ganshi(getenv func(string) string, args ...string) (stdout, stderr string, err error) {
	var out, errOut strings.Builder
	err = run(context.Background(), args, getenv, &out, &errOut)
	return out.String(), errOut.String(), err
}

func openDB(t *testing.T, path string) *models.Store {
	t.Helper()
	st, err := models.Open(context.Background(), path, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The summary is in Chinese by default, per unit and in total; a
// re-import in English says what it did the same way.
func TestImportPrintsSummary(t *testing.T) {
	getenv, db := rosterEnv(t)
	out, errOut, err := ganshi(withLang(getenv, "zh"), "import", exampleRoster)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	for _, want := range []string{"roster.csv：已导入14行。", "城关镇", "县发改局", "（无单位）", "单位：新增4个，变更0个"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if f := strings.Fields(lineWith(out, "合计")); len(f) != 5 || f[1] != "14" || f[3] != "0" {
		t.Errorf("total line = %q", lineWith(out, "合计"))
	}
	// The GBK copy is the same roster: nothing changes, flags may follow the file.
	out, errOut, err = ganshi(getenv, "import", "../../examples/roster-gbk.csv", "--deactivate-missing")
	if err != nil {
		t.Fatalf("import gbk: %v\n%s", err, errOut)
	}
	for _, want := range []string{"roster-gbk.csv: 14 rows imported.", "(no unit)", "units: 0 added, 0 changed"} {
		if !strings.Contains(out, want) {
			t.Errorf("English summary lacks %q:\n%s", want, out)
		}
	}
	if f := strings.Fields(lineWith(out, "total")); len(f) != 5 || f[1] != "0" || f[3] != "14" {
		t.Errorf("re-import total = %q, want 14 unchanged", lineWith(out, "total"))
	}
	st := openDB(t, db)
	if es, _ := st.AuditEntries(context.Background(), "roster.import", 10); len(es) != 2 || es[1].Target != "roster.csv" {
		t.Fatalf("audit = %+v", es)
	}
}

// A dry run writes nothing: a missing database file is not created (the
// file is compared with an empty roster), and an existing one is left
// byte for byte as it was, with nothing in its write-ahead log. (SQLite
// makes a reader's -shm index and an empty -wal beside a WAL database, as
// for any reader; they hold no data.)
func TestImportDryRunWritesNothing(t *testing.T) {
	getenv, db := rosterEnv(t)
	out, _, err := ganshi(getenv, "import", "--dry-run", exampleRoster)
	if err != nil || !strings.Contains(out, "Dry run: nothing was written") || !strings.Contains(lineWith(out, "total"), "14") ||
		!strings.Contains(out, "comparing with an empty roster") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if entries, _ := os.ReadDir(filepath.Dir(db)); len(entries) != 0 {
		t.Fatalf("dry run created %v", entries)
	}

	roster := writeFile(t, "two.csv", "单位,单位类型,类别,姓名,职务,分工,角色,工号\n城关镇,乡镇,乡镇一类,张建国,党委书记,,主要负责同志,GS0001\n")
	if _, errOut, err := ganshi(getenv, "import", roster); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	before := dbSnapshot(t, db)
	out, _, err = ganshi(getenv, "import", "--dry-run", exampleRoster)
	if err != nil || !strings.Contains(out, "Dry run") || strings.Contains(out, "empty roster") {
		t.Fatalf("dry run on a database: %v\n%s", err, out)
	}
	if f := strings.Fields(lineWith(out, "total")); len(f) != 5 || f[1] != "13" {
		t.Errorf("dry run total = %q, want 13 added", lineWith(out, "total"))
	}
	if after := dbSnapshot(t, db); after != before {
		t.Errorf("dry run changed the database: %s became %s", before, after)
	}
}

// dbSnapshot is a hash of a SQLite file and the size of its write-ahead log.
func dbSnapshot(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wal int64
	if fi, err := os.Stat(path + "-wal"); err == nil {
		wal = fi.Size()
	}
	return fmt.Sprintf("%x+wal %d bytes", sha256.Sum256(data), wal)
}

// An address with another database's scheme is refused, not taken for a
// SQLite file name.
func TestUnknownDatabaseSchemeIsRefused(t *testing.T) {
	roster := exampleRosterAbs(t)
	dir := t.TempDir()
	t.Chdir(dir) // where a SQLite file named after the address would appear
	for _, args := range [][]string{
		{"import", "--dry-run", roster},
		{"import", roster},
		{"schedule", "list"},
		{"backup", filepath.Join(dir, "copy.db")},
	} {
		_, _, err := ganshi(env("GANSHI_DB", "mysql://x/y"), args...)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "mysql://") {
			t.Errorf("%v with mysql://x/y: %v, want a usage error naming the scheme", args, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused address left files: %v", entries)
	}
	if _, err := parseServeConfig(nil, env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_DB", "sqlserver://db/x"), io.Discard); err == nil ||
		!strings.Contains(err.Error(), "GANSHI_DB") {
		t.Errorf("serve accepted sqlserver://: %v", err)
	}
}

func exampleRosterAbs(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(exampleRoster)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportBadFileListsProblemsAndChangesNothing(t *testing.T) {
	getenv, db := rosterEnv(t)
	if _, errOut, err := ganshi(getenv, "import", exampleRoster); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	bad := writeFile(t, "bad.csv", strings.Join([]string{
		"单位,单位类型,类别,姓名,职务,分工,角色,工号",
		"城关镇,乡镇,乡镇一类,张建国,镇长,主持全面工作,主要负责同志,GS0001", // a change that must not be written
		"城关镇,乡镇,乡镇一类,,副镇长,,干部,GS0002",
		"城关镇,乡镇,乡镇一类,王五,副镇长,,主要负责同志,GS0001",
		"新区,新区,,赵六,副主任,,干部,GS0500",
	}, "\n"))
	_, errOut, err := ganshi(getenv, "import", bad, "--deactivate-missing")
	var ue usageError
	if err == nil || errors.As(err, &ue) || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("bad file: %v, want a plain error (exit 1)", err)
	}
	for _, want := range []string{"line 3: 姓名 (name) is empty", "line 4: 工号 (external_id) GS0001 is also on line 2",
		"line 4: 城关镇 has two leaders", "line 5: unknown 单位类型 (unit_kind) \"新区\""} {
		if !strings.Contains(errOut, want) {
			t.Errorf("errors lack %q:\n%s", want, errOut)
		}
	}
	// The same problems, as a Chinese administrator reads them by default.
	_, errOut, err = ganshi(withLang(getenv, "zh"), "import", bad)
	if err == nil || !strings.Contains(err.Error(), "一条也没有导入") {
		t.Fatalf("bad file in Chinese: %v", err)
	}
	for _, want := range []string{"第3行：姓名为空，请补填", "第4行：工号GS0001与第2行重复",
		"第4行：城关镇有两位主要负责同志：本行的王五和第2行的张建国", "第5行：单位类型“新区”无法识别，请改为以下之一：乡镇/镇/"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("Chinese errors lack %q:\n%s", want, errOut)
		}
	}
	st := openDB(t, db)
	c, err := st.CadreByExternalID(context.Background(), "GS0001")
	if err != nil || c.Position != "党委书记" || !c.Active {
		t.Fatalf("GS0001 = %+v, %v; want it untouched", c, err)
	}
	if c, err := st.CadreByExternalID(context.Background(), "GS0013"); err != nil || !c.Active {
		t.Fatalf("GS0013 deactivated by a refused import: %+v, %v", c, err)
	}
}

func TestImportUsageErrors(t *testing.T) {
	getenv, _ := rosterEnv(t)
	for name, args := range map[string][]string{
		"no file":          {"import"},
		"two files":        {"import", exampleRoster, exampleRoster},
		"unknown encoding": {"import", "--encoding", "latin1", exampleRoster},
		"old excel":        {"import", writeFile(t, "roster.xls", "x")},
		"unknown flag":     {"import", "--force", exampleRoster},
	} {
		var ue usageError
		if _, _, err := ganshi(getenv, args...); !errors.As(err, &ue) {
			t.Errorf("%s: %v, want a usage error", name, err)
		}
	}
	if _, _, err := ganshi(getenv, "import", filepath.Join(t.TempDir(), "missing.csv")); err == nil {
		t.Error("missing file accepted")
	}
	if _, _, err := ganshi(getenv, "import", "--help"); err != nil {
		t.Errorf("--help: %v", err)
	}
}

func lineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
