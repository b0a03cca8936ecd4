package when

import (
	"errors"
	"testing"
	"time"
)

var shanghai = mustLoc("Asia/Shanghai")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// now is Thursday 2026-11-26 10:00 in Shanghai.
var now = time.Date(2026, 11, 26, 10, 0, 0, 0, shanghai)

func TestWhenParse(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"2026-12-03 15:00", "2026-12-03 15:00"},
		{"2026/12/3 9:05", "2026-12-03 09:05"},
		{"2026年12月3日 15:00", "2026-12-03 15:00"},
		{"１２月３日　１５：００", "2026-12-03 15:00"},
		{"12月3日 15:00", "2026-12-03 15:00"},
		{"12月3号15:00", "2026-12-03 15:00"},
		{"12月3日下午3点", "2026-12-03 15:00"},
		{"十二月三日下午三点", "2026-12-03 15:00"},
		{"明天下午3点", "2026-11-27 15:00"},
		{"明天下午两点半", "2026-11-27 14:30"},
		{"后天上午10点半", "2026-11-28 10:30"},
		{"后天上午十点一刻", "2026-11-28 10:15"},
		{"大后天 9点30分", "2026-11-29 09:30"},
		{"今天下午4点", "2026-11-26 16:00"},
		{"今天 16:00", "2026-11-26 16:00"},
		{"明天3点", "2026-11-27 15:00"}, // an hour 1–6 without 上午 is the afternoon
		{"明天凌晨3点", "2026-11-27 03:00"},
		{"明天 08:00", "2026-11-27 08:00"},
		{"明天中午12点", "2026-11-27 12:00"},
		{"明天晚上7点", "2026-11-27 19:00"},
		{"周三 15:00", "2026-12-02 15:00"}, // the next Wednesday
		{"周四 15:00", "2026-12-03 15:00"}, // today is Thursday: the next one
		{"星期五下午3点", "2026-11-27 15:00"},
		{"礼拜天 10:00", "2026-11-29 10:00"},
		{"本周五 10:00", "2026-11-27 10:00"},
		{"这周六 10:00", "2026-11-28 10:00"},
		{"下周三 15:00", "2026-12-02 15:00"},
		{"下周一上午9点", "2026-11-30 09:00"},
		{"下下周三 15:00", "2026-12-09 15:00"},
		{"下个星期三下午3点", "2026-12-02 15:00"},
		{"3号 15:00", "2026-12-03 15:00"}, // the 3rd has passed this month
		{"28号下午3点", "2026-11-28 15:00"},
		{"1月5日 10:00", "2027-01-05 10:00"}, // long past this year: next year
		{"tomorrow 3pm", "2026-11-27 15:00"},
		{"Wed 15:00", "2026-12-02 15:00"},
		{"next wednesday 9:30am", "2026-12-02 09:30"},
		{"Dec 3 15:00", "2026-12-03 15:00"},
		{"12月3日 15:00 整", "2026-12-03 15:00"},
	} {
		got, err := Parse(tc.in, now, shanghai)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if s := got.Format("2006-01-02 15:04"); s != tc.want || got.Location() != shanghai {
			t.Errorf("Parse(%q) = %s %v, want %s", tc.in, s, got.Location(), tc.want)
		}
	}
}

func TestWhenParseRefuses(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want error
	}{
		{"下午3点", ErrNeedDay},
		{"15:00", ErrNeedDay},
		{"3pm", ErrNeedDay},
		{"明天", ErrNeedTime},
		{"下周三下午", ErrNeedTime},
		{"", ErrUnreadable},
		{"改天再说", ErrUnreadable},
		{"明天下午3点到4点", ErrUnreadable},
	} {
		if _, err := Parse(tc.in, now, shanghai); !errors.Is(err, tc.want) {
			t.Errorf("Parse(%q) = %v, want %v", tc.in, err, tc.want)
		}
	}
}

func TestWhenParseInvalidDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want InvalidDateError
	}{
		{"2月30日 15:00", InvalidDateError{Month: 2, Day: 30}},
		{"2026-02-30 15:00", InvalidDateError{Year: 2026, Month: 2, Day: 30}},
		{"13月1日 10:00", InvalidDateError{Month: 13, Day: 1}},
		{"2月29日 10:00", InvalidDateError{Month: 2, Day: 29}}, // 2027 is no leap year
		{"11月31日 10:00", InvalidDateError{Month: 11, Day: 31}},
	} {
		_, err := Parse(tc.in, now, shanghai)
		var got *InvalidDateError
		if !errors.As(err, &got) || *got != tc.want {
			t.Errorf("Parse(%q) = %v, want %+v", tc.in, err, tc.want)
		}
	}
	_, err := Parse("明天 25:00", now, shanghai)
	var bad *InvalidTimeError
	if !errors.As(err, &bad) || bad.Hour != 25 {
		t.Errorf("Parse(明天 25:00) = %v", err)
	}
}

// Days gone are read, so that the answer is "that is in the past", not
// "cannot read that".
func TestWhenParsePast(t *testing.T) {
	for in, want := range map[string]string{
		"今天上午9点":           "2026-11-26 09:00",
		"今天 10:00":         "2026-11-26 10:00",
		"11月20日 15:00":     "2026-11-20 15:00",
		"2026-11-25 15:00": "2026-11-25 15:00",
		"本周三 15:00":        "2026-11-25 15:00",
		"昨天下午3点":           "2026-11-25 15:00",
		"昨日 9:30":          "2026-11-25 09:30",
		"前天上午十点":           "2026-11-24 10:00",
		"大前天 15:00":        "2026-11-23 15:00",
		"上周三下午3点":          "2026-11-18 15:00",
		"上个星期五 10:00":      "2026-11-20 10:00",
		"上上周一 9:00":        "2026-11-09 09:00",
		"yesterday 3pm":    "2026-11-25 15:00",
		"last wed 15:00":   "2026-11-18 15:00",
	} {
		_, err := Parse(in, now, shanghai)
		var past *PastError
		if !errors.As(err, &past) || past.At.Format("2006-01-02 15:04") != want {
			t.Errorf("Parse(%q) = %v, want %s in the past", in, err, want)
		}
	}
	for in, want := range map[string]string{"昨天": "2026-11-25", "上周一": "2026-11-16", "3天前": "2026-11-23",
		"两周前": "2026-11-12", "2 days ago": "2026-11-24"} {
		_, err := ParseDate(in, now, shanghai)
		var past *PastError
		if !errors.As(err, &past) || past.At.Format("2006-01-02") != want {
			t.Errorf("ParseDate(%q) = %v, want %s in the past", in, err, want)
		}
	}
}

func TestWhenParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2027-01-15", "2027-01-15"},
		{"1月15日", "2027-01-15"},
		{"12月20号", "2026-12-20"},
		{"下周三", "2026-12-02"},
		{"明天", "2026-11-27"},
		{"两周后", "2026-12-10"},
		{"30天后", "2026-12-26"},
		{"3个月后", "2027-02-26"},
		{"in 2 weeks", "2026-12-10"},
	} {
		got, err := ParseDate(tc.in, now, shanghai)
		if err != nil || got.Format("2006-01-02 15:04") != tc.want+" 00:00" {
			t.Errorf("ParseDate(%q) = %v %v, want %s", tc.in, got, err, tc.want)
		}
	}
	var past *PastError
	if _, err := ParseDate("今天", now, shanghai); !errors.As(err, &past) {
		t.Errorf("ParseDate(今天) = %v, want past", err)
	}
	var bad *InvalidDateError
	if _, err := ParseDate("2月30日", now, shanghai); !errors.As(err, &bad) {
		t.Errorf("ParseDate(2月30日) = %v", err)
	}
	if _, err := ParseDate("明天下午3点", now, shanghai); !errors.Is(err, ErrUnreadable) {
		t.Errorf("ParseDate with a time = %v", err)
	}
}

func TestWhenFormat(t *testing.T) {
	at := time.Date(2026, 12, 3, 15, 0, 0, 0, shanghai)
	if got := FormatZH(at); got != "2026年12月3日（周四）15:00" {
		t.Errorf("FormatZH = %q", got)
	}
	if got := FormatEN(at); got != "Thu 3 Dec 2026, 15:00" {
		t.Errorf("FormatEN = %q", got)
	}
}

type holidays map[string]bool

func (h holidays) IsWorkday(y int, m time.Month, d int) bool {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if v, ok := h[t.Format("2006-01-02")]; ok {
		return v
	}
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}

func TestWhenOutsideWorkingHours(t *testing.T) {
	cal := holidays{"2027-01-01": false, "2026-12-05": true} // a holiday; a make-up Saturday
	for _, tc := range []struct {
		at   string
		want bool
	}{
		{"2026-12-03 08:30", false},
		{"2026-12-03 08:29", true},
		{"2026-12-03 17:30", false},
		{"2026-12-03 17:31", true},
		{"2026-12-03 12:00", false},
		{"2026-11-28 10:00", true},  // Saturday
		{"2026-12-05 10:00", false}, // make-up workday
		{"2027-01-01 10:00", true},  // holiday
	} {
		at, _ := time.ParseInLocation("2006-01-02 15:04", tc.at, shanghai)
		if got := OutsideWorkingHours(at.UTC(), shanghai, cal); got != tc.want {
			t.Errorf("OutsideWorkingHours(%s) = %v, want %v", tc.at, got, tc.want)
		}
	}
	sat := time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai)
	if !OutsideWorkingHours(sat, shanghai, nil) {
		t.Error("a nil calendar should rest on Saturday")
	}
}
