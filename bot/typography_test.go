package bot

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// typographyStory plays what writes Chinese outside the catalog too: a
// report's header and items, the onboarding counts, the holiday list, a
// talk's detail with its answer, both digests. People type as Chinese is
// written, so whatever space appears is the bot's.
func typographyStory(t *testing.T) *harness {
	t.Helper()
	h := reportHarness(t)
	h.inGroup(-700, "周部长", "/bindgroup 城关镇")
	h.say("张三", "/report")
	got := h.say("张三", "1. 完成老城区征收35户\n2、签约率92%\n③ 新建道路3.5公里")
	h.tap("张三", button(t, got, "下一步"))
	h.say("张三", "完成剩余12户签约")
	got = h.tap("张三", button(t, h.say("张三", "/report plan"), "预览并提交"))
	mustContain(t, "preview", got, "A1 完成老城区征收35户")
	mustContain(t, "edit", h.say("张三", "/edit A2 签约率92%，已签约46户"), "已修改A2。")
	mustContain(t, "delete", h.say("张三", "/delete A3"), "已删除A3（新建道路3.5公里）。")
	mustContain(t, "submit", h.say("张三", "/submit"), "已推送给李书记签字确认")
	rep, err := h.st.ReportFor(t.Context(), h.cadres["张三"].ID, nov)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "sign", h.tap("李书记", fmt.Sprintf("rsg:%d:%d", rep.ID, rep.Version)), "已签字确认张三的2026年11月月度实绩")
	h.say("李书记", fmt.Sprintf("/view %d", rep.ID))
	mustContain(t, "onboarding", h.say("周部长", "/onboarding"), "城关镇：2/3", "未绑定1人：赵六")
	mustContain(t, "holidays", h.say("周部长", "/holiday"), "2026年10月1日（周四），节假日：国庆节")
	tk := scheduleTalk(t, h, "张三", "家庭发生重大变故", "明天下午3点", "党委书记办公室")
	inv, _ := h.lastTo("张三")
	h.tap("张三", button(t, []telegram.Message{inv}, "确认参加"))
	mustContain(t, "talk", h.say("李书记", fmt.Sprintf("/talks #%d", tk.ID)), "对方回复：已确认\n")
	h.say("李书记", "/digest")
	h.say("周部长", "/digest")
	return h
}

// everything is every message the bot wrote, in order, rendered as it
// would be sent.
func (h *harness) everything(t *testing.T) []telegram.Message {
	t.Helper()
	var rows []models.Notification
	if err := h.st.DB().Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var out []telegram.Message
	for _, n := range rows {
		out = append(out, h.rendered(n)...)
	}
	return out
}

// Nothing the bot writes in Chinese has an ASCII space inside a sentence:
// not the catalog's texts, and not what Go code joins around them.
func TestChineseRepliesHaveNoStraySpaces(t *testing.T) {
	h := typographyStory(t)
	for _, m := range h.everything(t) {
		text := m.Text
		if m.Document != nil {
			text = m.Document.Caption
		}
		if bad := texts.StraySpaces(text); bad != nil {
			t.Errorf("stray spaces %q in:\n%s", bad, text)
		}
	}
}

var oldLabel = regexp.MustCompile(`(?m)^(?:[AP]?\d+)[.．、] `)

// An item has one name in every message that shows it, the one /edit and
// /delete read: the cadre's lists, the principal's request, the posting.
func TestItemLabelsAreOneForm(t *testing.T) {
	h := typographyStory(t)
	shown := 0
	for _, m := range h.everything(t) {
		if !strings.Contains(m.Text, "完成老城区征收35户") {
			continue
		}
		shown++
		if l := oldLabel.FindString(m.Text); l != "" {
			t.Errorf("an item labelled %q:\n%s", l, m.Text)
		}
		if !strings.Contains(m.Text, "A1 完成老城区征收35户") {
			t.Errorf("the first item is not A1:\n%s", m.Text)
		}
	}
	// saved, preview ×3 (edit, delete), sign request, posting, /view
	if shown < 7 {
		t.Errorf("items shown in %d messages, want at least 7", shown)
	}
}
