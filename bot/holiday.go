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
	verb, rest := cutWord(r.in.args)
	date, name := cutWord(rest)
	switch {
	case verb == "":
		return listHolidays(r)
	case verb == "add" && date != "":
		kind := models.DayHoliday
		if word, after := cutWord(name); word == "workday" || word == "调休" || word == "上班" {
			kind, name = models.DayWorkday, after
		}
		if err := r.tx.SetCalendarDay(r.ctx, date, kind, name, &r.me.ID); err != nil {
			return r.say("holiday_bad", esc(date)), nil
		}
		return r.say("holiday_set_"+kind, esc(date)), nil
	case (verb == "del" || verb == "delete") && date != "" && name == "":
		err := r.tx.DeleteCalendarDay(r.ctx, date, &r.me.ID)
		if errors.Is(err, models.ErrNotFound) {
			return r.say("holiday_no_admin_day", esc(date)), nil
		}
		if err != nil {
			return r.say("holiday_bad", esc(date)), nil
		}
		return r.say("holiday_deleted", esc(date)), nil
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
