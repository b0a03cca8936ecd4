package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// The situations are imported from the sample file; a case decided
// 容错免责 and a cadre's leave go out in the department's workbooks, and
// the register's export is audited as a read of each case.
func TestCareAndToleranceExports(t *testing.T) {
	getenv, db := imported(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("1,情形一\n2,\n"), 0o600)
	if _, errOut, err := ganshi(getenv, "tolerance", "situations", "import", bad); err == nil || !strings.Contains(err.Error()+errOut, "line 2") {
		t.Errorf("a situation without text: %v %s", err, errOut)
	}
	out, errOut, err := ganshi(getenv, "tolerance", "situations", "import", "../../examples/tolerance-situations.csv")
	if err != nil || !strings.Contains(out, "18") {
		t.Fatalf("import situations: %v %s %s", err, out, errOut)
	}
	if out, errOut, err := ganshi(getenv, "care", "leave", "import", "../../examples/leave.csv"); err != nil || !strings.Contains(out, "2") {
		t.Fatalf("import leave: %v %s %s", err, out, errOut)
	}
	again := filepath.Join(dir, "again.csv")
	os.WriteFile(again, []byte("GS0002,2026-12-01,2026-12-01\nGS0003,2026-03-06,2026-03-09\n"), 0o600)
	if _, errOut, err := ganshi(getenv, "care", "leave", "import", again); err == nil || !strings.Contains(err.Error()+errOut, "line 2") {
		t.Errorf("an overlapping line: %v %s", err, errOut)
	}
	ctx := context.Background()
	st, err := models.Open(ctx, db, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	chen, _ := st.CadreByExternalID(ctx, "GS0003")
	c, err := st.OpenCase(ctx, nil, models.NewCase{CadreID: chen.ID, Matter: "征收先行先试出现延误", Codes: []string{"1", "3"}, Applicant: models.ApplicantUnit, AppliedOn: "2026-11-02"})
	noErr(t, err)
	_, err = st.AdvanceCase(ctx, nil, c.ID, models.StepVerify, "2026-11-04")
	noErr(t, err)
	_, err = st.DecideCase(ctx, nil, c.ID, models.DecisionExempt, "为公失误", "2026-11-05")
	noErr(t, err)
	_, err = st.AddMeasure(ctx, nil, c.ID, chen.ID, "2026-12-15", "完善协议条款")
	noErr(t, err)
	noErr(t, st.SetLeaveOverride(ctx, nil, chen.ID, 2026, 10))
	_, err = st.AddLeave(ctx, chen.ID, chen.ID, "2026-11-02", "2026-11-04", nil)
	noErr(t, err)
	st.Close()

	tol := filepath.Join(dir, "tol.xlsx")
	if out, errOut, err := ganshi(getenv, "export", "tolerance", "--xlsx", tol); err != nil || !strings.Contains(out, " 1 ") {
		t.Fatalf("export tolerance: %v %s %s", err, out, errOut)
	}
	row := xlsxRow(t, tol, "容错纠错台账", 3)
	for _, want := range []string{"陈晓燕", "征收先行先试出现延误", "1,3", "单位", "2026-11-04", "容错免责", "为公失误", "完善协议条款（责任人陈晓燕，期限2026-12-15，未完成）"} {
		if !strings.Contains(strings.Join(row, "|"), want) {
			t.Errorf("tolerance row lacks %q: %q", want, row)
		}
	}
	care := filepath.Join(dir, "care.xlsx")
	if out, errOut, err := ganshi(getenv, "export", "care", "--year", "2026", "--xlsx", care); err != nil {
		t.Fatalf("export care: %v %s %s", err, out, errOut)
	}
	f, err := excelize.OpenFile(care)
	noErr(t, err)
	rows, _ := f.GetRows("关心关爱")
	f.Close()
	found := false
	for _, r := range rows {
		if len(r) > 7 && r[1] == "陈晓燕" {
			found = true
			if r[3] != "10" || r[4] != "5" || r[5] != "3" || r[6] != "2" {
				t.Errorf("陈晓燕's care row: %q", r)
			}
		}
	}
	if !found {
		t.Errorf("no row for 陈晓燕: %q", rows)
	}
	for _, r := range rows {
		if len(r) > 4 && r[1] == "刘志强" && r[4] != "3" {
			t.Errorf("刘志强's leave: the failed file must have imported nothing: %q", r)
		}
	}
	st, err = models.Open(ctx, db, models.Options{})
	noErr(t, err)
	defer st.Close()
	views, _ := st.AuditEntries(ctx, "tolerance.case.view", 10)
	if len(views) != 1 || views[0].Target != "case:1" {
		t.Errorf("export audited as reads: %+v", views)
	}
}

func xlsxRow(t *testing.T, path, sheet string, n int) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) < n {
		t.Fatalf("%s: %d rows, %v", sheet, len(rows), err)
	}
	return rows[n-1]
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
