package main

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// monthEnv is examples/roster.csv with November 2026 under way: 陈晓燕
// signed by 张建国, 刘志强 submitted, 杨帆 exempt, the rest not started.
func monthEnv(t *testing.T) func(string) string {
	t.Helper()
	getenv, db := imported(t, "GANSHI_TZ", "Asia/Shanghai")
	ctx := context.Background()
	at := time.Date(2026, 11, 27, 2, 30, 0, 0, time.UTC) // 10:30 in Shanghai
	st, err := models.Open(ctx, db, models.Options{Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	nov := models.Period{Year: 2026, Month: time.November}
	cadre := func(ext string) models.Cadre {
		c, err := st.CadreByExternalID(ctx, ext)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	submit := func(ext string) models.Report {
		rep, err := st.OpenReport(ctx, cadre(ext), nov, at.Add(72*time.Hour))
		for _, add := range []struct{ section, text string }{{models.SectionAchievement, "完成征收 35 户"}, {models.SectionPlan, "完成签约"}} {
			if err == nil {
				_, err = st.AddItems(ctx, rep.ID, add.section, []models.NewItem{{Text: add.text}})
			}
		}
		if err == nil {
			rep, err = st.Submit(ctx, rep.ID, rep.CadreID)
		}
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if _, err := st.Sign(ctx, submit("GS0003").ID, 0, cadre("GS0001").ID); err != nil {
		t.Fatal(err)
	}
	submit("GS0002")
	if err := st.Exempt(ctx, cadre("GS0004").ID, nov, "脱产培训", cadre("GS0001").ID); err != nil {
		t.Fatal(err)
	}
	return getenv
}

// ganshiExport runs `ganshi export …` through run once the subcommand is
// registered there, and runExport directly until then.
func ganshiExport(t *testing.T, getenv func(string) string, args ...string) (string, error) {
	t.Helper()
	for _, c := range commands() {
		if c.name == "export" {
			out, _, err := ganshi(getenv, append([]string{"export"}, args...)...)
			return out, err
		}
	}
	t.Log("export is not registered in commands() yet: calling runExport directly")
	var out, errOut strings.Builder
	err := runExport(context.Background(), args, getenv, &out, &errOut)
	return out.String(), err
}

func TestExportReportsXLSX(t *testing.T) {
	getenv := monthEnv(t)
	file := filepath.Join(t.TempDir(), "月度实绩.xlsx")
	out, err := ganshiExport(t, getenv, "reports", "--month", "2026-11", "--xlsx", file)
	if err != nil {
		t.Fatal(err)
	}
	want := "wrote " + file + ": 4 units, 13 cadres (signed 1, submitted 2, missing 10, exempt 1)\n"
	if out != want {
		t.Errorf("summary = %q\nwant      %q", out, want)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 5 || sheets[0] != "汇总" {
		t.Fatalf("sheets = %q", sheets)
	}
	rows, _ := f.GetRows("城关镇")
	found := false
	for _, r := range rows {
		found = found || strings.Join(r, "|") == "陈晓燕|副镇长|分管城建、征收、环境整治|1. 完成征收 35 户|35户|1. 完成签约|已签字|张建国|2026-11-27 10:30"
	}
	if !found {
		t.Errorf("城关镇 lacks 陈晓燕's signed report:\n%q", rows)
	}
	st := openDB(t, getenv("GANSHI_DB"))
	if es, err := st.AuditEntries(context.Background(), "export.reports", 5); err != nil || len(es) != 1 || es[0].Target != "2026-11 all units" {
		t.Errorf("audit = %+v, %v", es, err)
	}
}

func TestExportReportsCSVOneUnit(t *testing.T) {
	getenv := monthEnv(t)
	file := filepath.Join(t.TempDir(), "城关镇.csv")
	out, err := ganshiExport(t, getenv, "reports", "--csv", file, "--unit", "城关镇", "--month", "2026/11")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out, ": 1 units, 4 cadres (signed 1, submitted 2, missing 1, exempt 1)\n") {
		t.Errorf("summary = %q", out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 5 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	for _, r := range recs[1:] {
		if r[4] == "杨帆" && (r[7] != "免报" || r[13] != "脱产培训") {
			t.Errorf("exempt row = %q", r)
		}
	}
}

func TestExportUsageErrors(t *testing.T) {
	getenv := monthEnv(t)
	dir := t.TempDir()
	x, c := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "a.csv")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no kind", nil, "export reports --month"},
		{"talks", []string{"talks"}, "--from and --to are required"},
		{"unknown kind", []string{"cadres"}, "known: reports"},
		{"no format", []string{"reports", "--month", "2026-11"}, "exactly one of --xlsx FILE or --csv FILE"},
		{"both formats", []string{"reports", "--month", "2026-11", "--xlsx", x, "--csv", c}, "exactly one of"},
		{"no month", []string{"reports", "--xlsx", x}, "--month 2026-11"},
		{"bad month", []string{"reports", "--month", "2026-13", "--xlsx", x}, "write it like 2026-11"},
		{"bad zone", []string{"reports", "--month", "2026-11", "--xlsx", x, "--tz", "Mars/Base"}, "Mars/Base"},
		{"stray argument", []string{"reports", "城关镇", "--month", "2026-11", "--xlsx", x}, "--unit"},
		{"unknown unit", []string{"reports", "--month", "2026-11", "--xlsx", x, "--unit", "城关"}, "did you mean: 城关镇?"},
		{"far unit", []string{"reports", "--month", "2026-11", "--xlsx", x, "--unit", "某某某某某某局"}, "leave out --unit"},
		{"no database", []string{"reports", "--month", "2026-11", "--xlsx", x, "--db", filepath.Join(dir, "none.db")}, "no database at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ganshiExport(t, getenv, tt.args...)
			var ue usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a usage error saying %q", err, tt.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed exports left files: %v", entries)
	}
}
