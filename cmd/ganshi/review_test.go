package main

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The department's round on the command line: open, status, codes for a
// unit's outside respondents, a findings file (a bad one refused whole,
// with its lines), the export with a 体检表 per unit and the list.
func TestReviewCommands(t *testing.T) {
	getenv, _ := imported(t)
	dir := t.TempDir()
	out, errOut, err := ganshi(getenv, "review", "open", "--round", "2026Q4")
	if err != nil || !strings.Contains(out, "check-up 2026Q4: collecting answers") {
		t.Fatalf("open: %v\n%s%s", err, out, errOut)
	}
	if _, _, err := ganshi(getenv, "review", "open", "--round", "2026Q4"); err == nil || !strings.Contains(err.Error(), "opened already") {
		t.Errorf("open twice: %v", err)
	}
	out, _, err = ganshi(getenv, "review", "status")
	if err != nil || !strings.Contains(out, "principal: 0/4 done") || !strings.Contains(out, "colleagues: 0/9 done") {
		t.Errorf("status: %v\n%s", err, out)
	}
	codes := dir + "/codes.xlsx"
	out, _, err = ganshi(getenv, "review", "codes", "--unit", "城关镇", "--count", "5", "--xlsx", codes, "--url", "https://ganshi.example.gov.cn")
	if err != nil || !strings.Contains(out, "5 one-time codes") {
		t.Fatalf("codes: %v\n%s", err, out)
	}
	f, err := excelize.OpenFile(codes)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("服务对象评价码")
	f.Close()
	if len(rows) != 6 || !strings.HasPrefix(rows[1][4], "https://ganshi.example.gov.cn/form/") || rows[1][1] != "城关镇" {
		t.Errorf("code slips: %q", rows)
	}
	bad := writeFile(t, "bad.csv", "cadre,dimension,fact,ref,severity\nGS0003,作风,事实,文号,提醒\nGS0003,天气,事实,文号,提醒\n欧阳锋,作风,事实,,严重\n")
	_, errOut, err = ganshi(getenv, "review", "findings", "import", bad, "--dept", "县审计局")
	if err == nil || !strings.Contains(errOut, "line 3") || !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("a bad file: %v\n%s", err, errOut)
	}
	_, errOut, err = ganshi(getenv, "review", "findings", "import", writeFile(t, "who.csv", "GS0003,作风,事实,文号,提醒\n欧阳锋,作风,事实,,严重\n"), "--dept", "县审计局")
	if err == nil || !strings.Contains(errOut, "line 2") || !strings.Contains(errOut, "欧阳锋") {
		t.Errorf("an unknown cadre: %v\n%s", err, errOut)
	}
	out, errOut, err = ganshi(getenv, "review", "findings", "import", "../../examples/findings.csv", "--dept", "县审计局")
	if err != nil || !strings.Contains(out, "imported 2 findings") {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	book := dir + "/review.xlsx"
	out, errOut, err = ganshi(getenv, "export", "review", "--round", "2026Q4", "--xlsx", book)
	if err != nil || !strings.Contains(out, "the sheets of 4 units, 13 cadres") {
		t.Fatalf("export: %v\n%s%s", err, out, errOut)
	}
	f, err = excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "汇总,反向体检清单,城关镇,河西乡,经济开发区,县发改局" && !strings.Contains(got, "城关镇") {
		t.Errorf("sheets: %s", got)
	}
	rows, _ = f.GetRows("城关镇")
	found := false
	for _, r := range rows {
		if len(r) > 10 && r[0] == "陈晓燕" && r[3] == "作风" {
			found = r[7] == "1" && strings.Contains(r[10], "态度生硬") && r[5] == "—"
		}
	}
	if !found {
		t.Errorf("陈晓燕's work style row: %q", rows)
	}
	if _, _, err := ganshi(getenv, "review", "close"); err != nil {
		t.Fatal(err)
	}
	out, _, err = ganshi(getenv, "review", "open", "--round", "2027Q1", "--categories", "乡镇一类,园区类")
	if err != nil || !strings.Contains(out, "principal: 0/3 done") || !strings.Contains(out, "colleagues: 0/7 done") {
		t.Errorf("a round of two categories: %v\n%s", err, out)
	}
	if _, _, err := ganshi(getenv, "review", "open", "--round", "2027Q2", "--categories", "火星类"); err == nil {
		t.Error("an unknown category was taken")
	}
	if _, _, err := ganshi(getenv, "review", "findings", "import", "../../examples/findings.csv", "--dept", "县审计局"); err == nil {
		t.Error("a closed round took findings")
	}
}
