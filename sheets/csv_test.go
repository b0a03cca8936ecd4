package sheets_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
)

func readCSV(t *testing.T, b board) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := sheets.ReportsCSV(&buf, nov, b.rows, b.items, shanghai); err != nil {
		t.Fatal(err)
	}
	data, ok := bytes.CutPrefix(buf.Bytes(), []byte("\xef\xbb\xbf"))
	if !ok {
		t.Fatal("no UTF-8 byte order mark: Excel would misread the Chinese")
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestReportsCSV(t *testing.T) {
	b := seedBoard(t)
	recs := readCSV(t, b)
	head := "月份,单位,类别,编号,姓名,职务,分工,状态,本月完成情况,主要数据,下月工作计划,签字人,签字时间,免报原因"
	if strings.Join(recs[0], ",") != head {
		t.Fatalf("header = %q", recs[0])
	}
	if len(recs) != len(b.rows)+1 {
		t.Fatalf("%d rows for %d cadres", len(recs)-1, len(b.rows))
	}
	byName := map[string][]string{}
	for _, r := range recs[1:] {
		byName[r[4]] = r
	}
	zhang := byName["张三"]
	want := []string{"2026-11", "城关镇", "乡镇一类", "GS-张三", "张三", "副镇长", "分管城建", "已签字",
		"1. 完成棚户区改造征收 35 户（上月计划·已完成）；说明：提前两天\n2. 签约率 92%\n3. 新修村道 3.5 公里",
		"35户；2天；92%；3.5公里", "1. 完成剩余 12 户签约", "李书记", "2026-11-27 10:30", ""}
	for i := range want {
		if zhang[i] != want[i] {
			t.Errorf("张三 %s = %q, want %q", recs[0][i], zhang[i], want[i])
		}
	}
	if z := byName["郑十"]; z[7] != "免报" || z[13] != "病假" || z[8] != "" {
		t.Errorf("exempt row = %q", z)
	}
	if w := byName["王五"]; w[7] != "待签字" {
		t.Errorf("late row = %q", w)
	}
}

// A cell typed by a person never runs as a formula when Excel opens the file.
func TestReportsCSVDefusesFormulas(t *testing.T) {
	id := int64(1)
	status := models.ReportSubmitted
	rows := []models.BoardRow{{Name: "=HYPERLINK(\"http://x\")", Duty: "+1", Position: "-1", UnitName: "@u", ReportID: &id, Status: &status}}
	items := map[int64][]models.ReportItem{1: {{Section: models.SectionPlan, Text: "=1+1"}}}
	var buf bytes.Buffer
	if err := sheets.ReportsCSV(&buf, nov, rows, items, shanghai); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	r := recs[1]
	for _, c := range []string{r[1], r[4], r[5], r[6]} {
		if !strings.HasPrefix(c, "'") {
			t.Errorf("cell %q is not defused", c)
		}
	}
	if r[10] != "1. =1+1" {
		t.Errorf("numbered items start with their number, safe as they are: %q", r[10])
	}
}

// A draft is still being written: its items are not published.
func TestDraftItemsAreNotPublished(t *testing.T) {
	id := int64(1)
	draft := models.ReportDraft
	rows := []models.BoardRow{{Name: "张三", UnitName: "城关镇", ReportID: &id, Status: &draft}}
	items := map[int64][]models.ReportItem{1: {{Section: models.SectionAchievement, Seq: 1, Text: "未定稿的内容"}}}
	var buf bytes.Buffer
	if err := sheets.ReportsCSV(&buf, nov, rows, items, shanghai); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "未定稿的内容") {
		t.Fatalf("a draft's items were exported:\n%s", buf.String())
	}
}
