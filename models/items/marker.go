package items

import "strings"

// kind is the numeral system of a numbering marker.
type kind uint8

const (
	arabic kind = iota + 1
	chinese
	circled // one rune carries the number: ①, ⑴, ⒈, ❶, ㈠
	keycap  // 1️⃣, how phones number lists
)

// style tells numbering families apart, so "2." continues "1." but neither
// "（2）" nor "二、" does.
type style struct {
	kind        kind
	open, close rune // folded delimiters; for circled, the family's first rune
	ordinal     bool // 第…条
}

// marker is one numbering mark found at the start of a text.
type marker struct {
	style style
	n     int // the number it gives its item
	end   int // bytes it occupies
}

// selfDelimiting markers cannot be mistaken for a number inside a sentence,
// so an inline one needs no separator before it. Brackets can: "(2)号楼".
func (s style) selfDelimiting() bool {
	return s.kind == circled || s.kind == keycap
}

// closing pairs each folded opening bracket with its closer.
var closing = map[rune]rune{'(': ')', '[': ']', '【': '】', '〔': '〕', '〖': '〗'}

// leadingMarker reads the numbering at the start of s, if any.
func leadingMarker(s string) (marker, bool) {
	r, n := runeAt(s, 0)
	if m, ok := circledMarker(r, n); ok {
		return m, true
	}
	if m, ok := keycapMarker(s); ok {
		return m, true
	}
	if r == '第' {
		return ordinalMarker(s, n)
	}
	if c, ok := closing[r]; ok {
		return bracketMarker(s, n, r, c)
	}
	return plainMarker(s)
}

// plainMarker reads "1." "1、" "1)" "一、" "一.".
func plainMarker(s string) (marker, bool) {
	k, v, i := markerNumeral(s, 0)
	if k == 0 {
		return marker{}, false
	}
	r, n := runeAt(s, i)
	switch r {
	case '.':
		if next, _ := runeAt(s, i+n); isDigit(next) {
			return marker{}, false // "3.5公里" is a decimal, not item 3
		}
	case '、', ')':
	default:
		return marker{}, false
	}
	return marker{style{kind: k, close: r}, v, i + n}, true
}

// bracketMarker reads "(1)" "（一）" "【1】" whose opener r sits at s[0:n].
func bracketMarker(s string, n int, open, want rune) (marker, bool) {
	k, v, i := markerNumeral(s, n)
	if k == 0 {
		return marker{}, false
	}
	if r, size := runeAt(s, i); r == want {
		return marker{style{kind: k, open: open, close: r}, v, i + size}, true
	}
	return marker{}, false
}

// ordinalMarker reads "第1条" "第一项" "第二，" whose 第 sits at s[0:n]. A bare
// 第N must be followed by punctuation: "第3季度" and "第一次" are text.
func ordinalMarker(s string, n int) (marker, bool) {
	k, v, i := markerNumeral(s, n)
	if k == 0 {
		return marker{}, false
	}
	st := style{kind: k, ordinal: true}
	for _, w := range []string{"条", "项", "点", "部分"} {
		if strings.HasPrefix(s[i:], w) {
			return marker{st, v, i + len(w)}, true
		}
	}
	switch r, size := runeAt(s, i); r {
	case '、', ',', ':', '.': // folded: also '，' '：' '．'
		return marker{st, v, i + size}, true
	}
	return marker{}, false
}

// markerNumeral reads the number of a marker at s[i:]: one to three Arabic
// digits or a Chinese numeral up to 九十九. It returns the end byte.
func markerNumeral(s string, i int) (kind, int, int) {
	if d := countDigits(s, i, 4); d > 0 {
		if d > 3 {
			return 0, 0, i // "2026." starts a date, not item 2026
		}
		v, j := 0, i
		for range d {
			r, n := runeAt(s, j)
			v, j = v*10+int(r-'0'), j+n
		}
		return arabic, v, j
	}
	j := i
	for range 3 {
		r, n := runeAt(s, j)
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			break
		}
		j += n
	}
	if c, ok := cnInt(s[i:j]); ok && c > 0 && c < 100 {
		return chinese, int(c), j
	}
	return 0, 0, i
}

// countDigits counts the folded digits starting at byte i, up to limit, so
// scanning a long digit run at every offset stays linear.
func countDigits(s string, i, limit int) int {
	c := 0
	for r, n := runeAt(s, i); isDigit(r) && c < limit; r, n = runeAt(s, i) {
		c++
		i += n
	}
	return c
}
