package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/ganshi/ganshi/models"
)

// pdfPage counts the page objects of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// A typical cadre's year — ten months reported with several quantified
// items each, an exemption, a talk, a judgement — prints on one A4 page
// in Chromium, as the department prints it for the file.
func TestAnnualProfilePrintsOnOnePage(t *testing.T) {
	w := newWorld(t)
	w.typicalYear("张三")
	adm := w.login("周部长")
	zhang := w.cadres["张三"]
	adm.open(fmt.Sprintf("/annual/%d?year=2026", zhang.ID))
	adm.sees("the profile", "张三·2026年度实绩画像", "按时报送率", "万元", "暂无数据（数据来源尚未接入）", "不影响评先评优", "主要负责同志评价：敢于担当")
	var pdf []byte
	adm.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptr(true)})
		pdf = res.Data
		return err
	}))
	if dir := os.Getenv("GANSHI_SCREENSHOTS"); dir != "" {
		w.must(os.WriteFile(filepath.Join(dir, "annual-profile.pdf"), pdf, 0o644))
		adm.printed(filepath.Join(dir, "annual-profile-print.png"))
	}
	if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
		t.Errorf("the profile prints on %d pages, want one A4 page", n)
	}
	if !regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?`).Match(pdf) {
		t.Errorf("the page is not A4 portrait: %s", regexp.MustCompile(`/MediaBox\s*\[[^\]]*\]`).Find(pdf))
	}
}

func ptr[T any](v T) *T { return &v }

// typicalYear gives name a year of reports from January to October (one
// month late, June exempt), a talk and a principal's assessment.
func (w *world) typicalYear(name string) {
	ctx := context.Background()
	c := w.cadres[name]
	w.must(w.st.DB().Model(&c).Update("created_at", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)).Error)
	for m := 1; m <= 10; m++ {
		if m == 6 {
			w.must(w.st.Exempt(ctx, c.ID, models.Period{Year: 2026, Month: time.June}, "参加市委党校中青班培训", w.cadres["李书记"].ID))
			continue
		}
		due := time.Date(2026, time.Month(m), 27, 10, 0, 0, 0, time.UTC)
		r := models.Report{CadreID: c.ID, Period: fmt.Sprintf("2026-%02d", m), UnitID: *c.UnitID, Status: models.ReportDraft, Version: 1, DueAt: due}
		w.must(w.st.DB().Create(&r).Error)
		_, err := w.st.AddItems(ctx, r.ID, models.SectionAchievement, []models.NewItem{
			{Text: fmt.Sprintf("完成棚户区改造征收%d户，签约率%d%%", 20+m, 80+m)},
			{Text: fmt.Sprintf("新签约项目%d个，计划总投资%d.5亿元", m%3+1, m)},
			{Text: fmt.Sprintf("争取上级资金%d00万元", m)},
			{Text: fmt.Sprintf("完成农村道路提档升级%d.2公里", m)},
		})
		w.must(err)
		_, err = w.st.AddItems(ctx, r.ID, models.SectionPlan, []models.NewItem{{Text: "推进剩余户签约"}, {Text: "开工建设安置小区"}})
		w.must(err)
		sub := due.Add(-24 * time.Hour)
		if m == 4 {
			sub = due.Add(48 * time.Hour)
		}
		w.must(w.st.DB().Model(&r).Updates(map[string]any{"status": models.ReportSigned, "submitted_at": sub, "late": m == 4}).Error)
	}
	held := time.Date(2026, 7, 8, 2, 0, 0, 0, time.UTC)
	w.must(w.st.DB().Create(&models.Talk{CadreID: c.ID, LeaderID: w.cadres["李书记"].ID, Reason: models.TalkPostChange, Status: models.TalkClosed,
		Source: "chat", DueFrom: "2026-07-01", DueBy: "2026-07-10", HeldAt: &held}).Error)
	_, err := w.st.AssessAnnual(ctx, w.cadres["李书记"], c.ID, 2026, "敢于担当，征收和招商任务完成出色，群众工作方法还需丰富。")
	w.must(err)
}
