package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

// withContest puts 城关镇 and 河西乡 in one group on two tasks.
func withContest(h *harness) models.UnitContest {
	h.t.Helper()
	file := "类别,组别,单位,任务,计量单位,目标\n乡镇一类,第一组,城关镇,棚户区改造征收,户,120\n乡镇一类,第一组,河西乡,棚户区改造征收,户,100\n" +
		"乡镇一类,第一组,城关镇,重点项目投资,亿元,3\n乡镇一类,第一组,河西乡,重点项目投资,亿元,2.5"
	var recs [][]string
	var lines []int
	for i, l := range strings.Split(file, "\n") {
		recs, lines = append(recs, strings.Split(l, ",")), append(lines, i+1)
	}
	rows, probs := models.ParseContestRecords(recs, lines)
	if probs != nil {
		h.t.Fatal(probs)
	}
	ctx := context.Background()
	if _, err := h.st.ImportContest(ctx, "2026年度结对打擂", 2026, rows); err != nil {
		h.t.Fatal(err)
	}
	uc, err := h.st.ContestOfUnit(ctx, h.units["城关镇"].ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return uc
}

func wantIn(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

func TestProgressReportVerifyQuery(t *testing.T) {
	h := newHarness(t)
	withContest(h)
	got := joined(h.say("李书记", "/progress"))
	wantIn(t, "/progress", got, "2026年度结对打擂", "1. 棚户区改造征收：尚未填报，目标120户", "2. 重点项目投资：尚未填报，目标3亿元")

	out := h.say("李书记", "/progress 1 三十五户 首批签约")
	wantIn(t, "report", joined(out), "已记录：棚户区改造征收累计35户", "打擂进度待核实", "城关镇，棚户区改造征收：35户", "说明：首批签约", "/verify 1")
	var verifyButton string
	for _, m := range out {
		if len(m.Buttons) > 0 {
			verifyButton = m.Buttons[0][0].Data
		}
	}
	if verifyButton != "pg:v:1" {
		t.Fatalf("the department's notice has no verify button: %+v", out)
	}
	// Only the department verifies.
	wantIn(t, "cadre taps verify", joined(h.tap("李书记", verifyButton)), "无权")
	wantIn(t, "admin taps verify", joined(h.tap("周部长", verifyButton)), "已核实#1")
	wantIn(t, "verify twice", joined(h.say("周部长", "/verify 1")), "已处理过")

	// 万元 converts to the task's 亿元; a bare money figure is asked about.
	wantIn(t, "万元", joined(h.say("李书记", "/progress 2 3500万元")), "重点项目投资累计0.35亿元")
	wantIn(t, "bare money", joined(h.say("李书记", "/progress 2 3500")), "请写明是万元还是亿元")
	wantIn(t, "other unit", joined(h.say("李书记", "/progress 1 35个")), "本任务以户计")
	wantIn(t, "1.2亿元", joined(h.say("李书记", "/progress 2 1.2亿元")), "累计1.2亿元")

	// Backwards: refused without a note, confirmed with one.
	wantIn(t, "back, no note", joined(h.say("李书记", "/progress 1 30户")), "比上次（35户）少（30户）")
	wantIn(t, "back, note", joined(h.say("李书记", "/progress 1 30户 5户重复统计")), "将从35户下调为30户", "确认下调")
	wantIn(t, "confirm", joined(h.tap("李书记", "pg:ok")), "已记录：棚户区改造征收累计30户")
	if got := joined(h.tap("李书记", "pg:ok")); strings.Contains(got, "已记录") {
		t.Fatalf("a second tap recorded the figure again: %s", got)
	}

	// Queried: back to the reporter with the question.
	out = h.say("周部长", "/query 4 请附重复统计名单")
	wantIn(t, "query", joined(out), "已将#4的疑问转给填报人李书记", "组织部对打擂进度“城关镇·棚户区改造征收：30户”有疑问：请附重复统计名单", "/progress 1")

	// Not the reporter, not the unit's task, not a task at all.
	wantIn(t, "plain cadre", joined(h.say("张三", "/progress 1 40户")), "城关镇的打擂进度由李书记填报")
	wantIn(t, "task 9", joined(h.say("李书记", "/progress 9 40户")), "没有序号为9的任务")
	wantIn(t, "other unit's reporter", joined(h.say("王乡长", "/progress")), "河西乡（第一组）")

	// Delegation.
	wantIn(t, "delegate", joined(h.say("李书记", "/delegate 张三")), "城关镇的打擂进度今后由张三填报")
	wantIn(t, "delegate reports", joined(h.say("张三", "/progress 1 40户")), "累计40户")
	wantIn(t, "principal after", joined(h.say("李书记", "/progress 1 41户")), "由张三填报")
	wantIn(t, "admin without a unit", joined(h.say("周部长", "/progress")), "没有权限")
}
