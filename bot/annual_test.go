package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

func TestProfileScope(t *testing.T) {
	h := newHarness(t)
	got := joined(h.say("张三", "/profile"))
	for _, want := range []string{"张三·2026年度实绩画像", "城关镇（类别：乡镇一类）", "月度实绩", "季度多维体检", "暂无数据（数据来源尚未接入）", "容错免责情形单列，不影响评先评优。", "尚未填写"} {
		if !strings.Contains(got, want) {
			t.Errorf("/profile lacks %q:\n%s", want, got)
		}
	}
	if bad := texts.StraySpaces(got); len(bad) > 0 {
		t.Errorf("stray spaces: %q", bad)
	}
	if got := joined(h.say("张三", "/profile 赵六")); !strings.Contains(got, "您可以查看本人的年度画像") {
		t.Errorf("a cadre asking for another's profile: %s", got)
	}
	if got := joined(h.say("李书记", "/profile 赵六 2026")); !strings.Contains(got, "赵六·2026年度实绩画像") {
		t.Errorf("the principal asking for the unit's cadre: %s", got)
	}
	if got := joined(h.say("王乡长", "/profile 赵六")); strings.Contains(got, "画像") {
		t.Errorf("a leader of another unit sees the profile: %s", got)
	}
	if got := joined(h.say("周部长", "/profile 孙七")); !strings.Contains(got, "孙七·2026年度实绩画像") || !strings.Contains(got, "重点关注标记") {
		t.Errorf("the admin's view: %s", got)
	}
	if es, _ := h.st.AuditEntries(context.Background(), "annual.view", 5); len(es) != 1 {
		t.Errorf("the admin's read is not audited: %+v", es)
	}
}

func TestAssessFlow(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	got := h.say("李书记", "/assess")
	text := joined(got)
	if !strings.Contains(text, "本单位干部2人，已评价0人") || !strings.Contains(text, "2026-12-31") || len(got[0].Buttons) != 2 {
		t.Fatalf("/assess list: %+v", got)
	}
	zhang := h.cadres["张三"]
	if got := joined(h.tap("李书记", assessData(zhang.ID))); !strings.Contains(got, "请发送对张三的2026年度简短评价") {
		t.Fatalf("tap: %s", got)
	}
	if got := joined(h.say("李书记", "工作扎实，征收任务完成好")); !strings.Contains(got, "已记录对张三的2026年度评价") {
		t.Fatalf("assessment typed: %s", got)
	}
	j, err := h.st.AnnualJudgementOf(ctx, zhang.ID, 2026)
	if err != nil || j.Assessment != "工作扎实，征收任务完成好" {
		t.Fatalf("stored: %+v %v", j, err)
	}
	if got := joined(h.say("李书记", "/assess 赵六 能吃苦")); !strings.Contains(got, "已记录对赵六") {
		t.Fatalf("typed command: %s", got)
	}
	if got := joined(h.say("李书记", "/assess")); !strings.Contains(got, "已评价2人") {
		t.Errorf("list after: %s", got)
	}
	// A forged button from another unit's leader.
	if got := h.tap("王乡长", assessData(zhang.ID)); len(got) != 1 || !got[0].Alert {
		t.Errorf("a leader of another unit: %+v", got)
	}
	if got := joined(h.say("王乡长", "/assess 张三 好")); strings.Contains(got, "已记录") {
		t.Errorf("another unit's leader recorded an assessment: %s", got)
	}
	adm := h.cadres["周部长"]
	h.st.GradeAnnual(ctx, adm, zhang.ID, 2026, models.GradeExcellent, models.UseCultivate, "实绩突出")
	if _, err := h.st.ConfirmAnnual(ctx, adm, zhang.ID, 2026, ""); err != nil {
		t.Fatal(err)
	}
	if got := joined(h.say("李书记", "/assess 张三 改")); !strings.Contains(got, "已由组织部确认") {
		t.Errorf("after confirmation: %s", got)
	}
	if got := joined(h.say("张三", "/profile")); !strings.Contains(got, "等次：优秀；使用建议：重点培养") {
		t.Errorf("the judgement in the profile: %s", got)
	}
}

// The round's prompt says the year, the deadline, how many are left and
// the next step; it counts again when sent.
func TestAnnualRoundPrompt(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	lead := h.cadres["李书记"]
	n := models.AnnualRoundNotification(models.AnnualRoundTarget{Leader: lead, ToAssess: 5}, 2026)
	if _, err := h.st.AssessAnnual(ctx, lead, h.cadres["张三"].ID, 2026, "好"); err != nil {
		t.Fatal(err)
	}
	ms, err := Renderer(time.UTC)(ctx, h.st, n)
	if err != nil || len(ms) != 1 {
		t.Fatalf("render: %+v %v", ms, err)
	}
	for _, want := range []string{"2026年度对标研判已开始", "2026-12-31前", "1名干部", "/assess"} {
		if !strings.Contains(ms[0].Text, want) {
			t.Errorf("prompt lacks %q: %s", want, ms[0].Text)
		}
	}
}
