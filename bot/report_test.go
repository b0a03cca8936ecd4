package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// button finds a button's data by its label among messages.
func button(t *testing.T, ms []telegram.Message, label string) string {
	t.Helper()
	for i := len(ms) - 1; i >= 0; i-- {
		for _, row := range ms[i].Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, label) {
					return b.Data
				}
			}
		}
	}
	t.Fatalf("no button %q in:\n%s", label, joined(ms))
	return ""
}

func mustContain(t *testing.T, what string, ms []telegram.Message, wants ...string) {
	t.Helper()
	got := joined(ms)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// outboxTo returns everything written to a chat so far.
func (h *harness) outboxTo(name string) string {
	var rows []models.Notification
	h.st.DB().Where("chat_id = ?", h.user(name)).Order("id").Find(&rows)
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.Payload + "\n")
	}
	return b.String()
}

// fillAndSubmit takes 张三 through a report without a checklist.
func fillAndSubmit(t *testing.T, h *harness) int64 {
	t.Helper()
	got := h.say("张三", "/report")
	mustContain(t, "/report", got, "2026年11月", "截止11月30日18:00", "本月完成情况")
	got = h.say("张三", "1. 完成棚户区改造征收 35 户\n2、签约率 92%\n③ 新建道路 3.5 公里")
	mustContain(t, "achievements", got, "已记录本月完成情况3条", "A1 完成棚户区改造征收 35 户", "A3 新建道路 3.5 公里")
	got = h.tap("张三", button(t, got, "下一步"))
	mustContain(t, "next", got, "下月工作计划")
	got = h.say("张三", "完成剩余 12 户签约")
	got = h.tap("张三", button(t, got, "预览并提交"))
	mustContain(t, "preview", got, "A2 签约率 92%", "P1 完成剩余 12 户签约", "填写中")
	got = h.tap("张三", button(t, got, "提交"))
	mustContain(t, "submit", got, "已提交", "李书记")
	rep, err := h.st.ReportFor(context.Background(), h.cadres["张三"].ID, nov)
	if err != nil || rep.Status != models.ReportSubmitted {
		t.Fatalf("report after submit: %+v %v", rep, err)
	}
	return rep.ID
}

var nov = models.Period{Year: 2026, Month: 11}

// lateNovember is Thursday 26 November 2026, 10:00 in Shanghai: November's
// report is open and due on Monday the 30th.
var lateNovember = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)

func reportHarness(t *testing.T) *harness {
	h := newHarness(t)
	h.clock.Set(lateNovember)
	return h
}

func TestMonthlyCycleInChat(t *testing.T) {
	h := reportHarness(t)
	h.inGroup(-700, "周部长", "/bindgroup 城关镇")
	h.newReplies()
	id := fillAndSubmit(t, h)
	if !strings.Contains(h.outboxTo("李书记"), "签字确认") {
		t.Fatal("the principal was not asked to sign")
	}
	// The principal returns it with a comment.
	got := h.tap("李书记", fmt.Sprintf("rrt:%d:2", id))
	mustContain(t, "return", got, "退回意见")
	got = h.say("李书记", "   ")
	mustContain(t, "empty comment", got, "必填")
	got = h.say("李书记", "签约率请写明户数")
	mustContain(t, "returned", got, "已退回张三")
	if !strings.Contains(h.outboxTo("张三"), "签约率请写明户数") {
		t.Fatal("the cadre was not told why")
	}
	// The cadre fixes it and resubmits.
	got = h.tap("张三", fmt.Sprintf("ro:%d", id))
	mustContain(t, "reopen for fix", got, "A2 签约率 92%")
	got = h.say("张三", "/edit A2 签约率 92%，已签约 46 户")
	mustContain(t, "edit", got, "已修改A2", "已签约 46 户")
	got = h.say("张三", "/submit")
	mustContain(t, "resubmit", got, "已提交")
	// An old sign button (version before the return) is refused.
	got = h.tap("李书记", fmt.Sprintf("rsg:%d:2", id))
	mustContain(t, "stale sign", got, "有了变化")
	rep, _ := h.st.GetReport(context.Background(), id)
	got = h.tap("李书记", fmt.Sprintf("rsg:%d:%d", id, rep.Version))
	mustContain(t, "sign", got, "已签字确认张三")
	rep, _ = h.st.GetReport(context.Background(), id)
	if rep.Status != models.ReportSigned || rep.SignedByID == nil || *rep.SignedByID != h.cadres["李书记"].ID {
		t.Fatalf("report after signing: %+v", rep)
	}
	var post models.Notification
	if err := h.st.DB().Where("chat_id = ?", -700).Order("id DESC").Take(&post).Error; err != nil {
		t.Fatalf("not posted to the unit's group: %v", err)
	}
	posted, err := Renderer(h.r.loc)(context.Background(), h.st, post)
	if err != nil || len(posted) != 1 || !strings.Contains(posted[0].Text, "月度实绩公示") || !strings.Contains(posted[0].Text, "签约率 92%，已签约 46 户") {
		t.Fatalf("not posted to the unit's group: %+v %v", posted, err)
	}
	if strings.Contains(posted[0].Text, "逾期") {
		t.Fatal("the posting mentions lateness")
	}
	// Locked: no more edits.
	got = h.say("张三", "/report 2026-11")
	mustContain(t, "after signing", got, "不能再修改")
	// The history keeps the return.
	evs, _ := h.st.ReportEvents(context.Background(), id)
	if len(evs) != 4 || evs[1].Kind != "returned" || evs[1].Comment != "签约率请写明户数" {
		t.Fatalf("history = %+v", evs)
	}
}

func TestLastMonthsPlanBecomesChecklist(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	oct := models.Period{Year: 2026, Month: 10}
	cad := h.cadres["张三"]
	prev, _ := h.st.OpenReport(ctx, cad, oct, h.clock.Now())
	h.st.AddItems(ctx, prev.ID, models.SectionAchievement, []models.NewItem{{Text: "x"}})
	h.st.AddItems(ctx, prev.ID, models.SectionPlan, []models.NewItem{{Text: "入户评估 30 户"}, {Text: "启动道路拓宽"}, {Text: "燃气安全检查"}})
	h.st.Submit(ctx, prev.ID, cad.ID)
	h.st.Sign(ctx, prev.ID, 0, h.cadres["李书记"].ID)

	got := h.say("张三", "/report")
	mustContain(t, "checklist", got, "上月计划（第1/3条）", "入户评估 30 户")
	got = h.tap("张三", button(t, got, "完成"))
	mustContain(t, "after done", got, "已记录为“已完成”：入户评估 30 户", "第2/3条")
	got = h.say("张三", "部分完成 已完成设计招标")
	mustContain(t, "typed partly", got, "部分完成", "第3/3条")
	got = h.say("张三", "实际检查 45 家") // a remark for the item answered last
	mustContain(t, "remark", got, "补充到上一条")
	got = h.tap("张三", button(t, got, "未完成"))
	mustContain(t, "not done", got, "结转下月", "本月完成情况")
	rep, _ := h.st.ReportFor(ctx, cad.ID, nov)
	its, _ := h.st.ReportItems(ctx, rep.ID)
	if len(its) != 3 || its[0].Progress != models.ProgressDone || its[1].Remark != "已完成设计招标；实际检查 45 家" ||
		its[2].Section != models.SectionPlan || its[2].Progress != models.ProgressNotDone {
		t.Fatalf("items from the checklist: %+v", its)
	}
}
