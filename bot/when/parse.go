package when

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// Errors Parse and ParseDate return besides *InvalidDateError,
// *InvalidTimeError and *PastError.
var (
	ErrNeedDay    = errors.New("a day is needed, not only a time of day")
	ErrNeedTime   = errors.New("a time of day is needed, not only a day")
	ErrUnreadable = errors.New("not a time that can be read")
)

// InvalidDateError is a date that does not exist, such as 2月30日. Year is
// 0 when the text gave none.
type InvalidDateError struct {
	Year       int
	Month, Day int
}

func (e *InvalidDateError) Error() string {
	if e.Year != 0 {
		return fmt.Sprintf("%d年%d月%d日 is not a date", e.Year, e.Month, e.Day)
	}
	return fmt.Sprintf("%d月%d日 is not a date", e.Month, e.Day)
}

// InvalidTimeError is a time of day that does not exist, such as 25:00.
type InvalidTimeError struct{ Hour, Minute int }

func (e *InvalidTimeError) Error() string {
	return fmt.Sprintf("%d:%02d is not a time of day", e.Hour, e.Minute)
}

// PastError is a time that was read but is not after now.
type PastError struct{ At time.Time }

func (e *PastError) Error() string {
	return fmt.Sprintf("%s is not in the future", e.At.Format("2006-01-02 15:04"))
}

// Parse reads a day and a time of day typed in Chinese (or plain English:
// "tomorrow 3pm", "Wed 15:00") as a time in loc after now.
func Parse(text string, now time.Time, loc *time.Location) (time.Time, error) {
	now = now.In(loc)
	s := normalize(text)
	day, rest, err := readDay(s, now)
	if err != nil {
		return time.Time{}, err
	}
	clock, rest, err := readClock(rest)
	if err != nil {
		return time.Time{}, err
	}
	switch {
	case day == nil && clock != nil && onlyFiller(rest):
		return time.Time{}, ErrNeedDay
	case day != nil && clock == nil:
		return time.Time{}, ErrNeedTime
	case day == nil || !onlyFiller(rest):
		return time.Time{}, ErrUnreadable
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), clock.hour, clock.minute, 0, 0, loc)
	if !t.After(now) {
		return t, &PastError{At: t}
	}
	return t, nil
}

// ParseDate reads a day alone ("2027-01-15", "1月15日", "下周三", "两周后",
// "in 2 weeks") as midnight in loc; the day must come after now's day.
func ParseDate(text string, now time.Time, loc *time.Location) (time.Time, error) {
	now = now.In(loc)
	s := normalize(text)
	day, rest, err := readDay(s, now)
	if err != nil {
		return time.Time{}, err
	}
	if day == nil {
		day, rest = readAfter(s, now)
	}
	if day == nil || !onlyFiller(rest) {
		return time.Time{}, ErrUnreadable
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	if !t.After(now) {
		return t, &PastError{At: t}
	}
	return t, nil
}

var (
	reAbs     = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?`)
	reMonthDy = regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?`)
	reMonthEN = regexp.MustCompile(`\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(\d{1,2})(?:st|nd|rd|th)?\b`)
	reRel     = regexp.MustCompile(`大后天|后天|明天|今天|明日|今日|大前天|前天|昨天|昨日|the day after tomorrow|the day before yesterday|tomorrow|today|yesterday`)
	reWeek    = regexp.MustCompile(`(下+个?|上+个?|本|这个?)?\s*(?:周|星期|礼拜)\s*([一二三四五六日天1-7])`)
	reWeekEN  = regexp.MustCompile(`\b(?:(next|this|last)\s+)?(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|s|nesday|rs|r|rsday|urday)?\b\.?`)
	reDayOnly = regexp.MustCompile(`(\d{1,2})\s*[日号]`)
	reAfter   = regexp.MustCompile(`(\d{1,3})\s*(天|周|个?星期|个?礼拜|个?月)\s*([以之]?[后前])|\b(?:in\s+(\d{1,3})\s+(day|week|month)s?|(\d{1,3})\s+(day|week|month)s?\s+ago)\b`)

	marker    = `(上午|早上|早晨|中午|下午|午后|傍晚|晚上|凌晨)?\s*`
	reColon   = regexp.MustCompile(marker + `(\d{1,2}):(\d{2})(?:\s*(am|pm))?`)
	reDian    = regexp.MustCompile(marker + `(\d{1,2})\s*[点时](?:\s*(半)|\s*(\d)\s*刻|\s*(\d{1,2})\s*分?)?`)
	reAMPM    = regexp.MustCompile(`\b(\d{1,2})\s*(am|pm)\b`)
	reFiller  = regexp.MustCompile(`^[\s,，、。.的在于整]*$`)
	monthsEN  = "janfebmaraprmayjunjulaugsepoctnovdec"
	weekdayCN = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7,
		"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7}
	weekdayEN = map[string]int{"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
)

func onlyFiller(s string) bool { return reFiller.MatchString(s) }

// cut removes the first match of re from s.
func cut(s string, loc []int) string { return s[:loc[0]] + " " + s[loc[1]:] }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// readDay finds the day the text names, if any, and returns the text
// without it.
func readDay(s string, now time.Time) (*time.Time, string, error) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	if m := reAbs.FindStringSubmatchIndex(s); m != nil {
		y, mo, d := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		t, err := date(y, mo, d, now.Location(), true)
		return t, cut(s, m), err
	}
	if m := reMonthDy.FindStringSubmatchIndex(s); m != nil {
		t, err := yearless(atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), today)
		return t, cut(s, m), err
	}
	if m := reMonthEN.FindStringSubmatchIndex(s); m != nil {
		mo := strings.Index(monthsEN, s[m[2]:m[3]])/3 + 1
		t, err := yearless(mo, atoi(s[m[4]:m[5]]), today)
		return t, cut(s, m), err
	}
	if m := reRel.FindStringIndex(s); m != nil {
		add := map[string]int{"今天": 0, "今日": 0, "today": 0, "明天": 1, "明日": 1, "tomorrow": 1,
			"后天": 2, "the day after tomorrow": 2, "大后天": 3,
			"昨天": -1, "昨日": -1, "yesterday": -1, "前天": -2, "the day before yesterday": -2, "大前天": -3}[s[m[0]:m[1]]]
		t := today.AddDate(0, 0, add)
		return &t, cut(s, m), nil
	}
	if m := reWeek.FindStringSubmatchIndex(s); m != nil {
		prefix := ""
		if m[2] >= 0 {
			prefix = s[m[2]:m[3]]
		}
		t := weekday(today, weekdayCN[s[m[4]:m[5]]], prefix)
		return &t, cut(s, m), nil
	}
	if m := reWeekEN.FindStringSubmatchIndex(s); m != nil {
		prefix := ""
		switch group(s, m, 1) {
		case "this":
			prefix = "本"
		case "last":
			prefix = "上"
		}
		t := weekday(today, weekdayEN[s[m[4]:m[5]]], prefix)
		return &t, cut(s, m), nil
	}
	if m := reDayOnly.FindStringSubmatchIndex(s); m != nil {
		d := atoi(s[m[2]:m[3]])
		y, mo := today.Year(), int(today.Month())
		if d < today.Day() {
			if mo++; mo > 12 {
				y, mo = y+1, 1
			}
		}
		t, err := date(y, mo, d, now.Location(), false)
		return t, cut(s, m), err
	}
	return nil, s, nil
}

// readAfter reads "N天后", "两周后", "3个月后", "in 2 weeks", and the days
// gone: "3天前", "2 weeks ago" (which the caller refuses as past).
func readAfter(s string, now time.Time) (*time.Time, string) {
	m := reAfter.FindStringSubmatchIndex(s)
	if m == nil {
		return nil, s
	}
	var n int
	var unit string
	switch {
	case m[2] >= 0:
		n, unit = atoi(group(s, m, 1)), group(s, m, 2)
		if strings.HasSuffix(group(s, m, 3), "前") {
			n = -n
		}
	case m[8] >= 0:
		n, unit = atoi(group(s, m, 4)), group(s, m, 5)
	default:
		n, unit = -atoi(group(s, m, 6)), group(s, m, 7)
	}
	t := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch {
	case unit == "天" || unit == "day":
		t = t.AddDate(0, 0, n)
	case strings.HasSuffix(unit, "月") || unit == "month":
		t = t.AddDate(0, n, 0)
	default:
		t = t.AddDate(0, 0, 7*n)
	}
	return &t, cut(s, m)
}

// date builds a day, refusing one that does not exist.
func date(y, m, d int, loc *time.Location, withYear bool) (*time.Time, error) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		e := &InvalidDateError{Month: m, Day: d}
		if withYear {
			e.Year = y
		}
		return nil, e
	}
	return &t, nil
}

// yearless places a month and day without a year: this year, unless that
// day is more than a month gone, then next year. A day just gone stays in
// this year, so that a slip reads as "in the past" and not as next year.
func yearless(m, d int, today time.Time) (*time.Time, error) {
	t, err := date(today.Year(), m, d, today.Location(), false)
	if err != nil {
		return nil, err
	}
	if t.Before(today.AddDate(0, 0, -30)) {
		return date(today.Year()+1, m, d, today.Location(), false)
	}
	return t, nil
}

// weekday finds day wd (1 Monday … 7 Sunday): "本周三" in this week, "下周三"
// in the next (one week further per 下), "上周三" in the last (one week
// back per 上), a plain "周三" the first one after today.
func weekday(today time.Time, wd int, prefix string) time.Time {
	cur := int(today.Weekday())
	if cur == 0 {
		cur = 7
	}
	monday := today.AddDate(0, 0, 1-cur)
	switch {
	case strings.HasPrefix(prefix, "下"):
		return monday.AddDate(0, 0, 7*strings.Count(prefix, "下")+wd-1)
	case strings.HasPrefix(prefix, "上"):
		return monday.AddDate(0, 0, -7*strings.Count(prefix, "上")+wd-1)
	case prefix != "":
		return monday.AddDate(0, 0, wd-1)
	}
	ahead := (wd - cur + 7) % 7
	if ahead == 0 {
		ahead = 7
	}
	return today.AddDate(0, 0, ahead)
}

type clock struct{ hour, minute int }

// readClock finds a time of day, if any, and returns the text without it.
func readClock(s string) (*clock, string, error) {
	var (
		mark, suffix string
		h, min       int
		guess        bool // an hour written without 上午/下午 may mean the afternoon
		loc          []int
	)
	if m := reColon.FindStringSubmatchIndex(s); m != nil {
		loc, h, min = m[:2], atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		mark, suffix = group(s, m, 1), group(s, m, 4)
		guess = m[5]-m[4] == 1
	} else if m := reDian.FindStringSubmatchIndex(s); m != nil {
		loc, h, mark, guess = m[:2], atoi(s[m[4]:m[5]]), group(s, m, 1), true
		switch {
		case m[6] >= 0:
			min = 30
		case m[8] >= 0:
			min = 15 * atoi(s[m[8]:m[9]])
		case m[10] >= 0:
			min = atoi(s[m[10]:m[11]])
		}
	} else if m := reAMPM.FindStringSubmatchIndex(s); m != nil {
		loc, h, suffix = m[:2], atoi(s[m[2]:m[3]]), s[m[4]:m[5]]
	} else {
		return nil, s, nil
	}
	rest := cut(s, loc)
	h = adjustHour(h, mark, suffix, guess)
	if h < 0 || h > 23 || min < 0 || min > 59 {
		return nil, rest, &InvalidTimeError{Hour: h, Minute: min}
	}
	return &clock{h, min}, rest, nil
}

func group(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// adjustHour turns an hour and its 上午/下午 into a 24-hour hour.
func adjustHour(h int, mark, suffix string, guess bool) int {
	switch {
	case suffix == "pm" || mark == "下午" || mark == "午后" || mark == "傍晚" || mark == "晚上":
		if h < 12 {
			h += 12
		}
	case mark == "中午":
		if h >= 1 && h <= 5 {
			h += 12
		}
	case suffix == "am" || mark == "凌晨":
		if h == 12 {
			h = 0
		}
	case mark == "" && guess && h >= 1 && h <= 6:
		h += 12
	}
	return h
}

// normalize folds full-width digits and punctuation, lower-cases, and
// writes Chinese numerals as digits, except a weekday's (周三 stays 周三).
func normalize(text string) string {
	s := strings.ToLower(width.Fold.String(strings.TrimSpace(text)))
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isCNDigit(rs[i]) || (i > 0 && strings.ContainsRune("周期拜", rs[i-1])) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && isCNDigit(rs[j]) {
			j++
		}
		b.WriteString(cnNumber(rs[i:j]))
		i = j
	}
	return b.String()
}

const cnDigits = "〇一二三四五六七八九"

func isCNDigit(r rune) bool {
	return r == '十' || r == '两' || r == '零' || strings.ContainsRune(cnDigits, r)
}

func cnDigit(r rune) int {
	switch r {
	case '两':
		return 2
	case '零':
		return 0
	}
	return strings.IndexRune(cnDigits, r) / len("〇")
}

// cnNumber writes 三 as 3, 十二 as 12, 二十三 as 23 and 二〇二六 as 2026.
func cnNumber(rs []rune) string {
	ten := -1
	for i, r := range rs {
		if r == '十' {
			ten = i
		}
	}
	if ten < 0 {
		var b strings.Builder
		for _, r := range rs {
			b.WriteString(strconv.Itoa(cnDigit(r)))
		}
		return b.String()
	}
	tens, ones := 1, 0
	if ten > 0 {
		tens = cnDigit(rs[ten-1])
	}
	if ten+1 < len(rs) {
		ones = cnDigit(rs[ten+1])
	}
	return strconv.Itoa(tens*10 + ones)
}
