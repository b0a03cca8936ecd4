package bot

import (
	"strings"
	"unicode"
)

// cutWord splits s at its first run of spaces: the word before it and the
// rest, both trimmed. Any Unicode space separates (unicode.IsSpace): a
// Chinese keyboard types U+3000 between a command and its argument, a
// pasted text may carry U+00A0. What the rest holds is returned as typed,
// inner spaces included: "/edit A2 新　内容" keeps "新　内容".
func cutWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
