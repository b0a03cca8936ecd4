package bot

import (
	"errors"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/when"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

func reasonName(lang, reason string) string { return texts.T(lang, "reason_"+reason) }
func statusName(lang, status string) string { return texts.T(lang, "status_"+status) }
func answerName(lang, answer string) string { return texts.T(lang, "answer_"+answer) }

// talkWhen writes a time as it is echoed: 2026年12月3日（周四）15:00.
func talkWhen(lang string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if lang == texts.EN {
		return when.FormatEN(t)
	}
	return when.FormatZH(t)
}

func talkWhenOpt(lang string, t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return talkWhen(lang, *t, loc)
}

// talkDay writes a stored day (2006-01-02) with its weekday.
func talkDay(lang, day string) string {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	if lang == texts.EN {
		return when.DateEN(d)
	}
	return when.DateZH(d)
}

func whenParse(r *request, text string) (time.Time, error) {
	return when.Parse(text, r.tx.Now(), r.loc)
}

func whenOutside(t time.Time, loc *time.Location, cal models.Calendar) bool {
	return when.OutsideWorkingHours(t, loc, cal)
}

// whenError says what was wrong with a time typed, with examples.
func (r *request) whenError(err error) []telegram.Message {
	var (
		bad  *when.InvalidDateError
		tm   *when.InvalidTimeError
		past *when.PastError
	)
	switch {
	case errors.Is(err, when.ErrNeedDay):
		return r.say("when_need_day")
	case errors.Is(err, when.ErrNeedTime):
		return r.say("when_need_time")
	case errors.As(err, &bad):
		return r.say("when_invalid_date", r.badDate(bad))
	case errors.As(err, &tm):
		return r.say("when_invalid_time", fmt.Sprintf("%d:%02d", tm.Hour, tm.Minute))
	case errors.As(err, &past):
		return r.say("when_past", talkWhen(r.lang, past.At, r.loc))
	}
	return r.say("when_unreadable")
}

// whenDateError is whenError for a day alone (the follow-up date).
func (r *request) whenDateError(err error) []telegram.Message {
	var (
		bad  *when.InvalidDateError
		past *when.PastError
	)
	switch {
	case errors.As(err, &bad):
		return r.say("when_invalid_date", r.badDate(bad))
	case errors.As(err, &past):
		return r.say("date_past", talkDay(r.lang, past.At.Format("2006-01-02")))
	}
	return r.say("date_unreadable")
}

// badDate names a date that does not exist as it was typed: 2月30日.
func (r *request) badDate(e *when.InvalidDateError) string {
	switch {
	case r.lang == texts.EN && e.Year != 0:
		return fmt.Sprintf("%04d-%02d-%02d", e.Year, e.Month, e.Day)
	case r.lang == texts.EN:
		return fmt.Sprintf("%02d-%02d", e.Month, e.Day)
	case e.Year != 0:
		return fmt.Sprintf("%d年%d月%d日", e.Year, e.Month, e.Day)
	}
	return fmt.Sprintf("%d月%d日", e.Month, e.Day)
}
