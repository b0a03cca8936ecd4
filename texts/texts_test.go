package texts

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
)

var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// placeholders lists, by argument position, the verb letter each argument
// is formatted with: "%s %[1]s" and "%d-%02d" compare as equal to what
// they format, whatever the flags, widths and order in the sentence.
func placeholders(s string) []string {
	var out []string
	next := 0
	for _, m := range verb.FindAllStringSubmatch(s, -1) {
		if m[2] == "%" {
			continue
		}
		i := next
		if m[1] != "" {
			i, _ = strconv.Atoi(m[1])
			i--
		}
		for len(out) <= i {
			out = append(out, "")
		}
		out[i] = m[2]
		next = i + 1
	}
	return out
}

// Every text exists in every language with the same placeholders in the
// same order, so switching language never shows an empty or garbled
// message; and no feature defines a key another already has.
func TestCatalogComplete(t *testing.T) {
	for _, lang := range Langs {
		seen := map[string]int{}
		for i, m := range parts[lang] {
			for k := range m {
				if j, dup := seen[k]; dup {
					t.Errorf("%s: key %q defined in part %d and part %d", lang, k, j, i)
				}
				seen[k] = i
			}
		}
	}
	zh := catalog[ZH]
	for _, lang := range Langs[1:] {
		other := catalog[lang]
		for key, s := range zh {
			o, ok := other[key]
			if !ok {
				t.Errorf("%s: no %s text", key, lang)
				continue
			}
			if a, b := placeholders(s), placeholders(o); !slices.Equal(a, b) {
				t.Errorf("%s: placeholders differ: zh %v, %s %v", key, a, lang, b)
			}
		}
		for key := range other {
			if _, ok := zh[key]; !ok {
				t.Errorf("%s: no Chinese text", key)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	if got := T(EN, "lang_set"); got != "Switched to English." && got == T(ZH, "lang_set") {
		t.Errorf("English lookup fell back to Chinese: %q", got)
	}
	if got := T("fr", "lang_set"); got != T(ZH, "lang_set") {
		t.Errorf("unknown language should read Chinese, got %q", got)
	}
	if got := T(ZH, "unknown_command", "/x"); got != "未识别的命令“/x”。发送 /help 查看您可以使用的命令。" {
		t.Errorf("formatting: %q", got)
	}
}
