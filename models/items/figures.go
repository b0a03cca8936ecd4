package items

import (
	"strings"
	"unicode/utf8"
)

// Figure is one quantity stated in an item.
type Figure struct {
	Value   float64 // as written: 92% is 92 with Percent, 3万元 is 3 with Unit 万元
	Unit    string  // the unit or measure word after the number, "" when none
	Percent bool    // "92%", "92％", "百分之九十二"
	Raw     string  // the exact substring recognised, e.g. "35 户", "三十五户"
}

// Figures finds the quantities in an item's text, in order. Arabic numbers
// count with or without a unit, Chinese numerals only before a known unit
// or %; dates, times, ordinals and identifiers are skipped. The package
// comment gives the rules for 万元/亿元 and for ranges.
func Figures(text string) []Figure {
	var out []Figure
	for i := 0; i < len(text); {
		f, next, ok := figureAt(text, i)
		if ok {
			out = append(out, f)
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i = max(next, i+size)
	}
	return out
}

// figureAt reads the figure starting at byte i, if any, and returns where
// scanning goes on.
func figureAt(s string, i int) (Figure, int, bool) {
	r, _ := runeAt(s, i)
	switch {
	case strings.HasPrefix(s[i:], "百分之"):
		return percentWord(s, i)
	case isDigit(r):
		return arabicFigure(s, i)
	case strings.ContainsRune(cnNumerals, r):
		return chineseFigure(s, i)
	}
	return Figure{}, i, false
}

func arabicFigure(s string, i int) (Figure, int, bool) {
	if p := runeBefore(s, i); isLatin(p) || p == '_' || p == '.' || fixedPhrase(s, i) {
		return Figure{}, skipToken(s, i), false // G320, No.3, v2, 12345热线
	}
	n, ok := readArabic(s, i)
	if !ok {
		return Figure{}, skipToken(s, i), false
	}
	if ordinalBefore(s, i) {
		return Figure{}, skipToken(s, i), false // 第3季度, 第1-3条
	}
	return complete(s, n, true)
}

func chineseFigure(s string, i int) (Figure, int, bool) {
	n, end, ok := readChinese(s, i, true)
	if !ok || ordinalBefore(s, i) || fixedPhrase(s, i) ||
		s[i:n.end] == "一" && strings.ContainsRune(wordBeforeOne, runeBefore(s, i)) {
		return Figure{}, end, false
	}
	f, next, ok := complete(s, n, true)
	if ok && f.Unit != "" {
		// 一次性, 一元化, 一户一策: the numeral belongs to a set phrase.
		if r, _ := runeAt(s, next); r == '性' || r == '化' || strings.ContainsRune(cnNumerals, r) {
			return Figure{}, next, false
		}
	}
	return f, next, ok
}

func fixedPhrase(s string, i int) bool {
	for _, p := range fixedPhrases {
		if strings.HasPrefix(s[i:], p) {
			return true
		}
	}
	return false
}

// percentWord reads 百分之九十二 (or 百分之92) at byte i.
func percentWord(s string, i int) (Figure, int, bool) {
	j := i + len("百分之")
	var n number
	var ok bool
	if startsDigit(s, j) {
		n, ok = readArabic(s, j)
	} else {
		n, _, ok = readChinese(s, j, false)
	}
	if !ok {
		return Figure{}, i + len("百"), false
	}
	return Figure{Value: n.value(0), Percent: true, Raw: s[i:n.end]}, n.end, true
}
