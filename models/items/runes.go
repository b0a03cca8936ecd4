package items

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold maps full-width ASCII forms (Ｕ+FF01–FF5E) to ASCII and a few
// look-alikes to their plain form, so "３５％" reads like "35%" while the
// caller's text stays untouched.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == '\u3000':
		return ' '
	case r == '﹪':
		return '%'
	}
	return r
}

// runeAt decodes and folds the rune at byte i; past the end it returns -1
// and size 0 so callers can probe ahead without bounds checks.
func runeAt(s string, i int) (rune, int) {
	if i < 0 || i >= len(s) {
		return -1, 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return fold(r), n
}

// runeBefore is runeAt for the rune ending at byte i.
func runeBefore(s string, i int) rune {
	if i <= 0 || i > len(s) {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return fold(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isLatin(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// isBlank is white space plus the invisible marks pasted text often carries
// (zero-width space and joiners, BOM), which would otherwise survive trimming.
func isBlank(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return unicode.IsSpace(r)
}

func trim(s string) string { return strings.TrimFunc(s, isBlank) }

// skipSpace steps over spaces and tabs but not line breaks: a unit on the
// next line does not belong to the number.
func skipSpace(s string, i int) int {
	for {
		r, n := runeAt(s, i)
		if r == '\n' || r == '\r' || !isBlank(r) {
			return i
		}
		i += n
	}
}

func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029'
}
