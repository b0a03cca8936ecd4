package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

func TestEventCommand(t *testing.T) {
	h := talkHarness(t)
	ctx := context.Background()
	got := h.say("李书记", "/event 张三 家庭变故 父亲病重住院")
	mustContain(t, "leader's event", got, "已登记张三的“家庭发生重大变故”", "请于2026年12月7日（周一）前与其谈心谈话")
	tk := h.latestTalk(t, "张三")
	if tk.Status != models.TalkDue || tk.Reason != models.TalkFamily || tk.Note != "父亲病重住院" || tk.DueBy != "2026-12-07" || tk.Source != models.TalkFromEvent {
		t.Fatalf("talk: %+v", tk)
	}
	got = h.tap("李书记", button(t, got, "现在安排谈话"))
	mustContain(t, "arrange now", got, "与张三谈心谈话（家庭发生重大变故）")
	if n := h.countTo("张三"); n != 0 {
		t.Errorf("the cadre was told of the event: %d messages", n)
	}

	got = h.say("李书记", "/event 张三 家庭变故")
	mustContain(t, "again", got, "此前已登记")

	// An admin records for another unit: its principal is told, with the note.
	got = h.say("周部长", "/event 孙七 岗位调整 2026-11-30 调任党政办主任")
	mustContain(t, "admin's event", got, "已通知王乡长于2026年12月9日（周三）前与其谈心谈话")
	told, _ := h.lastTo("王乡长")
	if !strings.Contains(told.Text, "周部长登记了孙七的情况：岗位变动（调任党政办主任）") {
		t.Fatalf("holder's notice: %+v", told)
	}
	if ev, _ := h.st.CadreEvents(ctx, h.cadres["孙七"].ID); len(ev) != 1 || ev[0].Day != "2026-11-30" || ev[0].Source != models.EventFromChat {
		t.Errorf("event: %+v", ev)
	}

	for _, tc := range []struct{ who, cmd, want string }{
		{"李书记", "/event 孙七 家庭变故", "没有权限"},
		{"李书记", "/event 张三 心情不好", "不是可登记的事由"},
		{"李书记", "/event 张三 日常谈心", "不是可登记的事由"},
		{"李书记", "/event 张三", "用法：/event"},
		{"李书记", "/event 李书记 挫折", "没有权限"},
		{"李书记", "/event 无此人 挫折", "没有找到"},
		{"张三", "/event 赵六 挫折", "没有权限"},
		{"周部长", "/event 李书记 挫折", "未登记"},
	} {
		got := h.say(tc.who, tc.cmd)
		mustContain(t, fmt.Sprintf("%s %s", tc.who, tc.cmd), got, tc.want)
	}
}
