package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// talkHarness starts on Thursday 2026-11-26 10:00 in Shanghai.
func talkHarness(t *testing.T) *harness {
	h := newHarness(t)
	h.clock.Set(lateNovember)
	return h
}

// scheduleTalk takes 李书记 from /talk to a confirmed talk with name at
// when, and returns the talk.
func scheduleTalk(t *testing.T, h *harness, name, reason, when, place string) models.Talk {
	t.Helper()
	got := h.say("李书记", "/talk "+name)
	mustContain(t, "/talk NAME", got, "与 <b>"+name+"</b> 谈心谈话", "请选择谈话事由")
	got = h.tap("李书记", button(t, got, reason))
	mustContain(t, "reason", got, "请发送谈话时间")
	got = h.say("李书记", when)
	mustContain(t, "time", got, "请发送谈话地点")
	got = h.say("李书记", place)
	mustContain(t, "place", got, "请确认谈心谈话安排", name, place)
	got = h.tap("李书记", button(t, got, "确认并通知"))
	mustContain(t, "confirm", got, "已安排")
	return h.latestTalk(t, name)
}

func (h *harness) latestTalk(t *testing.T, name string) models.Talk {
	t.Helper()
	var tk models.Talk
	if err := h.st.DB().Where("cadre_id = ?", h.cadres[name].ID).Order("id DESC").Take(&tk).Error; err != nil {
		t.Fatalf("no talk with %s: %v", name, err)
	}
	return tk
}

func TestTalkScheduleAndInvite(t *testing.T) {
	h := talkHarness(t)
	got := h.say("李书记", "/talk")
	mustContain(t, "/talk", got, "请选择谈心谈话对象")
	mustLack(t, "/talk", got, "王乡长", "孙七")
	got = h.tap("李书记", button(t, got, "张三"))
	mustContain(t, "pick", got, "与 <b>张三</b> 谈心谈话")
	for _, reason := range []string{"岗位变动", "工作遇到重大挫折", "发现问题苗头", "日常谈心"} {
		button(t, got, reason)
	}
	got = h.tap("李书记", button(t, got, "家庭发生重大变故"))
	mustContain(t, "reason", got, "明天下午3点")
	got = h.say("李书记", "明天下午3点")
	mustContain(t, "time echo", got, "2026年11月27日（周五）15:00", "请发送谈话地点")
	got = h.say("李书记", "党委书记办公室")
	mustContain(t, "confirm", got, "对象：张三", "事由：家庭发生重大变故", "时间：2026年11月27日（周五）15:00", "地点：党委书记办公室")
	mustLack(t, "an ordinary time", got, "⚠")
	got = h.tap("李书记", button(t, got, "确认并通知"))
	mustContain(t, "scheduled", got, "已安排：与 张三 谈心谈话", "已通知本人")

	tk := h.latestTalk(t, "张三")
	if tk.Status != models.TalkScheduled || tk.LeaderID != h.cadres["李书记"].ID || tk.Reason != models.TalkFamily || tk.Place != "党委书记办公室" {
		t.Fatalf("talk: %+v", tk)
	}
	inv, ok := h.lastTo("张三")
	if !ok || !strings.Contains(inv.Text, "李书记约您谈心谈话") || !strings.Contains(inv.Text, "2026年11月27日（周五）15:00") ||
		!strings.Contains(inv.Text, "党委书记办公室") {
		t.Fatalf("invitation: %+v", inv)
	}
	if strings.Contains(inv.Text, "家庭") || strings.Contains(inv.Text, "事由") {
		t.Errorf("the invitation tells the cadre the reason:\n%s", inv.Text)
	}
	got = h.tap("张三", button(t, []telegram.Message{inv}, "确认参加"))
	mustContain(t, "attend", got, "已确认", "2026年11月27日（周五）15:00")
	note, _ := h.lastTo("李书记")
	if !strings.Contains(note.Text, "张三 已确认参加") {
		t.Errorf("the leader does not see the answer: %+v", note)
	}
	if tk = h.latestTalk(t, "张三"); tk.Answer != models.AnswerConfirmed {
		t.Errorf("answer: %q", tk.Answer)
	}
	// The typed command does the same as the button.
	got = h.say("张三", fmt.Sprintf("/talks ok %d", tk.ID))
	mustContain(t, "/talks ok", got, "已确认")
}

func TestTalkUnboundCadre(t *testing.T) {
	h := talkHarness(t)
	got := h.say("李书记", "/talk 赵六")
	h.tap("李书记", button(t, got, "日常谈心"))
	h.say("李书记", "明天上午10点")
	got = h.say("李书记", "会议室")
	mustContain(t, "confirm", got, "赵六 尚未绑定")
	got = h.tap("李书记", button(t, got, "确认并通知"))
	mustContain(t, "scheduled", got, "请当面或电话告知")
}

func TestTalkTimeMistakes(t *testing.T) {
	h := talkHarness(t)
	got := h.say("李书记", "/talk 张三")
	h.tap("李书记", button(t, got, "日常谈心"))
	for _, tc := range []struct{ typed, want string }{
		{"下午3点", "请同时写明哪一天"},
		{"15:00", "请同时写明哪一天"},
		{"2月30日 15:00", "2月30日 不是有效的日期"},
		{"今天上午9点", "2026年11月26日（周四）09:00 已经过去了"},
		{"明天", "请同时写明几点"},
		{"随便什么时候", "没能看懂这个时间"},
	} {
		got := h.say("李书记", tc.typed)
		mustContain(t, tc.typed, got, tc.want)
	}
	// Still at the time step: a good time moves on.
	got = h.say("李书记", "12月3日下午3点")
	mustContain(t, "good time", got, "2026年12月3日（周四）15:00", "请发送谈话地点")
}

func TestTalkOutsideWorkingHoursAsksToConfirm(t *testing.T) {
	h := talkHarness(t)
	got := h.say("李书记", "/talk 张三")
	h.tap("李书记", button(t, got, "日常谈心"))
	h.say("李书记", "明天晚上8点")
	got = h.say("李书记", "会议室")
	mustContain(t, "evening", got, "2026年11月27日（周五）20:00", "⚠ 该时间不在工作时间内")
	got = h.tap("李书记", button(t, got, "确认并通知"))
	mustContain(t, "allowed", got, "已安排")
	// A Saturday is outside working hours too.
	got = h.say("李书记", "/talk 张三")
	h.tap("李书记", button(t, got, "日常谈心"))
	h.say("李书记", "本周六上午10点")
	got = h.say("李书记", "会议室")
	mustContain(t, "saturday", got, "（周六）10:00", "不在工作时间内")
}

func TestTalkClashWarns(t *testing.T) {
	h := talkHarness(t)
	scheduleTalk(t, h, "张三", "日常谈心", "明天下午3点", "会议室")
	got := h.say("李书记", "/talk 赵六")
	h.tap("李书记", button(t, got, "日常谈心"))
	h.say("李书记", "明天下午3点半")
	got = h.say("李书记", "会议室")
	mustContain(t, "clash", got, "⚠ 您在 2026年11月27日（周五）15:00 已安排与 张三 谈话")
	got = h.tap("李书记", button(t, got, "确认并通知"))
	mustContain(t, "allowed", got, "已安排")
	// An hour apart is no clash.
	got = h.say("李书记", "/talk 赵六")
	h.tap("李书记", button(t, got, "岗位变动"))
	h.say("李书记", "明天下午4点半")
	got = h.say("李书记", "会议室")
	mustLack(t, "an hour apart", got, "⚠ 您在")
}

func TestTalkOtherUnitRefused(t *testing.T) {
	h := talkHarness(t)
	ctx := context.Background()
	got := h.say("李书记", "/talk 孙七")
	mustContain(t, "typed", got, "没有权限")
	got = h.tap("李书记", fmt.Sprintf("tk:c:%d", h.cadres["孙七"].ID))
	if !alert(got) {
		t.Errorf("forged pick: %+v", got)
	}
	got = h.tap("李书记", fmt.Sprintf("tk:r:%d:family", h.cadres["孙七"].ID))
	if !alert(got) {
		t.Errorf("forged reason: %+v", got)
	}
	if _, err := h.st.GetTalkPlan(ctx, h.cadres["李书记"].ID); err == nil {
		t.Error("a forged button started a plan")
	}
	// 王乡长's own talk with 孙七 cannot be moved, cancelled or recorded by 李书记.
	tk, _, err := h.st.RaiseTalk(ctx, h.cadres["孙七"].ID, models.TalkSetback, "", models.TalkFromEvent)
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{"tk:s:%d", "tk:x:%d", "tk:rec:%d", "tk:v:%d"} {
		if got := h.tap("李书记", fmt.Sprintf(data, tk.ID)); !alert(got) {
			t.Errorf("forged %s: %+v", data, got)
		}
	}
	got = h.say("李书记", fmt.Sprintf("/talk cancel %d 不需要", tk.ID))
	mustContain(t, "typed cancel", got, "没有权限")
	// A cadre cannot arrange talks at all, and garbage is a stale button.
	got = h.say("张三", "/talk 赵六")
	mustContain(t, "cadre", got, "没有权限")
	if got := h.tap("李书记", "tk:zz:1"); !alert(got) {
		t.Errorf("garbage: %+v", got)
	}
	if es, _ := h.st.AuditEntries(ctx, "refused", 20); len(es) < 8 {
		t.Errorf("refusals are audited: %d entries", len(es))
	}
}

func TestTalkCancelledInvitation(t *testing.T) {
	h := talkHarness(t)
	tk := scheduleTalk(t, h, "张三", "日常谈心", "明天下午3点", "会议室")
	inv, _ := h.lastTo("张三")
	// 张三 starts asking for another time, then the talk is called off.
	got := h.tap("张三", button(t, []telegram.Message{inv}, "申请改期"))
	mustContain(t, "later", got, "请简要说明您方便的时间")

	got = h.say("李书记", fmt.Sprintf("/talk cancel %d", tk.ID))
	mustContain(t, "cancel", got, "请简要说明取消与 张三 谈话的原因")
	got = h.say("李书记", "临时出差")
	mustContain(t, "cancelled", got, "已取消与 张三 的谈心谈话")
	told, _ := h.lastTo("张三")
	if !strings.Contains(told.Text, "已取消") || strings.Contains(told.Text, "出差") {
		t.Errorf("the cadre's notice: %+v", told)
	}

	got = h.say("张三", "周五下午都可以")
	mustContain(t, "note after cancel", got, "谈心谈话已取消，无需回复")
	got = h.tap("张三", button(t, []telegram.Message{inv}, "确认参加"))
	mustContain(t, "tap after cancel", got, "谈心谈话已取消，无需回复")
	if tk = h.latestTalk(t, "张三"); tk.Status != models.TalkCancelled || tk.Answer != "" || tk.CancelReason != "临时出差" {
		t.Errorf("talk: %+v", tk)
	}
	got = h.say("李书记", fmt.Sprintf("/talk move %d", tk.ID))
	mustContain(t, "move cancelled", got, "已取消")
}

func TestTalkAskForAnotherTime(t *testing.T) {
	h := talkHarness(t)
	tk := scheduleTalk(t, h, "张三", "岗位变动", "明天下午3点", "党委书记办公室")
	inv, _ := h.lastTo("张三")
	h.tap("张三", button(t, []telegram.Message{inv}, "申请改期"))
	got := h.say("张三", "明天下乡，下周一以后都可以")
	mustContain(t, "later", got, "已转告李书记")
	ask, _ := h.lastTo("李书记")
	if !strings.Contains(ask.Text, "张三 申请调整") || !strings.Contains(ask.Text, "下周一以后都可以") {
		t.Fatalf("leader's notice: %+v", ask)
	}
	got = h.tap("李书记", button(t, []telegram.Message{ask}, "调整时间"))
	mustContain(t, "move", got, "请发送谈话时间")
	got = h.say("李书记", "下周一上午10点")
	mustContain(t, "moved time", got, "2026年11月30日（周一）10:00")
	got = h.tap("李书记", button(t, got, "沿用原地点"))
	mustContain(t, "keep place", got, "地点：党委书记办公室")
	got = h.tap("李书记", button(t, got, "确认并通知"))
	mustContain(t, "moved", got, "已安排")
	moved, _ := h.lastTo("张三")
	if !strings.Contains(moved.Text, "调整了与您的谈心谈话") || !strings.Contains(moved.Text, "2026年11月30日（周一）10:00") {
		t.Fatalf("moved invitation: %+v", moved)
	}
	got = h.tap("张三", button(t, []telegram.Message{inv}, "确认参加"))
	mustContain(t, "old button", got, "时间已调整为 2026年11月30日（周一）10:00")
	got = h.tap("张三", button(t, []telegram.Message{moved}, "确认参加"))
	mustContain(t, "new button", got, "已确认")
	if tk = h.latestTalk(t, "张三"); tk.Answer != models.AnswerConfirmed || tk.Version != 3 {
		t.Errorf("talk: %+v", tk)
	}
}

func TestTalkPlanDropAndStale(t *testing.T) {
	h := talkHarness(t)
	got := h.say("李书记", "/talk 张三")
	h.tap("李书记", button(t, got, "日常谈心"))
	h.say("李书记", "明天下午3点")
	got = h.say("李书记", "会议室")
	confirm, drop := button(t, got, "确认并通知"), button(t, got, "放弃")
	got = h.say("李书记", "还有别的话")
	mustContain(t, "text at confirm", got, "请点击上方按钮")
	got = h.tap("李书记", drop)
	mustContain(t, "drop", got, "已放弃本次安排")
	if got := h.tap("李书记", confirm); !alert(got) {
		t.Errorf("confirm after drop: %+v", got)
	}
	if n := h.countTo("张三"); n != 0 {
		t.Errorf("张三 was told %d things", n)
	}
}

// Every button has a typed equivalent.
func TestTalkTypedInsteadOfButtons(t *testing.T) {
	h := talkHarness(t)
	got := h.say("李书记", "/talk 张三 家庭变故")
	mustContain(t, "name and reason", got, "与 张三 谈心谈话（家庭发生重大变故）", "请发送谈话时间")
	h.say("李书记", "周三 15:00")
	got = h.say("李书记", "会议室")
	mustContain(t, "confirm", got, "2026年12月2日（周三）15:00")
	got = h.say("李书记", "修改时间")
	mustContain(t, "retype", got, "请发送谈话时间")
	h.say("李书记", "周四 15:00")
	h.say("李书记", "会议室")
	got = h.say("李书记", "确认")
	mustContain(t, "typed confirm", got, "已安排", "2026年12月3日（周四）15:00")
	tk := h.latestTalk(t, "张三")

	got = h.say("张三", fmt.Sprintf("/talks later %d 那天要开会", tk.ID))
	mustContain(t, "typed later", got, "已转告李书记")
	got = h.say("李书记", fmt.Sprintf("/talk #%d", tk.ID))
	mustContain(t, "typed move", got, "请发送谈话时间")
	h.say("李书记", "下周五上午9点")
	h.say("李书记", "小会议室")
	got = h.say("李书记", "放弃")
	mustContain(t, "typed drop", got, "已放弃本次安排")
	if tk = h.latestTalk(t, "张三"); tk.Place != "会议室" || tk.Answer != models.AnswerLater {
		t.Errorf("a dropped move changed the talk: %+v", tk)
	}
}

func TestTalkForgedReason(t *testing.T) {
	h := talkHarness(t)
	for _, data := range []string{"tk:r:%d:家庭", "tk:r:%d:follow_up", "tk:r:%d:gossip"} {
		if got := h.tap("李书记", fmt.Sprintf(data, h.cadres["张三"].ID)); !alert(got) {
			t.Errorf("%s: %+v", data, got)
		}
	}
}
