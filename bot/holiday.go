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
		kept, err := keepingDeadlines(r, date, func() error { return r.tx.SetCalendarDay(r.ctx, date, kind, name, &r.me.ID) })
		if err != nil {
			return r.say("holiday_bad", esc(date)), nil
		}
		return append(r.say("holiday_set_"+kind, esc(date)), kept...), nil
	case (verb == "del" || verb == "delete") && date != "" && name == "":
		kept, err := keepingDeadlines(r, date, func() error { return r.tx.DeleteCalendarDay(r.ctx, date, &r.me.ID) })
		if errors.Is(err, models.ErrNotFound) {
			return r.say("holiday_no_admin_day", esc(date)), nil
		}
		if err != nil {
			return r.say("holiday_bad", esc(date)), nil
		}
		return append(r.say("holiday_deleted", esc(date)), kept...), nil
	}
	return r.say("holiday_usage"), nil
}

// keepingDeadlines makes change, an admin's edit of date in the calendar,
// without moving an announced deadline. A deadline is announced once a
// reminder named it (jobs keep it then) or once its day has come: those of
// the months date can move that are today or past are kept first. It says
// which kept deadlines the new calendar alone would have moved.
func keepingDeadlines(r *request, date string, change func() error) ([]telegram.Message, error) {
	d, err := time.ParseInLocation("2006-01-02", date, r.loc)
	if err != nil {
		return nil, change() // the change refuses the date itself
	}
	// A deadline lies in its month, or shifted into one of the two after.
	m := models.PeriodOf(d, r.loc)
	months := []models.Period{m.Add(-2), m.Add(-1), m}
	rule, cal, err := r.dueRuleAndCalendar()
	if err != nil {
		return nil, err
	}
	now := r.tx.Now().In(r.loc)
	endOfToday := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, r.loc)
	for _, p := range months {
		if due := rule.Due(p, r.loc, cal); due.Before(endOfToday) {
			if _, err := r.tx.KeepDeadline(r.ctx, p, due); err != nil {
				return nil, err
			}
		}
	}
	if err := change(); err != nil {
		return nil, err
	}
	if rule, cal, err = r.dueRuleAndCalendar(); err != nil {
		return nil, err
	}
	plain := rule
	plain.Kept = nil
	var out []telegram.Message
	for _, p := range months {
		if kept, ok := rule.Kept[p.String()]; ok && !plain.Due(p, r.loc, cal).Equal(kept) {
			k := kept.In(r.loc)
			out = append(out, r.say("holiday_deadline_kept", periodText(r.lang, p), r.t("when", int(k.Month()), k.Day(), k.Format("15:04")))...)
		}
	}
	return out, nil
}

// dueRuleAndCalendar reads the deadline rule, with the deadlines kept, and
// the calendar as the database has it now.
func (r *request) dueRuleAndCalendar() (models.DueRule, models.Calendar, error) {
	rule, err := r.tx.DueRuleNow(r.ctx)
	if err != nil {
		return rule, nil, err
	}
	cal, err := r.tx.LoadCalendar(r.ctx)
	return rule, cal, err
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
