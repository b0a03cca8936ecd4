package items

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// number is a numeral read from the text. Its value stays in decimal
// digits until the end, so scaling by 万 or 亿 adds no floating-point error:
// "1.2万" is "1.2"e4 and ParseFloat rounds once.
type number struct {
	start, end int    // bytes of the numeral, its multipliers included
	mant       string // ASCII digits with at most one '.'
	mult       int    // power of ten written after it (万 is 4)
	last       rune   // the multiplier that ends it, for 万元 and 亿元
	kind       kind
}

// value is the number in units of 10^keep: 3万 with keep 4 is 3.
func (n number) value(keep int) float64 {
	v, _ := strconv.ParseFloat(n.mant+"e"+strconv.Itoa(n.mult-keep), 64)
	return v
}

// maxDigits bounds an Arabic quantity; longer digit runs are identity card
// or account numbers.
const maxDigits = 15

// readArabic reads "35", "1,200", "3.5" or "３５" at byte i. It refuses
// shapes that are not quantities: dates, times, versions, identifiers.
func readArabic(s string, i int) (number, bool) {
	b := make([]byte, 0, 8)
	j := appendDigits(&b, s, i)
	// Thousands groups take the ASCII comma only: "35，120户" is two numbers.
	for j < len(s) && s[j] == ',' && countDigits(s, j+1, 4) == 3 {
		j = appendDigits(&b, s, j+1)
	}
	whole := len(b)
	if r, n := runeAt(s, j); r == '.' && startsDigit(s, j+n) {
		b = append(b, '.')
		j = appendDigits(&b, s, j+n)
	}
	if whole > maxDigits || notQuantity(s, j) {
		return number{}, false
	}
	return number{start: i, end: j, mant: string(b), kind: arabic}, true
}

func appendDigits(b *[]byte, s string, i int) int {
	for r, n := runeAt(s, i); isDigit(r); r, n = runeAt(s, i) {
		*b = append(*b, byte(r))
		i += n
	}
	return i
}

func skipDigits(s string, i int) int {
	for r, n := runeAt(s, i); isDigit(r); r, n = runeAt(s, i) {
		i += n
	}
	return i
}

func startsDigit(s string, i int) bool {
	r, _ := runeAt(s, i)
	return isDigit(r)
}

// notQuantity looks at what follows a number ending at byte j: another dot
// (2026.11.20), a colon (15:00), a slash (11/20), a second dash (2026-11-20)
// or letters that are not a unit (5G) make it something else.
func notQuantity(s string, j int) bool {
	r, n := runeAt(s, j)
	switch {
	case r == '.' || r == ':' || r == '/':
		return startsDigit(s, j+n)
	case r == '-':
		k := skipDigits(s, j+n)
		next, m := runeAt(s, k)
		return k > j+n && next == '-' && startsDigit(s, k+m)
	case isLatin(r) || r == '_':
		return unitAt(s, j, arabic) == ""
	}
	return false
}

// skipToken steps over an identifier or date-like token ("G320", "v1.2",
// "2026-11-20", "15:00") so none of its digits is read as a figure.
func skipToken(s string, i int) int {
	for {
		r, n := runeAt(s, i)
		switch {
		case isDigit(r) || isLatin(r):
		case strings.ContainsRune(".:/-_", r) && (startsDigit(s, i+n) || isLatinAt(s, i+n)):
		default:
			return i
		}
		i += n
	}
}

func isLatinAt(s string, i int) bool {
	r, _ := runeAt(s, i)
	return isLatin(r)
}

// multiplierPowers are the characters that scale an Arabic number: 1.2万.
var multiplierPowers = map[rune]int{'百': 2, '千': 3, '万': 4, '亿': 8}

// multipliers extends a number over "万", "千万", "万亿" … but not over a
// unit that starts like one ("千米", "百分点"). A space or 余/多 may come
// first: "1,200 万元", "1200余万元", "三百多万元" (a Chinese run has already
// taken the multipliers glued to it).
func multipliers(s string, n number) number {
	at := skipApprox(s, skipSpace(s, n.end))
	for range 3 {
		if unitAt(s, at, arabic) != "" {
			break
		}
		r, size := runeAt(s, at)
		p, ok := multiplierPowers[r]
		if !ok {
			break
		}
		at += size
		n.mult, n.last, n.end = n.mult+p, r, at
	}
	return n
}

// ordinalBefore reports a 第 before byte i: "第3季度", "第 2 名".
func ordinalBefore(s string, i int) bool {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isBlank(r) || isLineBreak(r) {
			return r == '第'
		}
		i -= n
	}
	return false
}
