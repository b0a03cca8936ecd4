package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// A kept deadline outlives calendar changes; the first keep wins; a new
// rule releases the kept deadlines still ahead and leaves past ones.
func TestKeptDeadlines(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		loc, _ := time.LoadLocation("Asia/Shanghai")
		oct, nov := models.Period{Year: 2026, Month: 10}, models.Period{Year: 2026, Month: 11}
		clock.Set(time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC))
		novDue := time.Date(2026, 11, 30, 18, 0, 0, 0, loc)
		for _, k := range []struct {
			p   models.Period
			due time.Time
		}{{nov, novDue}, {nov, novDue.AddDate(0, 0, -3)}, {oct, time.Date(2026, 10, 30, 18, 0, 0, 0, loc)}} {
			if _, err := st.KeepDeadline(ctx, k.p, k.due); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.SetCalendarDay(ctx, "2026-11-30", models.DayHoliday, "", nil); err != nil {
			t.Fatal(err)
		}
		cal, _ := st.LoadCalendar(ctx)
		rule, err := st.DueRuleNow(ctx)
		if got := rule.Due(nov, loc, cal); err != nil || !got.Equal(novDue) || got.Location() != loc {
			t.Errorf("November's kept deadline: %v %v, want %v", got, err, novDue)
		}
		if err := st.SetDueRule(ctx, models.DueRule{Kind: models.DueLastWorkday, Hour: 17}); err != nil {
			t.Fatal(err)
		}
		rule, _ = st.DueRuleNow(ctx)
		if got := rule.Due(nov, loc, cal); !got.Equal(time.Date(2026, 11, 27, 17, 0, 0, 0, loc)) {
			t.Errorf("after a new rule November is due %v, want the new rule on the calendar", got)
		}
		if got := rule.Due(oct, loc, cal); !got.Equal(time.Date(2026, 10, 30, 18, 0, 0, 0, loc)) {
			t.Errorf("October, past, moved to %v", got)
		}
	})
}

func TestDeadlineCalendar(t *testing.T) {
	cal := models.DeadlineCalendar{Calendar: models.NewHolidayCalendar([]models.CalendarDay{{Date: "2026-11-30", Kind: models.DayHoliday}}),
		Due: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}
	if !cal.IsWorkday(2026, 11, 30) || cal.IsWorkday(2026, 11, 29) || !cal.IsWorkday(2026, 11, 27) {
		t.Error("the deadline's day should count as a working day, and only it")
	}
}
