package bot

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runHoliday (admins): /holiday lists this year's days that differ from
// Monday–Friday; /holiday add DATE [workday] [NAME] makes a day a holiday
// (or a make-up workday, 调休); /holiday del DATE undoes an admin's change.
func runHoliday(r *request) ([]telegram.Message, error) {
	fields := strings.Fields(r.in.args)
	if len(fields) == 0 {
		return listHolidays(r)
	}
	switch fields[0] {
	case "add":
		if len(fields) < 2 {
			return r.say("holiday_usage"), nil
		}
		kind, name := models.DayHoliday, strings.Join(fields[2:], " ")
		if len(fields) > 2 && (fields[2] == "workday" || fields[2] == "调休" || fields[2] == "上班") {
			kind, name = models.DayWorkday, strings.Join(fields[3:], " ")
		}
		if err := r.tx.SetCalendarDay(r.ctx, fields[1], kind, name, &r.me.ID); err != nil {
			return r.say("holiday_bad", esc(fields[1])), nil
		}
		return r.say("holiday_set_"+kind, esc(fields[1])), nil
	case "del", "delete":
		if len(fields) != 2 {
			return r.say("holiday_usage"), nil
		}
		err := r.tx.DeleteCalendarDay(r.ctx, fields[1], &r.me.ID)
		if errors.Is(err, models.ErrNotFound) {
			return r.say("holiday_no_admin_day", esc(fields[1])), nil
		}
		if err != nil {
			return r.say("holiday_bad", esc(fields[1])), nil
		}
		return r.say("holiday_deleted", esc(fields[1])), nil
	}
	return r.say("holiday_usage"), nil
}

func listHolidays(r *request) ([]telegram.Message, error) {
	year := r.tx.Now().In(r.loc).Year()
	days, err := r.tx.CalendarDays(r.ctx, year)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(r.t("holiday_head", year))
	for _, d := range days {
		date, _ := time.Parse("2006-01-02", d.Date)
		fmt.Fprintf(&b, "\n%s %s %s %s", d.Date, r.t("weekday_"+fmt.Sprint(int(date.Weekday()))), r.t("day_"+d.Kind), esc(d.Name))
		if d.Source == models.SourceAdmin {
			b.WriteString(r.t("day_by_admin"))
		}
	}
	b.WriteString("\n\n" + r.t("holiday_usage"))
	return []telegram.Message{{Text: b.String()}}, nil
}
