package jobs_test

import (
	"os"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
)

func officialCalendar(t *testing.T) *models.HolidayCalendar {
	t.Helper()
	b, err := os.ReadFile("../models/calendar_cn.csv")
	if err != nil {
		t.Fatal(err)
	}
	days, err := models.ParseCalendarCSV(b)
	if err != nil {
		t.Fatal(err)
	}
	return models.NewHolidayCalendar(days)
}

func TestDeliverable(t *testing.T) {
	cal := officialCalendar(t)
	q0, q1 := models.DefaultQuietStart, models.DefaultQuietEnd
	for _, tc := range []struct {
		name       string
		at, want   time.Time
		start, end time.Duration
	}{
		{"Friday night waits for Monday morning", local(2026, 11, 6, 22, 0), local(2026, 11, 9, 8, 0), q0, q1},
		{"a workday afternoon goes at once", local(2026, 11, 4, 14, 30), local(2026, 11, 4, 14, 30), q0, q1},
		{"early morning waits for 08:00", local(2026, 11, 4, 6, 59), local(2026, 11, 4, 8, 0), q0, q1},
		{"08:00 sharp is allowed", local(2026, 11, 4, 8, 0), local(2026, 11, 4, 8, 0), q0, q1},
		{"21:00 sharp is quiet", local(2026, 11, 4, 21, 0), local(2026, 11, 5, 8, 0), q0, q1},
		{"a Saturday make-up workday (调休) is deliverable", local(2026, 10, 10, 10, 0), local(2026, 10, 10, 10, 0), q0, q1},
		{"the Sunday make-up workday before National Day", local(2026, 9, 20, 7, 0), local(2026, 9, 20, 8, 0), q0, q1},
		{"the National Day week is held to the next workday", local(2026, 10, 1, 10, 0), local(2026, 10, 8, 8, 0), q0, q1},
		{"the evening before the holidays too", local(2026, 9, 30, 21, 30), local(2026, 10, 8, 8, 0), q0, q1},
		{"Spring Festival", local(2026, 2, 14, 22, 0), local(2026, 2, 24, 8, 0), q0, q1},
		{"a daytime window", local(2026, 11, 4, 12, 30), local(2026, 11, 4, 14, 0), 12 * time.Hour, 14 * time.Hour},
		{"equal bounds: no quiet hours", local(2026, 11, 4, 3, 0), local(2026, 11, 4, 3, 0), 0, 0},
	} {
		got := jobs.Deliverable(tc.at.UTC(), shanghai, cal, tc.start, tc.end)
		if !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("%s: Deliverable(%s) = %s, want %s (UTC)", tc.name, tc.at, got.In(shanghai), tc.want)
		}
	}
	// Without a calendar: Monday to Friday.
	if got := jobs.Deliverable(local(2026, 10, 1, 10, 0), shanghai, nil, q0, q1); !got.Equal(local(2026, 10, 1, 10, 0)) {
		t.Errorf("no calendar: %s", got)
	}
}
