package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// recordedTalk is a talk 李书记 held with 张三 and wrote down.
func recordedTalk(t *testing.T, h *harness) models.Talk {
	t.Helper()
	tk := heldTalk(t, h)
	h.say("李书记", fmt.Sprintf("/record %d", tk.ID))
	for _, answer := range []string{"谈了家里老人的病情", "担心顾不上工作", "同意调休照顾老人", "是", "无"} {
		h.say("李书记", answer)
	}
	done, err := h.st.GetTalk(context.Background(), tk.ID)
	if err != nil || done.Status != models.TalkClosed {
		t.Fatalf("recorded talk: %+v %v", done, err)
	}
	return done
}

const secret = "谈了家里老人的病情"

// The record is for the leader who held the talk and for admins; every
// admin view is audited; the cadre sees time, place and status only.
func TestTalkConfidentiality(t *testing.T) {
	h := talkHarness(t)
	ctx := context.Background()
	tk := recordedTalk(t, h)
	one := fmt.Sprintf("/talks #%d", tk.ID)
	views := func() int {
		es, err := h.st.AuditEntries(ctx, "talk.record.view", 50)
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}

	// The cadre: time, place, status; no reason, no record.
	got := h.say("张三", one)
	mustContain(t, "cadre's own talk", got, "2026年11月27日（周五）15:00", "党委书记办公室", "已完成")
	mustLack(t, "cadre's own talk", got, secret, "岗位变动", "事由", "担心顾不上工作", "重点关注")
	got = h.say("张三", "/talks 张三")
	mustContain(t, "cadre's own history", got, "已完成")
	mustLack(t, "cadre's own history", got, secret, "岗位变动")
	got = h.tap("张三", fmt.Sprintf("tk:v:%d", tk.ID))
	mustLack(t, "cadre's tap", got, secret)

	// Another cadre, of the same unit (赵六, bound for this) or another: refused.
	zhao := h.cadres["赵六"]
	if err := h.st.DB().Model(&zhao).Updates(map[string]any{"telegram_user_id": zhao.ID + 1000, "chat_id": zhao.ID + 1000}).Error; err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"赵六", "孙七"} {
		got := h.say(who, one)
		mustContain(t, who+" "+one, got, "没有权限")
		mustLack(t, who+" "+one, got, secret)
		got = h.say(who, "/talks 张三")
		mustContain(t, who+" history", got, "仅其单位主要负责同志和组织部可以查看")
		mustLack(t, who+" history", got, secret, "党委书记办公室")
		if got := h.tap(who, fmt.Sprintf("tk:v:%d", tk.ID)); !alert(got) {
			t.Errorf("%s taps view: %+v", who, got)
		}
	}
	if got := h.say("赵六", "/talks"); strings.Contains(joined(got), "党委书记办公室") {
		t.Errorf("a colleague's /talks lists 张三's talk: %s", joined(got))
	}

	// Another unit's leader: refused.
	for _, cmd := range []string{one, "/talks 张三"} {
		got := h.say("王乡长", cmd)
		mustContain(t, "王乡长 "+cmd, got, "没有权限")
		mustLack(t, "王乡长 "+cmd, got, secret)
	}

	// The leader who held it: the whole record, not audited.
	got = h.say("李书记", "/talks 张三")
	mustContain(t, "holder", got, secret, "担心顾不上工作", "同意调休照顾老人", "重点关注：是", "跟踪回访：无", "岗位变动")
	if n := views(); n != 0 {
		t.Errorf("the holder's view was audited as an admin's: %d", n)
	}

	// An admin: the record, and the view audited.
	got = h.say("周部长", "/talks 张三")
	mustContain(t, "admin history", got, secret)
	if n := views(); n != 1 {
		t.Fatalf("admin history view audited %d times", n)
	}
	got = h.say("周部长", one)
	mustContain(t, "admin one", got, secret)
	es, _ := h.st.AuditEntries(ctx, "talk.record.view", 5)
	if len(es) != 2 || es[0].ActorID == nil || *es[0].ActorID != h.cadres["周部长"].ID || es[0].Target != fmt.Sprintf("talk:%d", tk.ID) {
		t.Errorf("audit entries: %+v", es)
	}

	// A later principal of the unit sees the talk but not the record.
	newLeader := models.Cadre{Name: "钱书记", ExternalID: "GS-钱书记", UnitID: h.cadres["张三"].UnitID, Role: models.RoleLeader, Lang: texts.ZH, Active: true}
	if err := h.st.DB().Create(&newLeader).Error; err != nil {
		t.Fatal(err)
	}
	uid := newLeader.ID + 1000
	h.st.DB().Model(&newLeader).Updates(map[string]any{"telegram_user_id": uid, "chat_id": uid})
	h.cadres["钱书记"] = newLeader
	got = h.say("钱书记", "/talks 张三")
	mustContain(t, "later principal", got, "已完成", "谈话记录仅谈话人和组织部可见")
	mustLack(t, "later principal", got, secret)

	// Group chats never see talks.
	if got := h.inGroup(-100123, "李书记", "/talks 张三"); len(got) != 0 {
		t.Errorf("a group was answered: %s", joined(got))
	}
}

func TestTalksLists(t *testing.T) {
	h := talkHarness(t)
	ctx := context.Background()
	if _, _, err := h.st.RaiseTalk(ctx, h.cadres["赵六"].ID, models.TalkSetback, "项目未获批", models.TalkFromEvent); err != nil {
		t.Fatal(err)
	}
	scheduleTalk(t, h, "张三", "发现问题苗头", "明天下午3点", "会议室")
	got := h.say("李书记", "/talks")
	mustContain(t, "leader", got, "待安排</b>（1）", "赵六（工作遇到重大挫折），请于 2026年12月7日（周一） 前完成",
		"即将进行</b>（1）", "2026年11月27日（周五）15:00 与 张三，会议室（待对方确认）", "待记录</b>（0）")
	got = h.tap("李书记", button(t, got, "安排：赵六"))
	mustContain(t, "arrange owed", got, "与 赵六 谈心谈话（工作遇到重大挫折）", "请发送谈话时间")

	got = h.say("张三", "/talks")
	// The invitation waits for 张三 himself: he is told so, and how to answer.
	mustContain(t, "cadre", got, "您的谈心谈话安排", "2026年11月27日（周五）15:00，会议室，谈话人：李书记（待您确认", "<code>/talks ok 2</code>")
	mustLack(t, "cadre", got, "问题苗头", "赵六", "待对方确认")
	got = h.tap("张三", button(t, got, "查看"))
	button(t, got, "确认参加")
	mustLack(t, "cadre view", got, "问题苗头")

	got = h.say("孙七", "/talks")
	mustContain(t, "no talks", got, "您目前没有已安排的谈心谈话")

	got = h.say("周部长", "/talks")
	mustContain(t, "admin", got, "全县未完成的谈心谈话", "城关镇：待安排 1，已安排 1，待记录 0")

	h.clock.Advance(12 * 24 * time.Hour)
	got = h.say("李书记", "/talks")
	mustContain(t, "overdue", got, "前完成，已逾期", "待记录</b>（1）")
}

func TestTalkCancelByAdminTellsHolder(t *testing.T) {
	h := talkHarness(t)
	tk := scheduleTalk(t, h, "张三", "日常谈心", "明天下午3点", "会议室")
	got := h.tap("周部长", fmt.Sprintf("tk:x:%d", tk.ID))
	mustContain(t, "ask reason", got, "请简要说明取消")
	got = h.say("周部长", "与县委巡察谈话冲突")
	mustContain(t, "cancelled", got, "已取消与 张三")
	holder, _ := h.lastTo("李书记")
	if !strings.Contains(holder.Text, "周部长 取消了您与 张三 的谈心谈话") {
		t.Errorf("the holder is not told: %+v", holder)
	}
	cadre, _ := h.lastTo("张三")
	if !strings.Contains(cadre.Text, "已取消") {
		t.Errorf("the cadre is not told: %+v", cadre)
	}
}
