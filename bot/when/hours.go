package when

import "time"

// Calendar tells which days are working days; models.Calendar is one.
type Calendar interface {
	IsWorkday(year int, month time.Month, day int) bool
}

// Working hours, in minutes after midnight.
const (
	dayStarts = 8*60 + 30
	dayEnds   = 17*60 + 30
)

// OutsideWorkingHours tells whether t, read in loc, falls before 08:30,
// after 17:30 or on a day cal counts as a rest day (Saturday and Sunday
// when cal is nil).
func OutsideWorkingHours(t time.Time, loc *time.Location, cal Calendar) bool {
	t = t.In(loc)
	if m := t.Hour()*60 + t.Minute(); m < dayStarts || m > dayEnds {
		return true
	}
	if cal == nil {
		return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday
	}
	return !cal.IsWorkday(t.Date())
}
