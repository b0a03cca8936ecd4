package main

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"time"

	"github.com/ganshi/ganshi/models"
)

// The burden budget: at most this many reminders a month, by profile.
// People who never report are held to the late ones' limit: after it the
// principal follows up, not the bot.
var budget = map[string]int{profileOnTime: 2, profileLate: 5, profileNever: 5}

// Role kinds are what a principal or an admin is sent because of the
// role (digests, who is missing, talks they owe). They are counted but not
// held to the budget, which is about what a person is chased for.
var roleKinds = map[string]bool{
	models.KindDigestLeader: true, models.KindDigestAdmin: true, models.KindReportMissing: true,
	models.KindTalkDue: true, models.KindTalkUnrecorded: true,
}

// simResult is what a simulation found, ready to print.
type simResult struct {
	o          simOptions
	source     string
	people     []*person
	byChat     map[int64]*person
	groups     map[int64]string
	newBound   int
	quiet      [2]time.Duration
	cal        models.Calendar
	deadlines  []deadline
	schedules  []models.Schedule
	log        []*delivery // every notification, in the order written
	tallies    []tally
	violations []violation
	waiting    int // held past the window's end
}

type deadline struct {
	period models.Period
	due    time.Time
}

// tally is one person's messages in one month.
type tally struct {
	who                              *person
	month                            models.Period
	reminders, role, events, replies int
}

// Violation kinds.
const (
	breakBudget = "budget"
	breakNight  = "night"
	breakRest   = "rest_day"
	breakFailed = "failed"
)

type violation struct {
	kind  string
	who   string
	at    time.Time
	d     *delivery // the message, except for a budget
	t     *tally    // the month, for a budget
	limit int
}

// result gathers the report from the log.
func (s *sim) result(ctx context.Context) (*simResult, error) {
	r := &simResult{o: s.o, people: s.people, byChat: s.byChat, groups: s.groups, newBound: s.newBound, cal: s.cal, log: s.log, waiting: len(s.unsettled)}
	var err error
	if r.quiet[0], r.quiet[1], err = s.st.QuietHours(ctx); err != nil {
		return nil, err
	}
	if r.schedules, err = s.st.Schedules(ctx); err != nil {
		return nil, err
	}
	rule, err := s.st.DueRuleNow(ctx)
	if err != nil {
		return nil, err
	}
	for p := models.PeriodOf(s.o.from, s.loc).Prev(); p.String() <= models.PeriodOf(s.o.to.Add(-time.Second), s.loc).String(); p = p.Next() {
		r.deadlines = append(r.deadlines, deadline{p, rule.Due(p, s.loc, s.cal)})
	}
	r.source = s.o.roster
	if r.source == "" {
		r.source = showDSN(s.o.db)
	}
	r.count()
	r.check()
	return r, nil
}

// count fills the tallies: per person and month, what reached them.
func (r *simResult) count() {
	idx := map[[2]int64]*tally{}
	for _, d := range r.log {
		who := r.person(d.chat)
		if !d.sent() || d.silent || who == nil {
			continue
		}
		m := models.PeriodOf(d.at, r.o.loc)
		key := [2]int64{who.c.ID, int64(m.Year*100 + int(m.Month))}
		t := idx[key]
		if t == nil {
			t = &tally{who: who, month: m}
			idx[key] = t
		}
		switch {
		case d.origin == fromJob && roleKinds[d.kind]:
			t.role++
		case d.origin == fromJob:
			t.reminders++
		case d.origin == fromEvent:
			t.events++
		default:
			t.replies++
		}
	}
	for _, p := range r.people { // everyone appears, also with nothing
		for m := models.PeriodOf(r.o.from, r.o.loc); m.String() <= models.PeriodOf(r.o.to.Add(-time.Second), r.o.loc).String(); m = m.Next() {
			key := [2]int64{p.c.ID, int64(m.Year*100 + int(m.Month))}
			if idx[key] == nil {
				idx[key] = &tally{who: p, month: m}
			}
		}
	}
	for _, t := range idx {
		r.tallies = append(r.tallies, *t)
	}
	slices.SortFunc(r.tallies, func(a, b tally) int {
		return cmp.Or(cmp.Compare(a.month.String(), b.month.String()), comparePeople(a.who, b.who))
	})
}

// comparePeople orders by unit, principal first, then roster id.
func comparePeople(a, b *person) int {
	lead := func(p *person) int {
		if p.c.Role == models.RoleLeader {
			return 0
		}
		return 1
	}
	return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(lead(a), lead(b)), cmp.Compare(a.c.ExternalID, b.c.ExternalID))
}

func (r *simResult) person(chat int64) *person { return r.byChat[chat] }

// check finds every break of the budget: too many reminders in a month,
// an unprompted message at night or on a rest day, a message lost.
func (r *simResult) check() {
	for i := range r.tallies {
		t := &r.tallies[i]
		if limit, ok := budget[t.who.profile]; ok && t.reminders > limit {
			r.violations = append(r.violations, violation{kind: breakBudget, who: t.who.c.Name, t: t, limit: limit})
		}
	}
	for _, d := range r.log {
		name := r.recipient(d.chat)
		switch {
		case d.status == models.OutboxFailed:
			r.violations = append(r.violations, violation{kind: breakFailed, who: name, at: d.written, d: d})
		case !d.sent() || d.silent || d.origin != fromJob:
		case r.atNight(d.at):
			r.violations = append(r.violations, violation{kind: breakNight, who: name, at: d.at, d: d})
		case !r.workday(d.at):
			r.violations = append(r.violations, violation{kind: breakRest, who: name, at: d.at, d: d})
		}
	}
}

func (r *simResult) recipient(chat int64) string {
	if p := r.person(chat); p != nil {
		return p.c.Name
	}
	return r.groups[chat]
}

func (r *simResult) workday(t time.Time) bool {
	y, m, d := t.In(r.o.loc).Date()
	return r.cal.IsWorkday(y, m, d)
}

// atNight tells whether t falls in the quiet hours [start, end), which
// may wrap past midnight; equal bounds mean none.
func (r *simResult) atNight(t time.Time) bool {
	l := t.In(r.o.loc)
	tod := time.Duration(l.Hour())*time.Hour + time.Duration(l.Minute())*time.Minute + time.Duration(l.Second())*time.Second
	start, end := r.quiet[0], r.quiet[1]
	switch {
	case start < end:
		return tod >= start && tod < end
	case start > end:
		return tod >= start || tod < end
	}
	return false
}

// showDSN is the source as the report names it: a PostgreSQL password is
// never printed.
func showDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && models.IsPostgresDSN(dsn) {
		return u.Redacted()
	}
	return dsn
}
