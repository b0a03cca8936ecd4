package roster

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/ganshi/ganshi/models"
)

var goodCSV = csvOf(header,
	"城关镇,乡镇,乡镇一类,张建国,党委书记,主持全面工作,主要负责同志,GS0001",
	"城关镇,乡镇,乡镇一类,李明,副镇长,\"分管城建、征收\",干部,GS0002",
	",,,周敏,干部科科长,,组织部,GS0099",
)

func mustParse(t *testing.T, name string, data []byte, encoding string) []models.RosterRow {
	t.Helper()
	rows, err := Parse(name, data, encoding)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return rows
}

func TestParseGood(t *testing.T) {
	rows := mustParse(t, "roster.csv", goodCSV, EncodingAuto)
	want := []models.RosterRow{
		{Line: 2, ExternalID: "GS0001", Name: "张建国", Unit: "城关镇", UnitKind: models.UnitTownship, Category: "乡镇一类", Position: "党委书记", Duty: "主持全面工作", Role: models.RoleLeader},
		{Line: 3, ExternalID: "GS0002", Name: "李明", Unit: "城关镇", UnitKind: models.UnitTownship, Category: "乡镇一类", Position: "副镇长", Duty: "分管城建、征收", Role: models.RoleCadre},
		{Line: 4, ExternalID: "GS0099", Name: "周敏", Position: "干部科科长", Role: models.RoleAdmin},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %+v", rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v\nwant    %+v", i, rows[i], want[i])
		}
	}
}

func TestParseEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(goodCSV)
	if err != nil {
		t.Fatal(err)
	}
	want := mustParse(t, "roster.csv", goodCSV, EncodingAuto)
	for name, c := range map[string]struct {
		data []byte
		enc  string
	}{
		"utf-8 with BOM":  {append([]byte("\xEF\xBB\xBF"), goodCSV...), EncodingAuto},
		"gbk detected":    {gbk, EncodingAuto},
		"--encoding gbk":  {gbk, EncodingGBK},
		"--encoding utf8": {goodCSV, EncodingUTF8},
	} {
		got := mustParse(t, "roster.csv", c.data, c.enc)
		if len(got) != len(want) || got[0] != want[0] || got[2] != want[2] {
			t.Errorf("%s: rows = %+v", name, got)
		}
	}
	wantProblems(t, problemsOf(t, gbk, EncodingUTF8), []string{"line 1: not valid UTF-8", "--encoding gbk"})
	wantProblems(t, problemsOf(t, []byte("\xFF\xFEa\x00"), EncodingAuto), []string{"UTF-16"})
	wantProblems(t, problemsOf(t, []byte("unit,name\nA,\xFF\n"), EncodingAuto), []string{"line 2: the file is neither UTF-8 nor GBK"})
	if _, err := ParseEncoding("latin1"); err == nil {
		t.Error("ParseEncoding accepted latin1")
	}
	if e, err := ParseEncoding(" GB2312 "); err != nil || e != EncodingGBK {
		t.Errorf("ParseEncoding(GB2312) = %q, %v", e, err)
	}
}

func TestReadCSVStructure(t *testing.T) {
	for name, c := range map[string]struct {
		data []byte
		want [][]string
	}{
		"empty file":        {nil, [][]string{{"the file has no rows"}}},
		"only blank lines":  {[]byte("\xEF\xBB\xBF\n\n,,,\n"), [][]string{{"the file has no rows"}}},
		"header only":       {csvOf(header), [][]string{{"line 1: the file has a header but no usable rows below it"}}},
		"header and commas": {csvOf(header, ",,,,,,,"), [][]string{{"line 1: the file has a header but no usable rows"}}},
		"ragged rows": {csvOf(header,
			"城关镇,乡镇,乡镇一类,张建国,党委书记,主持全面工作,主要负责同志",
			"城关镇,乡镇,乡镇一类,李明,副镇长,分管城建,干部,GS0002",
			"城关镇,乡镇,乡镇一类,王五,副镇长,分管农业,干部,GS0003,多余"),
			[][]string{{"line 2: 7 fields", "header has 8"}, {"line 4: 9 fields"}}},
		"bare quote": {csvOf(header,
			"城关镇,乡镇,乡镇一类,李明,副镇长,分管城建,干部,GS0002",
			`城关镇,乡镇,乡镇一类,张"三,副镇长,分管城建,干部,GS0003`),
			[][]string{{"line 3: bad quotes", "bare"}}},
		"unclosed quote on a later line": {csvOf(header,
			"城关镇,乡镇,乡镇一类,李明,副镇长,\"分管城建\n\n兼管征收\",干部,GS0002",
			`城关镇,乡镇,乡镇一类,王五,副镇长,"分管农业,干部,GS0003`,
			"城关镇,乡镇,乡镇一类,赵六,副镇长,分管,干部,GS0004"),
			[][]string{{"line 5: bad quotes", "noticed on line 6", "never closed"}}},
	} {
		t.Run(name, func(t *testing.T) { wantProblems(t, problemsOf(t, c.data, EncodingAuto), c.want...) })
	}
}

func TestMultiLineFieldKeepsLineNumbers(t *testing.T) {
	rows := mustParse(t, "r.csv", csvOf(header,
		"城关镇,乡镇,乡镇一类,李明,副镇长,\"分管城建\n兼管征收\",干部,GS0002",
		"城关镇,乡镇,乡镇一类,王五,副镇长,分管农业,干部,GS0003"), EncodingAuto)
	if rows[0].Line != 2 || rows[1].Line != 4 || rows[0].Duty != "分管城建\n兼管征收" {
		t.Fatalf("rows = %+v", rows)
	}
}

// workbook builds an .xlsx whose first sheet holds a title row, the header
// and rows with the unit column merged, as departments often lay it out.
func workbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	lines := [][]any{
		{"某某县干部花名册"},
		{"工号", "姓名", "单位", "单位类型", "类别", "职务", "分工", "角色", "备注"},
		{"GS0001", "张建国", "城关镇", "乡镇", "乡镇一类", "党委书记", "主持全面工作", "主要负责同志"},
		{"GS0002", "李明", "", "", "", "副镇长", "分管城建", "干部"},
		{},
		{1003, "周敏", "", "", "", "干部科科长", "", "管理员", "组织部"},
	}
	for i, l := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &l); err != nil {
			t.Fatal(err)
		}
	}
	for _, col := range []string{"C", "D", "E"} {
		if err := f.MergeCell(sheet, col+"3", col+"4"); err != nil {
			t.Fatal(err)
		}
	}
	f.NewSheet("第二页") // only the first sheet is read
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseXLSX(t *testing.T) {
	rows := mustParse(t, "花名册.XLSX", workbook(t), EncodingAuto)
	if len(rows) != 3 {
		t.Fatalf("rows = %+v", rows)
	}
	if r := rows[1]; r.Line != 4 || r.Unit != "城关镇" || r.UnitKind != models.UnitTownship || r.Category != "乡镇一类" || r.Name != "李明" {
		t.Errorf("merged cells not filled: %+v", r)
	}
	if r := rows[2]; r.Line != 6 || r.ExternalID != "1003" || r.Role != models.RoleAdmin || r.Unit != "" {
		t.Errorf("row after a blank row: %+v", r)
	}
	if _, err := Parse("roster.xlsx", []byte("not a zip"), EncodingAuto); err == nil {
		t.Error("garbage accepted as xlsx")
	}
	for _, name := range []string{"roster.xls", "roster.ods", "roster"} {
		if _, err := Parse(name, goodCSV, EncodingAuto); err == nil {
			t.Errorf("%s accepted", name)
		} else if _, ok := err.(Problems); ok {
			t.Errorf("%s: file type reported as a problem in the file: %v", name, err)
		}
	}
}
