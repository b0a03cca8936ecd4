package when

import (
	"fmt"
	"time"
)

var weekdaysZH = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// FormatZH writes t as it is echoed for confirmation: 2026年12月3日（周四）15:00.
func FormatZH(t time.Time) string { return DateZH(t) + t.Format("15:04") }

// DateZH writes t's day: 2026年12月3日（周四）.
func DateZH(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日（%s）", t.Year(), t.Month(), t.Day(), weekdaysZH[t.Weekday()])
}

// FormatEN writes t as Thu 3 Dec 2026, 15:00.
func FormatEN(t time.Time) string { return t.Format("Mon 2 Jan 2006, 15:04") }

// DateEN writes t's day as Thu 3 Dec 2026.
func DateEN(t time.Time) string { return t.Format("Mon 2 Jan 2006") }
