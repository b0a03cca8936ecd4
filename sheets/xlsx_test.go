package sheets_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
)

func workbook(t *testing.T, b board) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := sheets.ReportsXLSX(&buf, nov, b.rows, b.items, shanghai); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReportsXLSXSheetNames(t *testing.T) {
	f := workbook(t, seedBoard(t))
	want := []string{"汇总", "汇总(2)", "城关镇",
		"县委办公室／县政府办公室［合署办公］：机关事务服务中心综合保障",
		"县委办公室／县政府办公室［合署办公］：机关事务服务中心综(2)"}
	got := f.GetSheetList()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %q\nwant     %q", got, want)
	}
	// Truncated sheets keep the units' full names in their titles.
	a, _ := f.GetCellValue(want[3], "A1")
	b, _ := f.GetCellValue(want[4], "A1")
	suffix := "2026年11月干部月度实绩公示表"
	if titles := a + "|" + b; titles != longB+suffix+"|"+longA+suffix && titles != longA+suffix+"|"+longB+suffix {
		t.Errorf("titles of the truncated sheets = %q", titles)
	}
}

// The summary's figures are models.Tally's, row by row, and their total.
func TestReportsXLSXSummaryIsTally(t *testing.T) {
	b := seedBoard(t)
	rows, err := workbook(t, b).GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	head := "单位 类别 应报 按时签字 逾期签字 待签字 已退回 未提交 免报"
	if rows[0][0] != "2026年11月干部月度实绩汇总" || strings.Join(rows[1], " ") != head {
		t.Fatalf("summary starts %q / %q", rows[0], rows[1])
	}
	tallies := models.Tally(b.rows)
	var sum [7]int
	for i, tl := range tallies {
		figs := []int{tl.Due, tl.SignedOnTime, tl.SignedLate, tl.Awaiting, tl.Returned, tl.Missing, tl.Exempt}
		checkRow(t, rows[i+2], tl.UnitName, figs)
		for j, n := range figs {
			sum[j] += n
		}
	}
	checkRow(t, rows[len(tallies)+2], "合计", sum[:])
	if got, want := rows[len(tallies)+2][1], strconv.Itoa(len(tallies))+"个单位"; got != want {
		t.Errorf("the total's unit count = %q, want %q", got, want)
	}
	town := rows[3] // after 汇总, whose category is empty and sorts first
	if got := strings.Join(town, " "); got != "城关镇 乡镇一类 7 2 0 2 1 2 1" {
		t.Errorf("城关镇 = %q", got)
	}
	if rows[2][1] != "未分类" {
		t.Errorf("an empty category shows as %q", rows[2][1])
	}
}

func checkRow(t *testing.T, row []string, name string, figs []int) {
	t.Helper()
	if row[0] != name {
		t.Errorf("row %q, want unit %s", row, name)
		return
	}
	for j, n := range figs {
		if row[j+2] != strconv.Itoa(n) {
			t.Errorf("%s column %d = %s, want %d", name, j+3, row[j+2], n)
		}
	}
}

func TestReportsXLSXUnitSheet(t *testing.T) {
	f := workbook(t, seedBoard(t))
	rows, err := f.GetRows("城关镇")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "城关镇2026年11月干部月度实绩公示表" ||
		strings.Join(rows[1], " ") != "姓名 职务 分工 本月完成情况 主要数据 下月工作计划 状态 签字人 签字时间" {
		t.Fatalf("head = %q / %q", rows[0], rows[1])
	}
	byName := map[string][]string{}
	for _, r := range rows[2:] {
		byName[r[0]] = append(r, make([]string, 9)...)[:9]
	}
	zhang := byName["张三"]
	wantZhang := []string{"张三", "副镇长", "分管城建",
		"1. 完成棚户区改造征收 35 户（上月计划·已完成）；说明：提前两天\n2. 签约率 92%\n3. 新修村道 3.5 公里",
		"35户；2天；92%；3.5公里", "1. 完成剩余 12 户签约", "已签字", "李书记", "2026-11-27 10:30"}
	for i := range wantZhang {
		if zhang[i] != wantZhang[i] {
			t.Errorf("张三 column %d = %q, want %q", i+1, zhang[i], wantZhang[i])
		}
	}
	for name, want := range map[string]string{"李书记": "已签字", "王五": "待签字", "赵六": "待签字", "孙七": "已退回",
		"钱八": "填写中", "吴九": "未开始", "郑十": "免报（病假）"} {
		if got := byName[name][6]; got != want {
			t.Errorf("%s: status %q, want %q", name, got, want)
		}
	}
	if got := byName["李书记"][7]; got != "李书记（本人签字）" {
		t.Errorf("a principal's own report: signer %q", got)
	}
	if rows[2][0] != "李书记" {
		t.Errorf("the principal comes first, as on the board; first row is %q", rows[2][0])
	}
	if p, err := f.GetPanes("城关镇"); err != nil || !p.Freeze || p.YSplit != 2 {
		t.Errorf("header not frozen: %+v %v", p, err)
	}
}

// A posting names nobody as late: 王五 submitted after the deadline.
func TestReportsXLSXUnitSheetsNeverSayLate(t *testing.T) {
	f := workbook(t, seedBoard(t))
	for _, sheet := range f.GetSheetList()[1:] {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				if strings.Contains(c, "逾期") || strings.Contains(c, "迟") {
					t.Errorf("sheet %s says %q", sheet, c)
				}
			}
		}
	}
}

func TestReportsXLSXEmptyMonth(t *testing.T) {
	f := workbook(t, board{})
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "汇总" {
		t.Fatalf("sheets = %q", got)
	}
	if v, _ := f.GetCellValue("汇总", "A3"); v != "合计" {
		t.Errorf("A3 = %q, want the total row", v)
	}
}

// Excel repairs a sheet whose column widths are not listed left to right.
func TestReportsXLSXColumnsAscend(t *testing.T) {
	b := seedBoard(t)
	var buf bytes.Buffer
	if err := sheets.ReportsXLSX(&buf, nov, b.rows, b.items, shanghai); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		last := 0
		for _, m := range colMin.FindAllSubmatch(data, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n <= last {
				t.Errorf("%s: column %d listed after column %d", zf.Name, n, last)
			}
			last = n
		}
		if last == 0 {
			t.Errorf("%s has no column widths", zf.Name)
		}
	}
}

var colMin = regexp.MustCompile(`<col [^>]*\bmin="(\d+)"`)
