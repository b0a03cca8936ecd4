package items

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	cnDigits   = "零〇一二两三四五六七八九"
	cnNumerals = cnDigits + "十百千万亿"
	maxCNRunes = 16 // longer runs are not a count anyone types
)

// cnDigitValue gives each Chinese digit its value; 两 is the 2 of counting.
var cnDigitValue = map[rune]int64{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// readChinese reads 三十五, 两千, 一万五, 三点五 or 三点五万 at byte i. When
// strict, the run must start with a digit or 十 (十户): 千家万户, 百姓 and
// 万一 are words. end is where the run stops either way.
func readChinese(s string, i int, strict bool) (n number, end int, ok bool) {
	j := numeralRunEnd(s, i)
	run := s[i:j]
	v, ok := cnInt(run)
	first, _ := utf8.DecodeRuneInString(run)
	if j == i || !ok || strict && !strings.ContainsRune(cnDigits+"十", first) {
		return number{}, max(j, i+1), false
	}
	n = number{start: i, end: j, mant: strconv.FormatInt(v, 10), kind: chinese}
	if frac, k := cnFraction(s, j); frac != "" {
		n.mant += "." + frac
		n.end = k
		if r, size := runeAt(s, k); r == '万' || r == '亿' {
			n.mult, n.last, n.end = multiplierPowers[r], r, k+size
		}
		return n, n.end, true
	}
	// Keep a closing 万 or 亿 apart so 两千万元 can stay in 万元.
	for _, r := range []rune{'万', '亿'} {
		if strings.HasSuffix(run, string(r)) {
			p := multiplierPowers[r]
			n.mant = strconv.FormatInt(v/pow10(p), 10)
			n.mult, n.last = p, r
			break
		}
	}
	return n, j, true
}

// numeralRunEnd finds the end of the Chinese numerals from byte i, stopping
// before a unit that starts like a numeral: 三千米 is 3 千米.
func numeralRunEnd(s string, i int) int {
	j := i
	for {
		r, size := runeAt(s, j)
		if !strings.ContainsRune(cnNumerals, r) || j > i && numeralUnitAt(s, j) {
			break
		}
		j += size
	}
	return j
}

func numeralUnitAt(s string, j int) bool {
	first, _ := utf8.DecodeRuneInString(unitAt(s, j, arabic))
	return strings.ContainsRune(cnNumerals, first)
}

// cnFraction reads the digits after 点 in 三点五; 一点 alone is "a little".
func cnFraction(s string, i int) (string, int) {
	r, size := runeAt(s, i)
	if r != '点' {
		return "", i
	}
	var b []byte
	j := i + size
	for r, size := runeAt(s, j); ; r, size = runeAt(s, j) {
		d, ok := cnDigitValue[r]
		if !ok || r == '两' {
			break
		}
		b = append(b, byte('0'+d))
		j += size
	}
	if len(b) == 0 {
		return "", i
	}
	return string(b), j
}

func pow10(p int) int64 {
	v := int64(1)
	for range p {
		v *= 10
	}
	return v
}

// cnInt reads a whole Chinese numeral: 三十五, 一百零五, 两千, 一万五 (15000,
// as said aloud), 一亿两千万. Digit strings (二〇二六, 一二) are refused:
// they are years and codes, not counts.
func cnInt(run string) (int64, bool) {
	if run == "" || utf8.RuneCountInString(run) > maxCNRunes {
		return 0, false
	}
	var p cnParser
	for _, r := range run {
		if !p.add(r) {
			return 0, false
		}
	}
	return p.total()
}

// cnParser accumulates a Chinese numeral rune by rune: yi holds what 亿
// scaled, wan what 万 scaled, sec the part under 万, num the pending digit.
type cnParser struct {
	yi, wan, sec, num float64
	digit             bool    // the last rune was a nonzero digit
	zero              bool    // a 零 came since the last multiplier
	lastMult, secMult float64 // the last multiplier; the smallest in sec
}

func (p *cnParser) add(r rune) bool {
	if d, ok := cnDigitValue[r]; ok {
		if p.digit {
			return false // 一二, 二〇
		}
		p.num, p.digit, p.zero = float64(d), d != 0, p.zero || d == 0
		return true
	}
	switch r {
	case '十', '百', '千':
		if !p.addSmall(cnMultiplier(r)) {
			return false
		}
	case '万', '亿':
		p.addLarge(r)
	default:
		return false
	}
	p.num, p.digit, p.zero = 0, false, false
	return true
}

// addSmall applies 十, 百 or 千 to the pending digit; they must fall within
// a section (百 before 十), or the run is not a number.
func (p *cnParser) addSmall(m float64) bool {
	if p.secMult != 0 && m >= p.secMult {
		return false // 十百, 百百
	}
	if !p.digit {
		p.num = 1 // 十五 is 15
	}
	p.sec += p.num * m
	p.secMult, p.lastMult = m, m
	return true
}

// addLarge closes a section with 万, or everything so far with 亿.
func (p *cnParser) addLarge(r rune) {
	m := cnMultiplier(r)
	part := p.sec + p.num
	if r == '亿' {
		part += p.yi + p.wan
		p.yi, p.wan = 0, 0
	}
	part = max(part, 1) // a bare 万 is ten thousand
	if r == '亿' {
		p.yi = part * m
	} else {
		p.wan += part * m
	}
	p.sec, p.secMult, p.lastMult = 0, 0, m
}

func (p *cnParser) total() (int64, bool) {
	num := p.num
	if p.digit && !p.zero && p.lastMult >= 100 {
		num *= p.lastMult / 10 // 两千五 is 2500, 一万五 is 15000
	}
	v := p.yi + p.wan + p.sec + num
	if v > 1e15 {
		return 0, false
	}
	return int64(v), true
}

func cnMultiplier(r rune) float64 {
	switch r {
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	case '万':
		return 1e4
	}
	return 1e8
}
