package texts

import (
	"fmt"
	"regexp"
	"testing"
)

// typedArg is a %s that stands for something typed as shown, not a name
// run into a sentence: a subcommand after "ganshi " or "calendar ", a
// command on a line of its own.
var typedArg = regexp.MustCompile(`(?m)([A-Za-z] |^ +)%s`)

// sample renders a template with stand-ins for its arguments: a name for
// %s, a number for %d, as a real message would carry them; an ASCII word
// where the argument is typed as shown.
func sample(s string) string {
	for typedArg.MatchString(s) {
		s = typedArg.ReplaceAllString(s, "${1}import")
	}
	var args []any
	for _, v := range placeholders(s) {
		switch v {
		case "d":
			args = append(args, 3)
		case "f":
			args = append(args, 1.5)
		default:
			args = append(args, "张建国")
		}
	}
	return fmt.Sprintf(s, args...)
}

// verbNextToChinese finds a space between a %-verb and Chinese in the
// template itself, whatever value the verb is given: "给 %s 签字".
var verbNextToChinese = regexp.MustCompile(`(%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z]) (\p{Han}|[` + cjkPunct + `])|(\p{Han}|[` + cjkPunct + `]) (%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z])`)

// Every Chinese text, rendered with sample arguments, has no ASCII space
// inside its Chinese sentences.
func TestChineseHasNoStraySpaces(t *testing.T) {
	for key, s := range catalog[ZH] {
		if m := verbNextToChinese.FindAllString(prose(s), -1); m != nil {
			t.Errorf("%s: a space between a placeholder and Chinese: %q in %q", key, m, s)
		}
		if bad := StraySpaces(sample(s)); bad != nil {
			t.Errorf("%s: stray spaces in %q: %q", key, sample(s), bad)
		}
	}
}

// The check itself catches what it is for and lets commands through.
func TestBadSpaces(t *testing.T) {
	for s, want := range map[string]bool{
		"已推送给 张建国 签字确认":                 true,
		"共 3 人":                         true,
		"截止 11月30日 18:00":               true,
		"已推送给张建国签字确认。":                  false,
		"发送 /help 查看可用命令。":              false,
		"例如：/exempt 张三 2026-11 参加党校培训。": false,
		"例如：A2 完成征收40户。":                false,
		"用 <code>0 9 * * 1-5</code> 表示": false,
		"您的 Telegram 账号":                true,
		"Hello, 3 people":               false,
		"与 <b>张建国</b> 谈心谈话":             true,
		"城关镇 · 2026年11月":                true,
		"· 已安排：张建国":                     false,
	} {
		if got := StraySpaces(s) != nil; got != want {
			t.Errorf("StraySpaces(%q) = %v, want %v", s, StraySpaces(s), want)
		}
	}
	if verbNextToChinese.MatchString("已推送给%s签字") || !verbNextToChinese.MatchString("已推送给 %s签字") {
		t.Error("verbNextToChinese misreads a template")
	}
}
