package items

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSplitFigures checks what callers rely on for any input: no panic,
// items cut from the message (never rewritten), trimmed and one line each,
// and every Figure.Raw found in the text it came from.
func FuzzSplitFigures(f *testing.F) {
	for _, seed := range []string{
		"1. 完成棚户区改造征收 35 户\n2、签约率 92%\n\n③ 新建道路 3.5 公里",
		"（一）招商引资\n（二）项目建设",
		"1.完成征收35户；2.签约率92%",
		"①走访80余户②争取资金1,200万元③两千亩",
		"2026年11月20日15:00召开会议，百分之九十二，30-40户，1-2万元",
		"第1条 开展调研\r\n第2条 一户一策",
		"G320国道１２３人 5G 1️⃣ 🔟 ㊿ 一亿两千万元 三点五万",
		"\xff\xfe1.\xc3 百分之",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		for _, item := range Split(msg) {
			checkItem(t, msg, item)
			for _, fig := range Figures(item) {
				if fig.Raw == "" || !strings.Contains(item, fig.Raw) {
					t.Fatalf("Figures(%q): Raw %q is not in the item", item, fig.Raw)
				}
			}
		}
		for _, fig := range Figures(msg) {
			if fig.Raw == "" || !strings.Contains(msg, fig.Raw) {
				t.Fatalf("Figures(%q): Raw %q is not in the text", msg, fig.Raw)
			}
		}
	})
}

func checkItem(t *testing.T, msg, item string) {
	t.Helper()
	switch {
	case item == "":
		t.Fatalf("Split(%q) gave an empty item", msg)
	case !strings.Contains(msg, item):
		t.Fatalf("Split(%q): item %q is not in the message", msg, item)
	case strings.ContainsAny(item, "\r\n"):
		t.Fatalf("Split(%q): item %q spans lines", msg, item)
	case trim(item) != item:
		t.Fatalf("Split(%q): item %q is not trimmed", msg, item)
	case utf8.ValidString(msg) && !utf8.ValidString(item):
		t.Fatalf("Split(%q): item %q cuts a rune", msg, item)
	}
}
