package bot

import (
	"errors"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// monthRange is the months a command accepts, both ends included. A month
// typed by mistake (2099-12, 1900-01) must not open a draft, record an
// exemption or show a board of people who were never asked.
type monthRange struct{ from, to models.Period }

func (m monthRange) has(p models.Period) bool { return !p.Before(m.from) && !m.to.Before(p) }

// exemptAhead is how far ahead a leave can be recorded: a posting or a
// training is known months before it starts.
const exemptAhead = 12

// reportMonths are the months c may file: from the month before they
// joined the roster — the board counts everyone on it, and a cadre listed
// early in November still owes October, whose deadline has just passed —
// to next month, for a report written before leaving. The roster date
// decides, not the day they linked their account: a cadre who links late
// still owes the months since they were listed.
func (r *request) reportMonths(c models.Cadre) monthRange {
	cur := models.PeriodOf(r.tx.Now(), r.loc)
	return monthRange{from: models.PeriodOf(c.CreatedAt, r.loc).Prev(), to: cur.Next()}
}

// exemptMonths are reportMonths reaching a year ahead.
func (r *request) exemptMonths(c models.Cadre) monthRange {
	m := r.reportMonths(c)
	m.to = models.PeriodOf(r.tx.Now(), r.loc).Add(exemptAhead)
	return m
}

// viewMonths are the months the boards can show: from the month before
// the first person joined the roster to next month.
func (r *request) viewMonths() (monthRange, error) {
	since, err := r.tx.RosterSince(r.ctx)
	if err != nil {
		return monthRange{}, err
	}
	return monthRange{from: models.PeriodOf(since, r.loc).Prev(), to: models.PeriodOf(r.tx.Now(), r.loc).Next()}, nil
}

// outside says which months are open when p is not; key's arguments are
// the month asked for, then the first and last open month.
func (r *request) outside(key string, p models.Period, m monthRange) []telegram.Message {
	return r.say(key, periodText(r.lang, p), periodText(r.lang, m.from), periodText(r.lang, m.to))
}

// viewMonth refuses a month outside viewMonths, with the range.
func (r *request) viewMonth(p models.Period) ([]telegram.Message, error) {
	m, err := r.viewMonths()
	if err != nil || m.has(p) {
		return nil, err
	}
	return r.outside("month_view_range", p, m), nil
}

// reportMonth refuses a month outside the caller's reportMonths, unless
// they already have a report for it (returned or reopened long after).
func (r *request) reportMonth(p models.Period) ([]telegram.Message, error) {
	m := r.reportMonths(r.me)
	if m.has(p) {
		return nil, nil
	}
	if _, err := r.tx.ReportFor(r.ctx, r.me.ID, p); err == nil {
		return nil, nil
	} else if !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	return r.outside("report_month_range", p, m), nil
}
