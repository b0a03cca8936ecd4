package sheets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/sheets"
)

// The annual workbook: the statistics sheet first, a sheet per unit with a
// row per cadre, numbers as numbers, unwired sources as 暂无数据, where
// each stands in its category, the judgement, and a formula typed into an
// assessment defused.
func TestAnnualWorkbook(t *testing.T) {
	clock := modelstest.NewClock(time.Date(2027, 1, 15, 2, 0, 0, 0, time.UTC))
	st := modelstest.SQLite(t, clock.Now)
	ctx := context.Background()
	s := seeder{t: t, st: st, clock: clock, ctx: ctx}
	town := s.unit("城关镇", "乡镇一类")
	lead := s.cadre(town, "李书记", models.RoleLeader, "党委书记", "")
	s.principal(town, lead)
	zhang := s.cadre(town, "张三", models.RoleCadre, "副镇长", "")
	st.DB().Model(&models.Cadre{}).Where("id IN ?", []int64{lead.ID, zhang.ID}).Update("created_at", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	r := models.Report{CadreID: zhang.ID, Period: "2026-03", UnitID: town.ID, Status: models.ReportDraft, Version: 1, DueAt: due}
	st.DB().Create(&r)
	if _, err := st.AddItems(ctx, r.ID, models.SectionAchievement, []models.NewItem{{Text: "招商到位1.2亿元"}}); err != nil {
		t.Fatal(err)
	}
	st.DB().Model(&r).Updates(map[string]any{"status": models.ReportSigned, "submitted_at": due})
	if _, err := st.AssessAnnual(ctx, lead, zhang.ID, 2026, "=HYPERLINK(\"x\")好"); err != nil {
		t.Fatal(err)
	}
	ps, stats, err := st.CategoryProfiles(ctx, 2026, "乡镇一类", shanghai)
	if err != nil {
		t.Fatal(err)
	}
	aw, err := sheets.NewAnnualWorkbook(2026)
	if err != nil {
		t.Fatal(err)
	}
	if err := aw.AddCategory("乡镇一类", ps, stats); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := aw.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); strings.Join(got, ",") != "类别统计,城关镇" {
		t.Fatalf("sheets: %v", got)
	}
	rows, _ := f.GetRows("城关镇")
	if len(rows) != 4 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	head := strings.Join(rows[1], "|")
	for _, want := range []string{"按时报送率", "按时报送率（同类对标）", "季度多维体检", "等次"} {
		if !strings.Contains(head, want) {
			t.Errorf("header lacks %s: %s", want, head)
		}
	}
	var zrow []string
	for _, r := range rows[2:] {
		if r[0] == "张三" {
			zrow = r
		}
	}
	line := strings.Join(zrow, "|")
	for _, want := range []string{"12000万元（1条）", "暂无数据（数据来源尚未接入）", "'=HYPERLINK", "否"} {
		if !strings.Contains(line, want) {
			t.Errorf("张三's row lacks %q: %s", want, line)
		}
	}
	stat, _ := f.GetRows("类别统计")
	if len(stat) < 2 || !strings.Contains(strings.Join(stat[1], "|"), "少于5人不计算四分位数") {
		t.Errorf("statistics: %q", stat)
	}
}
