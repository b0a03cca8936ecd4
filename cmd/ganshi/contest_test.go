package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var exampleContest = filepath.Join("..", "..", "examples", "contest.csv")

func TestContestImportTokenExport(t *testing.T) {
	getenv, db := imported(t, "GANSHI_LANG", "zh", "GANSHI_PUBLIC_URL", "https://ganshi.example.gov.cn")
	bad := writeFile(t, "bad.csv", "类别,组别,单位,任务,计量单位,目标\n乡镇一类,A,城关镇,征收,户,10\n乡镇一类,A,河西乡,征收,户,8\n"+
		"园区类,A,经济开发区,征收,户,3\n乡镇一类,B,城关镇,整改,个,3\n乡镇一类,B,县城,整改,个,3\n")
	_, errOut, err := ganshi(getenv, "contest", "import", bad, "--name", "x")
	if err == nil {
		t.Fatal("a bad contest file was imported")
	}
	for _, want := range []string{"第4行：组别“A”在第2行属于类别“乡镇一类”", "第5行：单位“城关镇”已在第2行编入“A”，不能同时编入“B”"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("problems lack %q:\n%s", want, errOut)
		}
	}
	out, errOut, err := ganshi(getenv, "contest", "import", exampleContest, "--name", "2026年度结对打擂", "--year", "2026")
	if err != nil || !strings.Contains(out, "任务3项、分组1个、单位2个、目标6条") {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	out, _, err = ganshi(getenv, "contest", "board-token", "create", "--label", "县委大楼大厅")
	if err != nil || !strings.Contains(out, "https://ganshi.example.gov.cn/board/") {
		t.Fatalf("board-token create: %v %s", err, out)
	}
	token := strings.Fields(out[strings.Index(out, "/board/")+len("/board/"):])[0]
	st := openDB(t, db)
	if _, err := st.BoardTokenFor(context.Background(), token); err != nil {
		t.Fatalf("printed token does not open the board: %v", err)
	}
	if _, _, err := ganshi(getenv, "contest", "board-token", "revoke", "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.BoardTokenFor(context.Background(), token); err == nil {
		t.Fatal("revoked token still opens the board")
	}
	xlsx := filepath.Join(t.TempDir(), "contest.xlsx")
	if out, _, err = ganshi(getenv, "export", "contest", "--xlsx", xlsx); err != nil {
		t.Fatalf("export: %v %s", err, out)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("进度")
	if len(rows) != 4 || rows[2][2] != "城关镇" || rows[3][2] != "河西乡" || !strings.Contains(strings.Join(rows[1], ","), "棚户区改造征收（户）") {
		t.Fatalf("standing sheet: %q", rows)
	}
	if _, err := os.Stat(xlsx); err != nil {
		t.Fatal(err)
	}
}

// An .xlsx file is read from its first sheet, its problems named by row.
func TestContestImportXLSX(t *testing.T) {
	getenv, _ := imported(t, "GANSHI_LANG", "zh")
	f := excelize.NewFile()
	rows := [][]any{{"类别", "组别", "单位", "任务", "计量单位", "方向", "目标"},
		{"乡镇一类", "一组", "城关镇", "信访件数", "件", "越低越好", 10},
		{"乡镇一类", "一组", "河西乡", "信访件数", "件", "越低越好", "十"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "contest.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := ganshi(getenv, "contest", "import", path, "--name", "x")
	if err == nil || !strings.Contains(errOut, "第3行：目标“十”不是有效数字") {
		t.Fatalf("bad xlsx: %v\n%s", err, errOut)
	}
	f.SetCellValue("Sheet1", "G3", 8)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := ganshi(getenv, "contest", "import", path, "--name", "信访", "--year", "2026")
	if err != nil || !strings.Contains(out, "任务1项、分组1个、单位2个、目标2条") {
		t.Fatalf("xlsx import: %v\n%s%s", err, out, errOut)
	}
}
