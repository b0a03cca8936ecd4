package jobs

import (
	"time"

	"github.com/ganshi/ganshi/models"
)

// Deliverable is the first instant at or after t that falls on a workday
// of cal and outside the quiet hours [quietStart, quietEnd) of loc's day
// (offsets from midnight; the window may wrap past midnight, and equal
// bounds mean no quiet hours). Jobs set Notification.NextAttemptAt to it,
// so a message written at night or on a holiday is held, never dropped.
// The result is in UTC, as the outbox stores it.
func Deliverable(t time.Time, loc *time.Location, cal models.Calendar, quietStart, quietEnd time.Duration) time.Time {
	if cal == nil {
		cal = models.WeekdayCalendar{}
	}
	t = t.In(loc)
	// Ten years of consecutive holidays would be a broken calendar; stop
	// rather than spin.
	for range 3660 {
		y, m, d := t.Date()
		if !cal.IsWorkday(y, m, d) {
			t = at(y, m, d+1, 0, loc)
			continue
		}
		h, mi, s := t.Clock()
		tod := time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(s)*time.Second
		switch {
		case quietStart == quietEnd:
			return t.UTC()
		case quietStart < quietEnd && tod >= quietStart && tod < quietEnd,
			quietStart > quietEnd && tod < quietEnd:
			return at(y, m, d, quietEnd, loc).UTC()
		case quietStart > quietEnd && tod >= quietStart:
			t = at(y, m, d+1, 0, loc)
		default:
			return t.UTC()
		}
	}
	return t.UTC()
}

// at is day y-m-d at offset tod from its midnight, read as a wall-clock
// time (so 08:00 stays 08:00 on a daylight-saving day).
func at(y int, m time.Month, d int, tod time.Duration, loc *time.Location) time.Time {
	return time.Date(y, m, d, int(tod/time.Hour), int(tod%time.Hour/time.Minute), int(tod%time.Minute/time.Second), 0, loc)
}
