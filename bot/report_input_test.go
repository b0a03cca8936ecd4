package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// startAch opens 张三's report at the achievements step.
func startAch(t *testing.T) *harness {
	h := reportHarness(t)
	mustContain(t, "/report", h.say("张三", "/report"), "本月完成情况")
	return h
}

func itemsOf(t *testing.T, h *harness, name string) []models.ReportItem {
	t.Helper()
	rep, err := h.st.ReportFor(context.Background(), h.cadres[name].ID, nov)
	if err != nil {
		t.Fatal(err)
	}
	its, _ := h.st.ReportItems(context.Background(), rep.ID)
	return its
}

func TestEmptyAndNonTextInput(t *testing.T) {
	h := startAch(t)
	mustContain(t, "whitespace", h.say("张三", " \n\u3000 "), "消息是空的")
	mustContain(t, "numbering only", h.say("张三", "1.\n2、"), "消息是空的")
	mustContain(t, "photo", h.sticker("张三"), "文字")
	if n := len(itemsOf(t, h, "张三")); n != 0 {
		t.Fatalf("%d items stored from empty input", n)
	}
}

func TestTooLongItemIsNamedOthersKept(t *testing.T) {
	h := startAch(t)
	long := strings.Repeat("长", 5000)
	got := h.say("张三", "完成征收 35 户\n"+long+"\n签约率 92%")
	mustContain(t, "long item", got, "第2条有5000字", "500字上限", "已记录本月完成情况2条")
	its := itemsOf(t, h, "张三")
	if len(its) != 2 || its[1].Text != "签约率 92%" {
		t.Fatalf("items = %+v", its)
	}
}

func TestTooManyItemsCapped(t *testing.T) {
	h := startAch(t)
	var b strings.Builder
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&b, "%d. 第%d项工作完成\n", i, i)
	}
	got := h.say("张三", b.String())
	mustContain(t, "200 items", got, "有200条", "最多记录30条", "第31项工作完成")
	if n := len(itemsOf(t, h, "张三")); n != 30 {
		t.Fatalf("%d items stored, want the first 30", n)
	}
}

func TestOldButtonsAndDoubleSubmit(t *testing.T) {
	h := reportHarness(t)
	id := fillAndSubmit(t, h)
	mustContain(t, "second submit tap", h.tap("张三", fmt.Sprintf("rsub:%d:1", id)), "已经提交")
	got := h.tap("张三", fmt.Sprintf("rn:%d:plan", id))
	if len(got) != 1 || !got[0].Alert || !strings.Contains(got[0].Text, "失效") {
		t.Fatalf("old 'next' button after submit: %+v", got)
	}
	mustContain(t, "typing after submit", h.say("张三", "再补充一条"), "没有需要填写")
	rep, _ := h.st.GetReport(context.Background(), id)
	if rep.Status != models.ReportSubmitted {
		t.Fatalf("status = %s", rep.Status)
	}
}

func TestScopeOfSigningAndViewing(t *testing.T) {
	h := reportHarness(t)
	id := fillAndSubmit(t, h)
	rep, _ := h.st.GetReport(context.Background(), id)
	// The principal of another unit cannot sign or return it.
	got := h.tap("王乡长", fmt.Sprintf("rsg:%d:%d", id, rep.Version))
	if len(got) != 1 || !got[0].Alert {
		t.Fatalf("foreign principal signing: %+v", got)
	}
	mustContain(t, "typed /sign", h.say("王乡长", fmt.Sprintf("/sign %d", id)), "没有权限")
	mustContain(t, "typed /return", h.say("王乡长", fmt.Sprintf("/return %d 不行", id)), "没有权限")
	if r, _ := h.st.GetReport(context.Background(), id); r.Status != models.ReportSubmitted {
		t.Fatalf("a foreign principal changed the report: %s", r.Status)
	}
	// Not yet signed: a cadre of another unit and a colleague cannot read it.
	mustContain(t, "other unit views", h.say("孙七", fmt.Sprintf("/view %d", id)), "没有权限")
	h.cadre("钱八", "城关镇", models.RoleCadre, true)
	mustContain(t, "colleague views draft", h.say("钱八", fmt.Sprintf("/view %d", id)), "没有权限")
	got = h.say("李书记", fmt.Sprintf("/view %d", id))
	mustContain(t, "own leader views", got, "完成棚户区改造征收 35 户")
	if button(t, got, "签字确认") == "" {
		t.Fatal("the principal viewing a submitted report gets no sign button")
	}
	mustContain(t, "admin views", h.say("周部长", fmt.Sprintf("/view %d", id)), "完成棚户区改造征收 35 户")
	h.say("李书记", fmt.Sprintf("/sign %d", id))
	mustContain(t, "colleague views signed", h.say("钱八", fmt.Sprintf("/view %d", id)), "已签字确认")
	mustContain(t, "other unit views signed", h.say("孙七", fmt.Sprintf("/view %d", id)), "没有权限")
	if es, _ := h.st.AuditEntries(context.Background(), "refused", 20); len(es) < 5 {
		t.Fatalf("refusals not audited: %d", len(es))
	}
}

func TestLateReportIsRecordedNotBlocked(t *testing.T) {
	h := reportHarness(t)
	h.say("张三", "/report")
	h.say("张三", "完成征收 35 户")
	h.clock.Set(time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC)) // 2 December, after the deadline
	got := h.say("张三", "/report")
	mustContain(t, "resume after the deadline", got, "2026年11月", "已过截止时间，仍可提交")
	h.say("张三", "/report plan")
	h.say("张三", "下月计划一条")
	mustContain(t, "late submit", h.say("张三", "/submit"), "已提交")
	rep, _ := h.st.ReportFor(context.Background(), h.cadres["张三"].ID, nov)
	if !rep.Late || rep.Status != models.ReportSubmitted {
		t.Fatalf("late report: %+v", rep)
	}
	if strings.Contains(h.outboxTo("李书记"), "逾期") {
		t.Fatal("the principal's request names the cadre as late")
	}
}

// Every step of the cycle, each handled by a fresh router as after a
// restart: nothing is kept in memory between messages.
func TestReportSurvivesRestartsAtEveryStep(t *testing.T) {
	h := reportHarness(t)
	restart := func() { h.r = NewRouter(Options{Location: h.r.loc}) }
	steps := []struct{ who, text, want string }{
		{"张三", "/report", "本月完成情况"},
		{"张三", "完成征收 35 户", "已记录本月完成情况1条"},
		{"张三", "/report plan", "下月工作计划"},
		{"张三", "完成签约 12 户", "已记录下月计划1条"},
		{"张三", "/report", "下月工作计划"},
		{"张三", "/report preview", "A1 完成征收 35 户"},
		{"张三", "/delete P1", "已删除P1"},
		{"张三", "/report plan", "下月工作计划"},
		{"张三", "完成签约 20 户", "已记录下月计划1条"},
		{"张三", "/submit", "已提交"},
		{"李书记", "/return 1 请写明签约率", "已退回"},
		{"张三", "/report", "P1 完成签约 20 户"},
		{"张三", "/submit", "已提交"},
		{"李书记", "/sign 1", "已签字确认"},
	}
	for _, s := range steps {
		restart()
		mustContain(t, s.who+" "+s.text, h.say(s.who, s.text), s.want)
	}
}

func TestExemptions(t *testing.T) {
	h := reportHarness(t)
	mustContain(t, "leader exempts", h.say("李书记", "/exempt 张三 参加党校培训"), "已为张三登记", "免报")
	mustContain(t, "exempt cadre /report", h.say("张三", "/report"), "免报")
	mustContain(t, "other unit's leader", h.say("王乡长", "/exempt 张三 出差"), "没有找到")
	mustContain(t, "cadre exempts", h.say("张三", "/exempt 赵六 病假"), "没有权限")
	mustContain(t, "no reason", h.say("李书记", "/exempt 赵六"), "用法")
	rows, _ := h.st.Board(context.Background(), nov, nil)
	var exempt, missing int
	for _, t := range models.Tally(rows) {
		exempt += t.Exempt
		missing += t.Missing
	}
	if exempt != 1 || missing != 4 {
		t.Fatalf("exempt %d, missing %d; want 1 and 4", exempt, missing)
	}
	mustContain(t, "/reports", h.say("李书记", "/reports"), "免报：1", "张三")
	mustContain(t, "unexempt", h.say("周部长", "/unexempt 张三 2026-11"), "已撤销")
}

// A report returned two months running makes a talk owed by the principal.
func TestReturnedTwiceRaisesATalk(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	cad := h.cadres["张三"]
	oct := models.Period{Year: 2026, Month: 10}
	prev, _ := h.st.OpenReport(ctx, cad, oct, h.clock.Now())
	h.st.AddItems(ctx, prev.ID, models.SectionAchievement, []models.NewItem{{Text: "a"}})
	h.st.AddItems(ctx, prev.ID, models.SectionPlan, []models.NewItem{{Text: "b"}})
	h.st.Submit(ctx, prev.ID, cad.ID)
	if _, err := h.st.Return(ctx, prev.ID, 0, h.cadres["李书记"].ID, "太笼统"); err != nil {
		t.Fatal(err)
	}
	h.st.Submit(ctx, prev.ID, cad.ID) // revised and signed in October
	h.st.Sign(ctx, prev.ID, 0, h.cadres["李书记"].ID)
	cur, _ := h.st.OpenReport(ctx, cad, nov, h.clock.Now())
	h.st.AddItems(ctx, cur.ID, models.SectionAchievement, []models.NewItem{{Text: "a"}})
	h.st.AddItems(ctx, cur.ID, models.SectionPlan, []models.NewItem{{Text: "b"}})
	h.st.Submit(ctx, cur.ID, cad.ID)
	id := cur.ID
	mustContain(t, "return", h.say("李书记", fmt.Sprintf("/return %d 仍缺少数字", id)), "已退回")
	var n int64
	h.st.DB().Model(&models.Talk{}).Where("cadre_id = ? AND leader_id = ?", cad.ID, h.cadres["李书记"].ID).Count(&n)
	if n != 1 {
		t.Fatalf("%d talks owed after two returns in a row, want 1", n)
	}
}
