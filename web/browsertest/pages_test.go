package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// keep saves a screenshot of the page when GANSHI_SCREENSHOTS names a
// directory: a way to look at every page after a change.
func (tb *tab) keep(name string) {
	if dir := os.Getenv("GANSHI_SCREENSHOTS"); dir != "" {
		tb.shot(filepath.Join(dir, name+".png"))
	}
}

// Every page of the console opens in the browser for the department and
// shows what it is for.
func TestEveryPageForTheDepartment(t *testing.T) {
	w := newWorld(t)
	tb := w.login("周部长")
	cg := w.units["城关镇"].ID
	rep, _ := w.st.ReportFor(t.Context(), w.cadres["张三"].ID, nov)
	pages := []struct {
		name, path string
		wants      []string
	}{
		{"overview", "/", []string{"2026年11月总览", "全县各类别", "乡镇一类", "园区", "合计", "统计时间"}},
		{"overview-category", "/?month=2026-11&category=" + "园区", []string{"经济开发区", "高新园区"}},
		{"reports-pick", "/reports", []string{"单位名称", "查找"}},
		{"reports-search", "/reports?q=城关", []string{"城关镇"}},
		{"reports-unit", fmt.Sprintf("/reports?unit=%d", cg), []string{"城关镇", "张三", "陈晓燕", "待签字"}},
		{"report", fmt.Sprintf("/reports/%d", rep.ID), []string{"2026年11月月度实绩", "完成棚户区改造征收 35 户", "办理记录"}},
		{"posting", fmt.Sprintf("/units/%d/posting", cg), []string{"干部月度实绩公示", "本月尚无签字确认"}},
		{"talks", "/talks", []string{"谈心谈话", "待安排", "谈话台账"}},
		{"ledger", "/talks/ledger", []string{"谈话台账", "全部事由"}},
		{"roster", "/roster", []string{"上传名册", "邀请码", "绑定情况", "乡镇一类"}},
		{"roster-unit", fmt.Sprintf("/roster/units/%d", cg), []string{"李书记", "已绑定"}},
		{"schedules", "/schedules", []string{"日程", "节假日日历"}},
		{"calendar", "/calendar", []string{"2026年节假日与调休", "国庆节"}},
	}
	for _, p := range pages {
		if status := tb.open(p.path); status != 200 {
			t.Errorf("%s answered %d: %s", p.path, status, tb.text())
			continue
		}
		tb.sees(p.path, p.wants...)
		tb.keep("admin-" + p.name)
	}
	if os.Getenv("GANSHI_DOCS_SCREENSHOT") != "" {
		tb.open("/")
		tb.shot(filepath.Join("..", "..", "docs", "web-overview.png"))
	}
}

// A principal's and a cadre's pages show their unit and their own, and
// the talk record only to the leader who held the talk.
func TestPagesForAPrincipalAndACadre(t *testing.T) {
	w := newWorld(t)
	li := w.login("李书记")
	li.sees("the principal's overview", "城关镇", "待我签字（2份）", "待安排1次，即将进行1次，待记录1次")
	li.keep("leader-overview")
	li.open("/talks")
	li.sees("the principal's talks", "待安排（1）", "张三", "岗位变动", "即将进行（1）", "陈晓燕", "党委书记办公室", "待记录（1）")
	li.keep("leader-talks")
	li.open("/talks/ledger?from=2026-11-01&to=2026-11-30")
	li.sees("the principal's ledger", "张三", "工作遇到重大挫折", "查看记录")
	li.keep("leader-ledger")

	wang := w.login("王乡长")
	var talk int64
	w.must(w.st.DB().Raw("SELECT id FROM talks WHERE status = ?", "closed").Scan(&talk).Error)
	wang.open(fmt.Sprintf("/talks/%d", talk))
	wang.sees("the holder's record", "孙七", "担心影响重点项目进度", "由副乡长临时分担项目协调")
	wang.keep("leader-talk-record")

	sun := w.login("孙七")
	sun.sees("the cadre's overview", "我的月度实绩", "待签字")
	sun.keep("cadre-overview")
	if status := sun.open(fmt.Sprintf("/talks/%d", talk)); status != 200 {
		t.Fatalf("the cadre's own talk answered %d", status)
	}
	sun.sees("the cadre's talk", "乡长办公室", "谈话记录保密")
	if strings.Contains(sun.text(), "担心影响重点项目进度") {
		t.Error("the cadre sees the record of their talk")
	}
	sun.keep("cadre-talk")
	if status := sun.open("/talks/ledger"); status != 403 {
		t.Errorf("the cadre's ledger answered %d", status)
	}
}

// On a phone the menu and the tables stay usable; the 公示 prints on A4.
func TestPhoneAndPrint(t *testing.T) {
	w := newWorld(t)
	li := w.login("李书记")
	li.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	li.open("/reports")
	li.sees("the list on a phone", "张三", "签字确认所选报告")
	li.keep("phone-reports")
	w.must2(w.st.SignReport(t.Context(), w.report("张三").ID, 0, w.cadres["李书记"]))
	li.do(chromedp.EmulateViewport(1366, 768))
	li.open(fmt.Sprintf("/units/%d/posting", w.units["城关镇"].ID))
	li.sees("the posting", "城关镇 · 2026年11月干部月度实绩公示", "张三", "完成棚户区改造征收 35 户")
	if dir := os.Getenv("GANSHI_SCREENSHOTS"); dir != "" {
		li.printed(filepath.Join(dir, "posting-print.png"))
	}
}
