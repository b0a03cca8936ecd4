package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
