package bot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// trainingHarness: 周部长 (admin) organises a lecture in 城关镇 on
// 2026-11-03 09:00–11:00 Shanghai and invites 张三, 李书记 and the
// unbound 赵六.
func trainingHarness(t *testing.T) (*harness, models.TrainingSession) {
	h := newHarness(t)
	ctx := context.Background()
	u := h.units["城关镇"]
	lead := h.cadres["李书记"]
	s, err := h.st.CreateTraining(ctx, models.NewTraining{Kind: models.TrainingLecture, Title: "学习贯彻全会精神专题党课",
		Place: "镇政府三楼会议室", Bring: "笔记本", StartsAt: utcAt(2026, 11, 3, 1), EndsAt: utcAt(2026, 11, 3, 3),
		OrganiserID: h.cadres["周部长"].ID, Lecturer: "李书记", LecturerID: &lead.ID, Hours: 2, UnitID: &u.ID})
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{h.cadres["张三"].ID, lead.ID, h.cadres["赵六"].ID}
	if _, err := h.st.InviteToTraining(ctx, s.ID, ids, "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	return h, s
}

func utcAt(y int, m time.Month, d, hourUTC int) time.Time {
	return time.Date(y, m, d, hourUTC, 0, 0, 0, time.UTC)
}

func TestTrainingInLeaveRefusedThenCheckin(t *testing.T) {
	h, s := trainingHarness(t)
	invites := h.newReplies()
	if len(invites) != 2 {
		t.Fatalf("invitations: %d, want 2 (赵六 is not bound)", len(invites))
	}
	mustContain(t, "invitation", invites, "学习贯彻全会精神专题党课", "2026年11月3日", "镇政府三楼会议室", "请携带：笔记本", "确认参加", "请假")
	mine, _ := h.lastTo("张三")
	invites = []telegram.Message{mine}
	got := h.tap("张三", button(t, invites, "请假"))
	mustContain(t, "leave", got, "请发送请假原因")
	got = h.say("张三", "下乡处置防汛险情")
	mustContain(t, "leave sent", got, "请假申请已送李书记审批")
	ask, _ := h.lastTo("李书记")
	mustContain(t, "to the principal", []telegram.Message{ask}, "张三（城关镇）", "下乡处置防汛险情")
	got = h.tap("李书记", button(t, []telegram.Message{ask}, "不同意"))
	mustContain(t, "refused", got, "已不同意张三的请假")
	told, _ := h.lastTo("张三")
	mustContain(t, "cadre told", []telegram.Message{told}, "未获批准", "请按时参加")
	// A forged approval from someone else is refused.
	if got := h.tap("孙七", trainingApproveData(1)); !alert(got) {
		t.Errorf("孙七 decided a leave: %s", joined(got))
	}
	mustContain(t, "confirm", h.tap("张三", button(t, invites, "确认参加")), "已确认参加")

	// At the venue: the code on the screen.
	h.clock.Set(utcAt(2026, 11, 3, 0).Add(50 * time.Minute))
	code := s.Screen(h.clock.Now()).Code
	mustContain(t, "check in", h.say("张三", code), "签到成功")
	mustContain(t, "again", h.say("张三", "/checkin "+code), "无需重复签到")
	mustContain(t, "not invited", h.say("孙七", code), "不在", "参训名单")

	// The organiser's list: 赵六 shown as unreachable; 李书记 marked by hand.
	list := h.say("周部长", fmt.Sprintf("/training %d", s.ID))
	mustContain(t, "list", list, "应到3人", "张三（城关镇）：已到", "赵六（城关镇）：待签到（无法通过机器人联系", "无法联系1")
	mustContain(t, "mark", h.tap("周部长", button(t, list, "标记到场：李书记")), "已标记李书记到场")
	mustLack(t, "a cadre marking", h.say("张三", fmt.Sprintf("/training %d present 赵六", s.ID)), "已标记")
	h.clock.Set(utcAt(2026, 11, 3, 4))
	mustContain(t, "hours", h.say("张三", "/training"), "2026年学时：2", "2024—2026年三年计划期累计：2", "已到")
	mustContain(t, "after", h.say("周部长", fmt.Sprintf("/training %d", s.ID)), "已到2", "缺席1")
}

// Bad input: the code after the window.
func TestTrainingCodeAfterWindowInChat(t *testing.T) {
	h, s := trainingHarness(t)
	h.clock.Set(utcAt(2026, 11, 3, 2).Add(59*time.Minute + 50*time.Second))
	code := s.Screen(h.clock.Now()).Code
	h.clock.Advance(15 * time.Second)
	mustContain(t, "late code", h.say("张三", "/checkin "+code), "没有正在签到的培训")
}

// Bad input: leave asked after the start.
func TestTrainingLeaveAfterStartInChat(t *testing.T) {
	h, s := trainingHarness(t)
	h.clock.Set(utcAt(2026, 11, 3, 1).Add(time.Minute))
	mustContain(t, "late leave", h.say("张三", fmt.Sprintf("/training %d 请假 临时有事", s.ID)), "培训已开始，不能再请假")
}

// Leave approved, and a cancellation told once to each invitee in chat.
func TestTrainingLeaveApprovedAndCancelled(t *testing.T) {
	h, s := trainingHarness(t)
	h.newReplies()
	mustContain(t, "typed leave", h.say("张三", fmt.Sprintf("/training %d 请假 参加县防汛会议", s.ID)), "已送李书记审批")
	ask, _ := h.lastTo("李书记")
	mustContain(t, "approve", h.tap("李书记", button(t, []telegram.Message{ask}, "同意请假")), "已同意张三")
	told, _ := h.lastTo("张三")
	mustContain(t, "approved", []telegram.Message{told}, "已获批准")
	before := h.countTo("张三")
	if _, _, err := h.st.CancelTraining(context.Background(), s.ID, "与县委全会时间冲突", "Asia/Shanghai"); err != nil {
		t.Fatal(err)
	}
	if h.countTo("张三") != before+1 {
		t.Errorf("张三 told %d times", h.countTo("张三")-before)
	}
	last, _ := h.lastTo("张三")
	mustContain(t, "cancelled", []telegram.Message{last}, "已取消", "与县委全会时间冲突")
}

func TestLectureInChat(t *testing.T) {
	h := newHarness(t)
	if err := h.st.SetLectureDuty(context.Background(), h.cadres["李书记"].ID, 2026, 1); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "owed", h.say("李书记", "/lecture"), "应讲专题党课1次，已登记0次")
	mustContain(t, "bad", h.say("李书记", "/lecture 明天 主题"), "用法")
	mustContain(t, "record", h.say("李书记", "/lecture 2026-10-20 学习贯彻全会精神 85"), "听课85人")
	mustContain(t, "given", h.say("李书记", "/lecture"), "已登记1次")
}
