package texts

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// A Msg made where the reader is not known is said in each reader's
// language, its Msg and List arguments too; as an error it reads in
// English and is found with errors.As.
func TestMsgRendersInTheReadersLanguage(t *testing.T) {
	m := M("roster_unknown_kind", "村", List{"乡镇/township", "园区/park"})
	if got := m.Text(ZH); got != "单位类型“村”无法识别，请改为以下之一：乡镇/township、园区/park" {
		t.Errorf("zh: %q", got)
	}
	if got := m.Text(EN); got != `unknown 单位类型 (unit_kind) "村" (allowed: 乡镇/township, 园区/park)` {
		t.Errorf("en: %q", got)
	}
	nested := M("roster_empty", M("roster_col_name"))
	if zh, en := nested.Text(ZH), nested.Text(EN); zh != "姓名为空，请补填" || en != "姓名 (name) is empty" {
		t.Errorf("nested: %q / %q", zh, en)
	}
	args := []any{M("roster_col_name")}
	T(ZH, "roster_empty", args...)
	if _, still := args[0].(Msg); !still {
		t.Error("T changed the caller's arguments")
	}
	var found Msg
	err := fmt.Errorf("talk policy: %w", M("talk_policy_workdays", 99))
	if !errors.As(err, &found) || found.Text(ZH) != "99个工作日超出范围，请在1到60之间选" ||
		err.Error() != "talk policy: 99 workdays; choose 1–60" {
		t.Errorf("as an error: %v, found %+v", err, found)
	}
}

// The command line's Chinese (and the import problems it prints) has no
// ASCII space between two Han characters, or between a Han character and
// a placeholder or a figure: 第3行, 共导入120人. Command synopses keep
// theirs: they are shell syntax, written in ASCII.
func TestCommandLineChineseHasNoStraySpaces(t *testing.T) {
	han := `\p{Han}`
	stray := regexp.MustCompile(han + ` +(` + han + `|%|\d)|(%[-+# 0-9.\[\]]*[a-zA-Z]|\d) +` + han)
	prefixes := []string{"cli_", "roster_", "line_", "file_", "calendar_", "events_", "token_", "db_", "backup_", "talk_policy_"}
	n := 0
	for key, s := range catalog[ZH] {
		if !hasAnyPrefix(key, prefixes) {
			continue
		}
		n++
		if m := stray.FindString(s); m != "" {
			t.Errorf("%s: stray space in %q: %q", key, m, s)
		}
		// Chinese words or punctuation; the token's reason follows its name.
		if !chinese.MatchString(s) && key != "line_range" && key != "cli_token_bad" {
			t.Errorf("%s is not Chinese: %q", key, s)
		}
	}
	if n < 200 {
		t.Errorf("only %d command-line texts found", n)
	}
}

var chinese = regexp.MustCompile(`[\p{Han}：，。“”（）]`)

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
