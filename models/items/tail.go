package items

import (
	"strings"
	"unicode/utf8"
)

// complete reads what follows a numeral — multipliers, %, a range, 余/多,
// a unit — and decides whether the whole is a figure. It returns where
// scanning goes on.
func complete(s string, n number, allowRange bool) (Figure, int, bool) {
	n = multipliers(s, n)
	q := skipSpace(s, n.end)
	pct := false
	if r, size := runeAt(s, q); r == '%' {
		pct, q = true, q+size
	}
	if allowRange {
		if second, ok := rangeSecond(s, q); ok {
			return rangeFigure(s, n, pct, second)
		}
	}
	if pct {
		return Figure{Value: n.value(0), Percent: true, Raw: s[n.start:q]}, q, true
	}
	return unitFigure(s, n)
}

// unitFigure finishes a number that is neither a percentage nor a range.
func unitFigure(s string, n number) (Figure, int, bool) {
	q := skipApprox(s, skipSpace(s, n.end))
	u := unitAt(s, q, n.kind)
	if u == "" {
		if r, _ := runeAt(s, q); n.kind == chinese || strings.ContainsRune(dateWords, r) || isCode(s, n) {
			return Figure{}, n.end, false // 一起, 11月, 2026年, 13812345678
		}
		return Figure{Value: n.value(0), Raw: s[n.start:n.end]}, n.end, true
	}
	end := q + len(u)
	unit, keep := moneyUnit(n, u)
	return Figure{Value: n.value(keep), Unit: unit, Raw: s[n.start:end]}, end, true
}

// moneyUnit keeps a 万 or 亿 written before a currency in the unit, as
// reports state money (3万元 is 3 万元), and says how many powers of ten
// that keeps out of the value.
func moneyUnit(n number, u string) (string, int) {
	if !isMoney(u) || (n.last != '万' && n.last != '亿') {
		return u, 0
	}
	return string(n.last) + u, multiplierPowers[n.last]
}

// keptPower is the power of ten a unit such as 万元 holds: only a leading
// 万 or 亿 counts.
func keptPower(unit string) int {
	if r, _ := utf8.DecodeRuneInString(unit); r == '万' || r == '亿' {
		return multiplierPowers[r]
	}
	return 0
}

// isCode reports a long bare digit string — a phone number or a code. A
// quantity that large is written with a unit, a 万 or thousands commas.
func isCode(s string, n number) bool {
	whole, _, _ := strings.Cut(n.mant, ".")
	return n.mult == 0 && len(whole) >= 7 && !strings.Contains(s[n.start:n.end], ",")
}

func skipApprox(s string, i int) int {
	for {
		r, size := runeAt(s, i)
		if !strings.ContainsRune(approximators, r) {
			return i
		}
		i = skipSpace(s, i+size)
	}
}

// rangeSeps join the two ends of a range (folded: '－' and '～' count).
// 到 is left out: "由80%提高到92%" reads "80%到92%" and is a change.
const rangeSeps = "-~〜—–至"

// rangeSecond reads the upper end of a range whose separator is at byte q.
func rangeSecond(s string, q int) (number, bool) {
	r, size := runeAt(s, q)
	if !strings.ContainsRune(rangeSeps, r) {
		return number{}, false
	}
	u := skipSpace(s, q+size)
	r, _ = runeAt(s, u)
	switch {
	case isDigit(r):
		return readArabic(s, u)
	case strings.ContainsRune(cnNumerals, r):
		n, _, ok := readChinese(s, u, true)
		return n, ok
	}
	return number{}, false
}

// rangeFigure makes one figure of "30-40户": the lower bound, with the
// upper bound's unit, multiplier and percent, and Raw spanning both.
func rangeFigure(s string, first number, pct bool, second number) (Figure, int, bool) {
	f, next, ok := complete(s, second, false)
	if !ok || first.kind == chinese && f.Unit == "" && !f.Percent {
		return Figure{}, next, false // "11-20日" is a date range
	}
	second = multipliers(s, second)
	if first.mult == 0 {
		first.mult, first.last = second.mult, second.last // 1-2万元 is 1万 to 2万
	}
	f.Value = first.value(keptPower(f.Unit))
	f.Percent = f.Percent || pct
	f.Raw = s[first.start:next]
	return f, next, true
}
