package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// reviewHarness adds colleagues to 城关镇 (钱七, 吴八, 郑九) and a liaison of
// the county's petitions bureau, and opens the round 2026Q4 from chat.
func reviewHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.unit("县信访局", models.UnitCountyBody)
	for _, n := range []string{"钱七", "吴八", "郑九"} {
		h.cadre(n, "城关镇", models.RoleCadre, true)
	}
	h.cadre("信访联络员", "县信访局", models.RoleLiaison, true)
	if got := joined(h.say("周部长", "/review open 2026Q4")); !strings.Contains(got, "已开启2026Q4季度体检，2026-11-13截止") {
		t.Fatalf("open: %s", got)
	}
	return h
}

func (h *harness) id(name string) int64 { return h.cadres[name].ID }

func mustHave(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

func buttonData(ms []telegram.Message) []string {
	var out []string
	for _, m := range ms {
		for _, row := range m.Buttons {
			for _, b := range row {
				out = append(out, b.Data)
			}
		}
	}
	return out
}

// TestReviewRoundInChat runs a round end to end in chat: the principal's
// one-tap answers and a concern, three colleagues' anonymous concerns, a
// liaison's guided finding, and the department confirming a corroborated
// item into a talk the principal owes, the cadre told privately.
func TestReviewRoundInChat(t *testing.T) {
	h := reviewHarness(t)
	sheet := h.say("李书记", "/review")
	mustHave(t, joined(sheet), "2026Q4季度体检：征集中", "请对本单位以下5位同志作出评价", "· 张三")
	if data := buttonData(sheet); !contains(data, reviewOKData(h.id("赵六"))) || contains(data, reviewOKData(h.id("李书记"))) {
		t.Errorf("the sheet's buttons: %v", data)
	}
	mustHave(t, joined(h.tap("李书记", reviewOKData(h.id("赵六")))), "已记录：赵六无问题")
	mustHave(t, joined(h.tap("李书记", reviewPickData(h.id("张三")))), "对张三有什么意见")
	mustHave(t, joined(h.tap("李书记", reviewDimData(h.id("张三"), models.DimStyle))), "说明张三在“作风”方面的问题")
	mustHave(t, joined(h.say("李书记", "群众反映办事拖沓")), "已记录你对张三在作风方面的意见")
	mustHave(t, joined(h.say("李书记", "/review")), "✓ 张三", "✓ 赵六", "已完成2位")

	for _, n := range []string{"钱七", "吴八"} {
		mustHave(t, joined(h.say(n, "/review 张三 作风 "+n+"说：开会常迟到")), "已匿名记录")
	}
	// 郑九 by buttons: the prompts name neither the cadre nor the dimension.
	got := joined(h.tap("郑九", reviewPickData(h.id("张三"))))
	mustHave(t, got, "请选择意见所属的维度（匿名")
	mustHave(t, joined(h.tap("郑九", reviewDimData(0, models.DimStyle))), "请用一两句话说明问题（匿名保存）")
	mustHave(t, joined(h.say("郑九", "郑九说：开会常迟到")), "已匿名记录")
	noTrace(t, h, []string{"钱七", "吴八", "郑九"}, "开会常迟到", fmt.Sprintf(`"data":"rw:d:%d`, h.id("张三")), "张三")
	mustHave(t, joined(h.say("信访联络员", "/finding")), "涉及干部的姓名或编号")
	mustHave(t, joined(h.say("信访联络员", "张三")), "张三（城关镇）：请选择问题所属维度")
	mustHave(t, joined(h.tap("信访联络员", findDimData(models.DimStyle))), "作风")
	h.say("信访联络员", "2026年10月信访件反映其服务态度生硬")
	mustHave(t, joined(h.say("信访联络员", "信访〔2026〕12号")), "请选择程度")
	mustHave(t, joined(h.tap("信访联络员", findSevData(models.SevWarn))), "已报送：张三，作风，程度：警示")

	mustHave(t, joined(h.say("周部长", "/review consult")), "研判中")
	mustHave(t, joined(h.say("周部长", "/review note 张三 遵纪 年度个人事项报告漏报一项")), "已记入组织部门审：张三，遵纪")
	view := h.say("周部长", "/review 张三")
	got = joined(view)
	mustHave(t, got, "干部群众议：3人作答", "★作风：两个以上渠道反映，多方印证", "年度个人事项报告漏报一项", "群众反映办事拖沓", "县信访局", "信访〔2026〕12号", "钱七说：开会常迟到")
	for _, n := range []string{"郑九（", "吴八（"} {
		if strings.Contains(got, n) {
			t.Errorf("the matrix names a colleague: %s", got)
		}
	}
	dispose := reviewDisposeData(h.id("张三"), 4)
	if !contains(buttonData(view), dispose) {
		t.Fatalf("no button to decide work style: %v", buttonData(view))
	}
	h.tap("周部长", dispose)
	mustHave(t, joined(h.tap("周部长", reviewDecideData(h.id("张三"), 4, models.DispTalk))), "提醒谈话", "待办谈话")
	var talk models.Talk
	if err := h.st.DB().Where("cadre_id = ? AND status = ?", h.id("张三"), models.TalkDue).Take(&talk).Error; err != nil || talk.LeaderID != h.id("李书记") {
		t.Errorf("the principal owes a talk: %+v %v", talk, err)
	}
	var told models.Notification
	if err := h.st.DB().Where("kind = ? AND chat_id = ?", models.KindReviewItem, h.user("张三")).Take(&told).Error; err != nil {
		t.Fatalf("张三 is not told: %v", err)
	}
	mustHave(t, joined(h.rendered(told)), "季度体检提醒", "“作风”方面", "提醒谈话", "主要负责同志将约你谈话")
	for _, leak := range []string{"信访", "李书记", "拖沓", "迟到"} {
		if strings.Contains(told.Payload+joined(h.rendered(told)), leak) {
			t.Errorf("the cadre's notice says who raised it (%s): %s", leak, told.Payload)
		}
	}
	mustHave(t, joined(h.say("张三", "/review")), "你的体检清单", "作风：提醒谈话")
	mustHave(t, joined(h.say("李书记", "/review")), "本单位未销号的体检清单", "张三·作风")
	mustHave(t, joined(h.say("周部长", "/review")), "带有未销号体检清单的干部：1人")
	mustHave(t, joined(h.say("周部长", "/me")), "带有未销号体检清单的干部：1人")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestReviewBadInputInChat(t *testing.T) {
	h := reviewHarness(t)
	mustHave(t, joined(h.say("张三", "/review 张三 作风 我自己")), "不能评价自己")
	mustHave(t, joined(h.tap("张三", reviewOKData(h.id("孙七")))), "无权")
	mustHave(t, joined(h.tap("张三", reviewPickData(h.id("孙七")))), "无权")
	long := strings.Repeat("长", models.MaxReviewNote+1)
	mustHave(t, joined(h.say("钱七", "/review 张三 作风 "+long)), "内容太长")

	// Answering twice: the second replaces the first, still one ballot.
	h.say("钱七", "/review 张三 作风 第一次")
	h.say("钱七", "/review 张三 遵纪 第二次")
	var ballots []models.ReviewBallot
	h.st.DB().Where("cadre_id = ?", h.id("张三")).Find(&ballots)
	if len(ballots) != 1 || ballots[0].Note != "第二次" || ballots[0].Dims != models.DimDiscipline {
		t.Errorf("the second answer replaces the first: %+v", ballots)
	}

	// A liaison gets /finding and nothing else; reading answers is refused.
	mustHave(t, joined(h.say("信访联络员", "/review 张三")), "没有权限")
	mustHave(t, joined(h.say("信访联络员", "/reports")), "没有权限")
	mustHave(t, joined(h.tap("信访联络员", reviewDisposeData(h.id("张三"), 4))), "无权")
	var names []string
	for _, c := range menu(h.cadres["信访联络员"], "zh") {
		names = append(names, c.Name)
	}
	if fmt.Sprint(names) != "[start finding help me lang cancel]" {
		t.Errorf("a liaison's menu: %v", names)
	}

	// A cadre trying to see who flagged them: no matrix, no sources.
	h.say("郑九", "/review 张三 作风 郑九的意见")
	got := joined(h.say("张三", "/review 张三"))
	if strings.Contains(got, "郑九") || strings.Contains(got, "钱七") || strings.Contains(got, "干部群众议") {
		t.Errorf("a cadre learns who flagged them: %s", got)
	}
	mustHave(t, joined(h.tap("张三", reviewDecideData(h.id("张三"), 4, models.DispReject))), "无权")

	// A finding for a name that matches two cadres, then none.
	hx := h.units["河西乡"].ID
	other := models.Cadre{Name: "张三", ExternalID: "GS-张三-2", UnitID: &hx, Role: models.RoleCadre, Active: true, Lang: "zh"}
	if err := h.st.DB().Create(&other).Error; err != nil { // a second 张三
		t.Fatal(err)
	}
	twice := h.say("信访联络员", "/finding 张三")
	mustHave(t, joined(twice), "对应多名干部")
	if len(buttonData(twice)) != 2 {
		t.Errorf("ask which of two: %v", buttonData(twice))
	}
	mustHave(t, joined(h.say("信访联络员", "钱七七")), "是否是以下哪一位")
	mustHave(t, joined(h.say("信访联络员", "欧阳锋")), "名单上没有“欧阳锋”")
	mustHave(t, joined(h.tap("信访联络员", findNoneData())), "无问题线索")

	// A closed round takes nothing.
	h.say("周部长", "/review close")
	mustHave(t, joined(h.say("钱七", "/review 张三 作风 晚了")), "没有进行中的季度体检")
	mustHave(t, joined(h.say("周部长", "/review reopen")), "征集中")
	mustHave(t, joined(h.say("钱七", "/review 张三 无问题")), "已匿名记录")
}

// noTrace checks that nothing the bot keeps of the colleagues' chats — the
// updates they sent, what it wrote back, their conversations, the audit
// log — holds what they said or whom it was about.
func noTrace(t *testing.T, h *harness, names []string, words ...string) {
	t.Helper()
	var inbox []models.InboxUpdate
	h.st.DB().Find(&inbox)
	var outbox []models.Notification
	h.st.DB().Find(&outbox)
	var convs []models.Conversation
	h.st.DB().Find(&convs)
	var audit []models.AuditEntry
	h.st.DB().Find(&audit)
	for _, n := range names {
		chat := h.user(n)
		for _, w := range words {
			for _, u := range inbox {
				if u.ChatID == chat && strings.Contains(u.Payload, w) {
					t.Errorf("%s's update keeps %q: %s", n, w, u.Payload)
				}
			}
			for _, o := range outbox {
				if o.ChatID == chat && strings.Contains(o.Payload, w) {
					t.Errorf("a message to %s keeps %q: %s", n, w, o.Payload)
				}
			}
			for _, c := range convs {
				if c.ChatID == chat && strings.Contains(c.Data, w) {
					t.Errorf("%s's conversation keeps %q", n, w)
				}
			}
			for _, a := range audit {
				if strings.Contains(a.Target+a.Detail, w) {
					t.Errorf("the audit log keeps %q: %+v", w, a)
				}
			}
		}
	}
}

// A large unit's sheet is cut into messages of sheetRows cadres, each
// within Telegram's 100 buttons.
func TestReviewSheetOfALargeUnit(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < 45; i++ {
		h.cadre(fmt.Sprintf("干部%02d", i), "城关镇", models.RoleCadre, false)
	}
	h.say("周部长", "/review open")
	ms := h.say("李书记", "/review")
	if len(ms) != 2 || len(ms[0].Buttons) != sheetRows || len(ms[1].Buttons) != 47-sheetRows {
		t.Fatalf("%d messages: %s", len(ms), joined(ms))
	}
	mustHave(t, ms[0].Text, "请对本单位以下47位同志作出评价")
}
