package models_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func isWorkday(c models.Calendar, date string) bool { return c.IsWorkday(day(date).Date()) }

func TestOfficialCalendar(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		cal, err := st.LoadCalendar(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for date, want := range map[string]bool{
			"2026-10-01": false, // National Day, a Thursday
			"2026-10-08": true,  // the Thursday after the week off
			"2026-10-10": true,  // Saturday, make-up workday (调休)
			"2026-09-20": true,  // Sunday, make-up workday for National Day
			"2026-09-27": false, // Sunday, Mid-Autumn holiday; the shipped file lists no make-up day here
			"2026-02-14": true,  // Saturday before Spring Festival, make-up workday
			"2026-02-16": false, // Spring Festival, Monday
			"2026-11-02": true,  // an ordinary Monday
			"2026-11-07": false, // an ordinary Saturday
			"2027-01-04": true,  // past the shipped years: Monday to Friday
		} {
			if got := isWorkday(cal, date); got != want {
				t.Errorf("IsWorkday(%s) = %v, want %v", date, got, want)
			}
		}
		if d, ok := cal.Day(2026, 10, 1); !ok || d.Name != "国庆节" || d.Source != models.SourceOfficial {
			t.Errorf("2026-10-01 = %+v, %v", d, ok)
		}
	})
}

func TestAddWorkdaysAcrossNationalDay(t *testing.T) {
	cal, err := models.ParseCalendarCSV(mustRead(t))
	if err != nil {
		t.Fatal(err)
	}
	c := models.NewHolidayCalendar(cal)
	shanghai, _ := models.LoadZone("Asia/Shanghai")
	sep30 := time.Date(2026, 9, 30, 17, 45, 0, 0, shanghai) // Wednesday, the last workday before the break
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "2026-09-30"}, {1, "2026-10-08"}, {2, "2026-10-09"}, {3, "2026-10-10"}, {4, "2026-10-12"}, {-1, "2026-09-29"}} {
		got := c.AddWorkdays(sep30, tc.n)
		if got.Format("2006-01-02") != tc.want || got.Location() != shanghai || got.Hour() != 0 {
			t.Errorf("AddWorkdays(9-30, %d) = %s, want %s at midnight in Shanghai", tc.n, got, tc.want)
		}
	}
	if got := c.NextWorkday(day("2026-10-03")); got.Format("2006-01-02") != "2026-10-08" {
		t.Errorf("NextWorkday(10-03) = %s", got)
	}
	if got := c.PrevWorkday(day("2026-10-08")); got.Format("2006-01-02") != "2026-09-30" {
		t.Errorf("PrevWorkday(10-08) = %s", got)
	}
	var none *models.HolidayCalendar // Monday to Friday
	if got := none.NextWorkday(day("2026-10-02")); got.Format("2006-01-02") != "2026-10-05" {
		t.Errorf("nil calendar NextWorkday(Fri 10-02) = %s", got)
	}
}

func mustRead(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("calendar_cn.csv")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAdminDaySurvivesSeed(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		admin := int64(3)
		// The county keeps 10-08 off too, and works on the official holiday 10-07.
		if err := st.SetCalendarDay(ctx, "2026-10-08", "holiday", "县里补休", &admin); err != nil {
			t.Fatal(err)
		}
		if err := st.SetCalendarDay(ctx, "2026-10-07", "workday", "", &admin); err != nil {
			t.Fatal(err)
		}
		if err := st.SetCalendarDay(ctx, "2026-10-32", "holiday", "", &admin); err == nil {
			t.Fatal("bad date accepted")
		}
		if err := st.SeedCalendar(ctx); err != nil {
			t.Fatal(err)
		}
		if err := st.SeedCalendar(ctx); err != nil {
			t.Fatal(err)
		}
		cal, _ := st.LoadCalendar(ctx)
		if isWorkday(cal, "2026-10-08") || !isWorkday(cal, "2026-10-07") {
			t.Fatal("seeding overwrote an admin's days")
		}
		if d, _ := cal.Day(2026, 10, 7); d.Source != models.SourceAdmin {
			t.Fatalf("10-07 = %+v", d)
		}
		// Deleting the admin's decision restores the official day.
		if err := st.DeleteCalendarDay(ctx, "2026-10-07", &admin); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteCalendarDay(ctx, "2026-10-08", &admin); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteCalendarDay(ctx, "2026-10-01", &admin); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("deleting an official day: %v, want ErrNotFound", err)
		}
		cal, _ = st.LoadCalendar(ctx)
		if d, ok := cal.Day(2026, 10, 7); !ok || d.Source != models.SourceOfficial || d.Kind != models.DayHoliday {
			t.Fatalf("10-07 after delete = %+v, %v", d, ok)
		}
		if _, ok := cal.Day(2026, 10, 8); ok || !isWorkday(cal, "2026-10-08") {
			t.Fatal("10-08 is still listed after delete")
		}
		if es, _ := st.AuditEntries(ctx, "calendar.set", 10); len(es) != 2 || es[0].Target != "2026-10-07" || *es[0].ActorID != admin {
			t.Fatalf("audit set = %+v", es)
		}
		if es, _ := st.AuditEntries(ctx, "calendar.delete", 10); len(es) != 2 {
			t.Fatalf("audit delete = %+v", es)
		}
		if days, _ := st.CalendarDays(ctx, 2025); len(days) != 33 {
			t.Fatalf("2025 has %d listed days, want 33", len(days))
		}
	})
}

func TestImportCalendar(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		bad := "# 2027, draft\ndate,type,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n2027-02-06,rest,春节\n" +
			"2027-01-01,holiday,again\n\n2027-03-01\n"
		_, err := st.ImportCalendar(ctx, []byte(bad))
		var probs models.CalendarProblems
		if !errors.As(err, &probs) {
			t.Fatalf("import bad file: %v, want CalendarProblems", err)
		}
		want := []string{
			`line 4: date "2027-02-30" is not a day`,
			`line 5: type "rest": use holiday or workday`,
			`line 6: 2027-01-01 is already listed on line 3`,
			`line 8: expected date,type,name (2 or 3 fields), got 1 fields`,
		}
		if len(probs) != len(want) {
			t.Fatalf("problems:\n%v", err)
		}
		for i, w := range want {
			if !strings.HasPrefix(probs[i].String(), w) {
				t.Errorf("problem %d = %q, want %q", i, probs[i], w)
			}
		}
		_, err = st.ImportCalendar(ctx, []byte("date,type,name\n2027-\"04-01,holiday\n"))
		if !errors.As(err, &probs) || len(probs) != 1 || !strings.HasPrefix(probs[0].String(), "line 2: ") {
			t.Fatalf("CSV syntax error: %v", err)
		}
		if days, _ := st.CalendarDays(ctx, 2027); len(days) != 0 {
			t.Fatalf("a bad file wrote %d days", len(days))
		}
		good := "\ufeffdate,type,name\n2027-01-01,holiday,元旦\n2027-02-06, workday ,春节调休上班\n2026-10-08,holiday\n"
		n, err := st.ImportCalendar(ctx, []byte(good))
		if err != nil || n != 3 {
			t.Fatalf("import = %d, %v", n, err)
		}
		cal, _ := st.LoadCalendar(ctx)
		if isWorkday(cal, "2027-01-01") || !isWorkday(cal, "2027-02-06") || isWorkday(cal, "2026-10-08") {
			t.Fatal("imported days not in effect")
		}
		if es, _ := st.AuditEntries(ctx, "calendar.import", 10); len(es) != 1 {
			t.Fatalf("audit = %+v", es)
		}
		if _, err := st.ImportCalendar(ctx, []byte("# nothing\n")); !errors.As(err, &probs) {
			t.Fatalf("empty file: %v", err)
		}
	})
}
