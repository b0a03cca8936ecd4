package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// heldTalk schedules a talk with 张三 tomorrow at 15:00 and moves the
// clock past it.
func heldTalk(t *testing.T, h *harness) models.Talk {
	t.Helper()
	tk := scheduleTalk(t, h, "张三", "岗位变动", "明天下午3点", "党委书记办公室")
	h.clock.Advance(30 * time.Hour) // Friday 16:00
	return tk
}

func TestRecordTooEarlyAndNotHolder(t *testing.T) {
	h := talkHarness(t)
	tk := scheduleTalk(t, h, "张三", "岗位变动", "明天下午3点", "会议室")
	got := h.say("李书记", fmt.Sprintf("/record %d", tk.ID))
	mustContain(t, "early", got, "该谈话安排在 2026年11月27日（周五）15:00，请在谈话结束后再记录")
	h.clock.Advance(30 * time.Hour)
	if got := h.say("王乡长", fmt.Sprintf("/record %d", tk.ID)); !strings.Contains(joined(got), "没有权限") {
		t.Errorf("another unit's leader records: %s", joined(got))
	}
	if got := h.say("周部长", fmt.Sprintf("/record %d", tk.ID)); !strings.Contains(joined(got), "没有权限") {
		t.Errorf("an admin writes another's record: %s", joined(got))
	}
	got = h.say("张三", fmt.Sprintf("/record %d", tk.ID))
	mustContain(t, "cadre", got, "没有权限")
	got = h.say("李书记", "/record 999")
	mustContain(t, "missing", got, "没有编号为 999 的谈话")
	got = h.say("李书记", "/record")
	mustContain(t, "list", got, "尚未记录")
	button(t, got, "记录：张三")
}

func TestRecordAbandonedKeepsDraft(t *testing.T) {
	h := talkHarness(t)
	ctx := context.Background()
	tk := heldTalk(t, h)
	got := h.say("李书记", fmt.Sprintf("/record %d", tk.ID))
	mustContain(t, "start", got, "记录与 张三 的谈心谈话", "1/5 请简要记录谈话内容")
	got = h.say("李书记", "谈了新岗位职责和廉政要求")
	mustContain(t, "summary", got, "2/5")
	got = h.say("李书记", "担心城建业务不熟")
	mustContain(t, "concerns", got, "3/5")
	got = h.say("李书记", "/cancel")
	mustContain(t, "cancel", got, "已退出当前操作")
	got = h.say("李书记", "随便说一句")
	mustContain(t, "text after cancel", got, "当前没有需要填写的内容")

	saved, err := h.st.GetTalk(ctx, tk.ID)
	if err != nil || saved.Status != models.TalkHeld || saved.Summary != "谈了新岗位职责和廉政要求" ||
		saved.Concerns != "担心城建业务不熟" || saved.RecordStep != models.RecordAgreed {
		t.Fatalf("draft: %+v %v", saved, err)
	}

	got = h.say("李书记", fmt.Sprintf("/record %d", tk.ID))
	mustContain(t, "resume", got, "继续记录", "谈话内容：谈了新岗位职责和廉政要求", "反映的问题：担心城建业务不熟", "3/5")
	mustLack(t, "resume", got, "1/5")
	got = h.say("李书记", "安排老同志帮带三个月")
	mustContain(t, "agreed", got, "4/5 是否需要重点关注")
	got = h.say("李书记", "也许")
	mustContain(t, "unclear", got, "4/5")
	got = h.tap("李书记", button(t, got, "是"))
	mustContain(t, "attention", got, "5/5")
	got = h.say("李书记", "2月30日")
	mustContain(t, "bad follow-up", got, "2月30日 不是有效的日期")
	got = h.say("李书记", "两周后")
	mustContain(t, "done", got, "谈话记录已保存", "已设定 2026年12月11日（周五） 跟踪回访")

	done, _ := h.st.GetTalk(ctx, tk.ID)
	if done.Status != models.TalkRecorded || !done.Attention || done.Agreed != "安排老同志帮带三个月" || done.FollowUpOn != "2026-12-11" || done.FollowUpID == nil {
		t.Fatalf("recorded: %+v", done)
	}
	next, _ := h.st.GetTalk(ctx, *done.FollowUpID)
	if next.Reason != models.TalkFollowUp || next.Status != models.TalkDue || next.FollowsID == nil || *next.FollowsID != tk.ID || next.DueFrom != "2026-12-11" {
		t.Errorf("follow-up: %+v", next)
	}
	got = h.say("李书记", fmt.Sprintf("/record %d", tk.ID))
	mustContain(t, "again", got, "已记录完毕")
	// The follow-up waits in /talks until its day.
	got = h.say("李书记", "/talks")
	mustContain(t, "/talks", got, "计划回访", "张三（跟踪回访），2026年12月11日（周五） 起")
}

func TestRecordWithoutFollowUpCloses(t *testing.T) {
	h := talkHarness(t)
	tk := heldTalk(t, h)
	got := h.say("李书记", "/talks")
	h.tap("李书记", button(t, got, "记录：张三"))
	h.say("李书记", "谈了工作")
	h.say("李书记", "无")
	h.say("李书记", "无")
	got = h.say("李书记", "否")
	mustContain(t, "follow-up question", got, "5/5")
	got = h.tap("李书记", button(t, got, "无需回访"))
	mustContain(t, "done", got, "谈话记录已保存")
	if done, _ := h.st.GetTalk(context.Background(), tk.ID); done.Status != models.TalkClosed || done.Attention || done.FollowUpOn != "" {
		t.Errorf("closed: %+v", done)
	}
}
