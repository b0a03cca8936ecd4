package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
)

func TestCutWordAtAnyUnicodeSpace(t *testing.T) {
	for _, tc := range []struct{ in, word, rest string }{
		{"A2 新内容", "A2", "新内容"},
		{"A2\u3000新内容", "A2", "新内容"},
		{"A2\u00a0新内容", "A2", "新内容"},
		{"A2\u2003\u3000 新内容", "A2", "新内容"},
		{"A2\u202f新\u3000内 容", "A2", "新\u3000内 容"}, // inner spaces are the user's
		{"A2\u205f新内容", "A2", "新内容"},
		{"\u3000A2\u3000", "A2", ""},
		{"", "", ""},
	} {
		if w, r := cutWord(tc.in); w != tc.word || r != tc.rest {
			t.Errorf("cutWord(%q) = %q, %q; want %q, %q", tc.in, w, r, tc.word, tc.rest)
		}
	}
	for _, text := range []string{"/start\u3000K7M2", "/start@ganshi_bot\u00a0K7M2", "/Start\u2009 K7M2"} {
		if cmd, args := splitCommand(text); cmd != "/start" || args != "K7M2" {
			t.Errorf("splitCommand(%q) = %q, %q", text, cmd, args)
		}
	}
}

// spaceCase is a command typed with "|" where a separator goes. It runs
// once with ASCII spaces and again with other Unicode spaces, each time in
// a fresh harness after the same setup; the replies must be the same.
type spaceCase struct {
	who   string
	group bool
	setup func(t *testing.T, h *harness)
	cmd   string
	want  []string // in the replies (with ASCII spaces): the argument was read
}

func TestEveryCommandReadsUnicodeSpaces(t *testing.T) {
	openReport := func(t *testing.T, h *harness) {
		h.say("张三", "/report 2026-11")
		h.say("张三", "1. 完成征收35户")
	}
	submitted := func(t *testing.T, h *harness) { fillAndSubmit(t, h) }
	signed := func(t *testing.T, h *harness) {
		id := fillAndSubmit(t, h)
		h.say("李书记", fmt.Sprintf("/sign %d", id))
	}
	owedTalk := func(t *testing.T, h *harness) { h.say("李书记", "/event 张三 家庭变故") }
	scheduled := func(t *testing.T, h *harness) {
		scheduleTalk(t, h, "张三", "家庭发生重大变故", "明天下午3点", "党委办公室")
	}
	exempted := func(t *testing.T, h *harness) { h.say("李书记", "/exempt 张三 2026-11 病假") }
	for i, tc := range []spaceCase{
		{who: "赵六", setup: func(t *testing.T, h *harness) { h.invite("赵六", "K7M2QX9PDA", time.Hour) }, cmd: "/start|K7M2QX9PDA", want: []string{"绑定成功"}},
		{who: "张三", cmd: "/report|2026-11", want: []string{"2026年11月月度实绩"}},
		{who: "张三", setup: openReport, cmd: "/report|plan", want: []string{"下月工作计划"}},
		{who: "张三", setup: openReport, cmd: "/edit|A1|完成征收 40 户，已签约\u300030 户", want: []string{"A1", "完成征收 40 户，已签约\u300030 户"}},
		{who: "张三", setup: openReport, cmd: "/delete|A1", want: []string{"已删除"}},
		{who: "李书记", cmd: "/reports|2026-11", want: []string{"张三"}},
		{who: "周部长", cmd: "/reports|2026-11|城关镇", want: []string{"张三"}},
		{who: "张三", setup: openReport, cmd: "/view|1", want: []string{"完成征收35户"}},
		{who: "李书记", setup: submitted, cmd: "/sign|1", want: []string{"已签字确认"}},
		{who: "李书记", setup: submitted, cmd: "/return|1|请补充 具体数字", want: []string{"请补充 具体数字"}},
		{who: "李书记", setup: signed, cmd: "/reopen|#1|第3条 数字有误", want: []string{"第3条 数字有误"}},
		{who: "李书记", setup: submitted, cmd: "/discussed|2026-11-26|2026-11", want: []string{"2026-11-26", "1"}},
		{who: "李书记", cmd: "/exempt|张三|2026-11|参加 党校\u3000培训", want: []string{"参加 党校\u3000培训", "2026年11月"}},
		{who: "李书记", setup: exempted, cmd: "/unexempt|张三|2026-11", want: []string{"撤销"}},
		{who: "李书记", cmd: "/talk|张三|家庭变故", want: []string{"请发送谈话时间"}},
		{who: "李书记", setup: owedTalk, cmd: "/talk|cancel|1|已 当面谈过", want: []string{"已取消"}},
		{who: "李书记", setup: scheduled, cmd: "/talks|张三", want: []string{"党委办公室"}},
		{who: "张三", setup: scheduled, cmd: "/talks|ok|1", want: []string{"已确认"}},
		{who: "张三", setup: scheduled, cmd: "/talks|later|1|下周 再谈", want: []string{"下周 再谈"}},
		{who: "李书记", setup: scheduled, cmd: "/record|#1", want: []string{"2026年11月27日"}},
		{who: "周部长", cmd: "/event|张三|家庭变故|2026-11-20|母亲\u3000住院 治疗", want: []string{"母亲\u3000住院 治疗"}},
		{who: "李书记", cmd: "/digest|at|07:30", want: []string{"07:30"}},
		{who: "张三", cmd: "/lang|en", want: []string{"English"}},
		{who: "周部长", cmd: "/unbind|GS-张三", want: []string{"GS-张三"}},
		{who: "周部长", cmd: "/export|2026-11|城关镇", want: []string{"月度实绩-2026-11-城关镇.xlsx"}},
		{who: "周部长", cmd: "/holiday|add|2027-01-04|workday|县里 调休", want: []string{"2027-01-04", "调休上班日"}},
		{who: "周部长", setup: func(t *testing.T, h *harness) { h.say("周部长", "/holiday add 2027-01-04") }, cmd: "/holiday|del|2027-01-04", want: []string{"2027-01-04"}},
		{who: "周部长", cmd: "/schedule|set|report-overdue|30 9 * * 1-5", want: []string{"report-overdue"}},
		{who: "周部长", cmd: "/quiet|21:30-07:30", want: []string{"21:30"}},
		{who: "周部长", cmd: "/due|day|5|17:00|next", want: []string{"17:00"}},
		{who: "周部长", group: true, cmd: "/bindgroup|城关镇", want: []string{"城关镇"}},
	} {
		// U+3000 every time, and one of the other spaces in turn: each
		// run needs a fresh harness.
		others := []string{"\u00a0", "\u2002\u3000", "\u202f", "\u205f"}
		seps := []string{"\u3000", others[i%len(others)]}
		want := runSpaceCase(t, tc, " ")
		for _, w := range tc.want {
			if !strings.Contains(want, w) {
				t.Errorf("%s with ASCII spaces lacks %q:\n%s", tc.cmd, w, want)
			}
		}
		for _, sep := range seps {
			if got := runSpaceCase(t, tc, sep); got != want {
				t.Errorf("%q read differently with %U:\n%s\nwant:\n%s", tc.cmd, []rune(sep), got, want)
			}
		}
	}
}

func runSpaceCase(t *testing.T, tc spaceCase, sep string) string {
	t.Helper()
	h := talkHarness(t)
	if tc.setup != nil {
		tc.setup(t, h)
	}
	h.newReplies()
	text := strings.ReplaceAll(tc.cmd, "|", sep)
	var got []telegram.Message
	if tc.group {
		got = h.inGroup(-100, tc.who, text)
	} else {
		got = h.say(tc.who, text)
	}
	var b strings.Builder
	for _, m := range got {
		fmt.Fprintf(&b, "%s %v %v", m.Text, m.Buttons, m.Menu)
		if m.Document != nil {
			fmt.Fprintf(&b, " %s %s", m.Document.Name, m.Document.Caption)
		}
		b.WriteString("\n")
	}
	return b.String()
}
