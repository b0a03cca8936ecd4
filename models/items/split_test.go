package items

import (
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"mixed numbering", "1. 完成棚户区改造征收 35 户\n2、签约率 92%\n\n③ 新建道路 3.5 公里",
			[]string{"完成棚户区改造征收 35 户", "签约率 92%", "新建道路 3.5 公里"}},
		{"chinese in full-width parens", "（一）招商引资\n（二）项目建设", []string{"招商引资", "项目建设"}},
		{"ordinal", "第1条 开展调研", []string{"开展调研"}},
		{"ordinal chinese with comma", "第一，加强组织领导", []string{"加强组织领导"}},
		{"blank only", "  \n \u3000 ", nil},
		{"empty", "", nil},
		{"inline arabic", "1.完成征收35户；2.签约率92%", []string{"完成征收35户", "签约率92%"}},
		{"inline circled", "①完成征收35户②签约率92%", []string{"完成征收35户", "签约率92%"}},
		{"inline chinese", "一、招商引资；二、项目建设。", []string{"招商引资", "项目建设。"}},
		{"inline three with spaces", "1) 调研 2) 走访 3) 座谈", []string{"调研", "走访", "座谈"}},
		{"inline needs next number", "1.完成征收35户；3.签约率92%", []string{"完成征收35户；3.签约率92%"}},
		{"inline needs separator", "1、完成2、3月任务", []string{"完成2、3月任务"}},
		{"inline brackets need separator", "(1)完成(2)号楼改造", []string{"完成(2)号楼改造"}},
		{"inline brackets after separator", "（1）完成征收；（2）签约", []string{"完成征收", "签约"}},
		{"no numbering", "完成棚户区改造征收35户", []string{"完成棚户区改造征收35户"}},
		{"decimal inside", "完成3.5公里", []string{"完成3.5公里"}},
		{"decimal at start", "3.5公里道路完工", []string{"3.5公里道路完工"}},
		{"date not cut", "2026年11月完成征收工作", []string{"2026年11月完成征收工作"}},
		{"dotted date not numbering", "2026.11.20召开会议", []string{"2026.11.20召开会议"}},
		{"prose mentioning markers", "共两项：1.征收 2.签约", []string{"共两项：1.征收 2.签约"}},
		{"windows line endings", "1. 调研\r\n2. 走访\r\n", []string{"调研", "走访"}},
		{"old mac line endings", "调研\r走访", []string{"调研", "走访"}},
		{"full-width spaces", "\u3000\u3000１．调研\u3000", []string{"调研"}},
		{"numbering only", "1.\n2、\n（三）\n④", nil},
		{"punctuation only", "——\n。", nil},
		{"bullets", "- 调研\n• 走访\n·座谈\n● 1. 督导", []string{"调研", "走访", "座谈", "督导"}},
		{"markdown bold is text", "**重点**工作", []string{"**重点**工作"}},
		{"negative is text", "-5%的降幅", []string{"-5%的降幅"}},
		{"keycap", "1️⃣调研\n2️⃣走访", []string{"调研", "走访"}},
		{"paren then comma", "（一）、招商引资", []string{"招商引资"}},
		{"bracket", "【1】调研", []string{"调研"}},
		{"four digits not numbering", "2026、2027两年", []string{"2026、2027两年"}},
		{"ordinal season is text", "第3季度完成", []string{"第3季度完成"}},
		{"ordinal once is text", "第一次召开", []string{"第一次召开"}},
		{"zero width", "\u200b1. 调研\ufeff", []string{"调研"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Split(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLeadingMarker(t *testing.T) {
	tests := []struct {
		in     string
		n      int
		rest   string
		marked bool
	}{
		{"1.调研", 1, "调研", true},
		{"12、调研", 12, "调研", true},
		{"(3)调研", 3, "调研", true},
		{"（十二）调研", 12, "调研", true},
		{"⑳调研", 20, "调研", true},
		{"㉑调研", 21, "调研", true},
		{"⑵调研", 2, "调研", true},
		{"第12项调研", 12, "调研", true},
		{"1.5亩", 0, "", false},
		{"一起调研", 0, "", false},
		{"(2026)调研", 0, "", false},
		{"(1调研", 0, "", false},
	}
	for _, tt := range tests {
		m, ok := leadingMarker(tt.in)
		if ok != tt.marked || ok && (m.n != tt.n || tt.in[m.end:] != tt.rest) {
			t.Errorf("leadingMarker(%q) = %+v, %v; want n=%d rest=%q %v", tt.in, m, ok, tt.n, tt.rest, tt.marked)
		}
	}
}

// Split must keep the cadre's words: each item is a piece of the message.
func TestSplitReturnsSubstrings(t *testing.T) {
	msg := "1. 完成征收３５户；2. 签约率92%\r\n（一）招商\n\u3000• 走访 80 余户"
	for _, item := range Split(msg) {
		if !strings.Contains(msg, item) {
			t.Errorf("item %q is not in the message", item)
		}
	}
}
