package main

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// line is one row of a day's listing: what went out in one minute for one
// reason, to whom.
type line struct {
	at    time.Time // the minute, local
	d     *delivery // the first of them, for its origin and kind
	label string
	held  time.Time // when a held message was written; zero if not held
	names []string
	count int
}

// writeSimText prints the report: the setting, each day's messages, each
// person's monthly totals, the checks and the verdict.
func writeSimText(w io.Writer, r *simResult) error {
	b := bufio.NewWriter(w)
	r.writeHead(b)
	r.writeDays(b)
	r.writeTallies(b)
	r.writeChecks(b)
	return b.Flush()
}

func (r *simResult) t(key string, args ...any) string { return texts.T(r.o.lang, key, args...) }

func (r *simResult) date(t time.Time) string {
	return r.t("sim_date", t.Year(), int(t.Month()), t.Day())
}

func (r *simResult) writeHead(w io.Writer) {
	last := r.o.to.AddDate(0, 0, -1)
	fmt.Fprintln(w, r.t("sim_title", r.date(r.o.from), r.date(last), r.o.loc.String()))
	if r.o.roster != "" {
		fmt.Fprintln(w, r.t("sim_source_roster", r.source))
	} else {
		fmt.Fprintln(w, r.t("sim_source_db", r.source))
	}
	n := map[string]int{}
	reporting := 0
	for _, p := range r.people {
		if p.profile != "" {
			n[p.profile]++
			reporting++
		}
	}
	head := r.t("sim_people", len(r.people), reporting, n[profileOnTime], n[profileLate], n[profileNever], r.o.seed)
	if r.newBound > 0 {
		head += r.t("sim_bound", r.newBound)
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, r.t("sim_behaviour", r.o.lateWorkdays))
	fmt.Fprintln(w, r.t("sim_quiet", clock(r.quiet[0]), clock(r.quiet[1])))
	for _, d := range r.deadlines {
		fmt.Fprintln(w, r.t("sim_deadline", r.t("period", d.period.Year, int(d.period.Month)), r.stamp(d.due)))
	}
	fmt.Fprintln(w, r.t("sim_schedules"))
	for _, sc := range r.schedules {
		off := ""
		if !sc.Enabled {
			off = r.t("sim_schedule_off")
		}
		fmt.Fprintf(w, "  %s %s  %s%s\n", pad(sc.Name, 34), pad(sc.Spec, 14), sc.Kind, off)
	}
}

// stamp is a moment as the report shows it: 11月30日（周一）18:00.
func (r *simResult) stamp(t time.Time) string {
	l := t.In(r.o.loc)
	return r.t("sim_stamp", int(l.Month()), l.Day(), r.weekday(l), l.Format("15:04"))
}

func (r *simResult) weekday(t time.Time) string {
	return r.t(fmt.Sprintf("weekday_%d", int(t.Weekday())))
}

func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// writeDays lists, day by day, what was delivered, grouped by minute and
// reason.
func (r *simResult) writeDays(w io.Writer) {
	var day time.Time
	printed := false
	for _, l := range r.lines() {
		y, m, d := l.at.Date()
		if start := time.Date(y, m, d, 0, 0, 0, 0, r.o.loc); !start.Equal(day) {
			day = start
			fmt.Fprintf(w, "\n%s\n", r.t("sim_day", int(m), d, r.weekday(l.at)))
		}
		printed = true
		label := l.label
		if !l.held.IsZero() {
			label += r.t("sim_held", r.t("sim_time", int(l.held.Month()), l.held.Day(), l.held.Format("15:04")))
		}
		fmt.Fprintf(w, "  %s  %s  %s%s\n", l.at.Format("15:04"), label, r.t("sim_count", l.count), r.t("sim_names", r.names(l.names)))
	}
	if !printed {
		fmt.Fprintf(w, "\n%s\n", r.t("sim_nothing"))
	}
}

// lines groups the delivered messages by local minute, reason and, for a
// held message, the minute it was written; in time order.
func (r *simResult) lines() []line {
	var out []line
	idx := map[string]int{}
	for _, d := range r.log {
		if !d.sent() || d.silent {
			continue
		}
		l := line{at: d.at.In(r.o.loc).Truncate(time.Minute), d: d, label: r.label(d)}
		if d.origin == fromJob && d.at.Sub(d.written) >= time.Minute {
			l.held = d.written.In(r.o.loc).Truncate(time.Minute)
		}
		key := fmt.Sprint(l.at.Unix(), l.label, l.held.Unix())
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, l)
		}
		out[i].count++
		if name := r.recipient(d.chat); !slices.Contains(out[i].names, name) {
			out[i].names = append(out[i].names, name)
		}
	}
	slices.SortStableFunc(out, func(a, b line) int { return a.at.Compare(b.at) })
	return out
}

// names lists up to five names, else three and how many more.
func (r *simResult) names(ns []string) string {
	if len(ns) <= 5 {
		return strings.Join(ns, r.t("sim_sep"))
	}
	return strings.Join(ns[:3], r.t("sim_sep")) + r.t("sim_names_more", len(ns)-3)
}

// label says why a message was sent, in the report's language.
func (r *simResult) label(d *delivery) string {
	period := func() string {
		p, err := models.ParsePeriod(d.period)
		if err != nil {
			return d.period
		}
		return r.t("period", p.Year, int(p.Month))
	}
	switch d.origin {
	case fromReply:
		return r.t("sim_reply")
	case fromEvent:
		switch {
		case d.chat < 0:
			return r.t("sim_event_post")
		case d.button(isSign) != "":
			return r.t("sim_event_sign")
		}
		return r.t("sim_event_other")
	}
	switch key := "sim_remind_" + d.stage; {
	case d.kind == models.KindReportReminder && texts.Has(key):
		return r.t(key, period())
	case d.kind == models.KindReportMissing:
		return r.t("sim_missing", period())
	case d.kind == models.KindDigestLeader || d.kind == models.KindDigestAdmin || d.kind == models.KindTalkReminder ||
		d.kind == models.KindTalkDue || d.kind == models.KindTalkUnrecorded:
		return r.t("sim_" + d.kind)
	}
	return r.t("sim_job_other", d.kind)
}

// writeTallies prints one table per month: each person's messages.
func (r *simResult) writeTallies(w io.Writer) {
	var month string
	for _, t := range r.tallies {
		if t.month.String() != month {
			month = t.month.String()
			fmt.Fprintf(w, "\n%s\n", r.t("sim_totals", r.t("period", t.month.Year, int(t.month.Month))))
			fmt.Fprintf(w, "  %s%s%s%s%s%s%s%s\n", pad(r.t("sim_col_name"), 10), pad(r.t("sim_col_unit"), 14),
				pad(r.t("sim_col_profile"), 10), pad(r.t("sim_col_reminders"), 10), pad(r.t("sim_col_role"), 10),
				pad(r.t("sim_col_events"), 10), pad(r.t("sim_col_replies"), 8), r.t("sim_col_budget"))
		}
		fmt.Fprintf(w, "  %s%s%s%s%s%s%s%s\n", pad(t.who.c.Name, 10), pad(orDash(t.who.unit), 14), pad(r.profileName(t.who.profile), 10),
			pad(fmt.Sprint(t.reminders), 10), pad(fmt.Sprint(t.role), 10), pad(fmt.Sprint(t.events), 10), pad(fmt.Sprint(t.replies), 8), r.budgetCell(t))
	}
}

func (r *simResult) profileName(p string) string {
	if p == "" {
		return r.t("sim_profile_none")
	}
	return r.t("sim_profile_" + p)
}

func (r *simResult) budgetCell(t tally) string {
	limit, ok := budget[t.who.profile]
	switch {
	case !ok:
		return r.t("sim_profile_none")
	case t.reminders > limit:
		return r.t("sim_budget_broken", limit)
	}
	return r.t("sim_budget_ok", limit)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// writeChecks prints every break of the budget and the verdict.
func (r *simResult) writeChecks(w io.Writer) {
	fmt.Fprintf(w, "\n%s\n", r.t("sim_checks"))
	for _, v := range r.violations {
		fmt.Fprintf(w, "  %s\n", r.describe(v))
	}
	if len(r.violations) == 0 {
		fmt.Fprintf(w, "  %s\n", r.t("sim_v_none"))
	}
	if r.waiting > 0 {
		fmt.Fprintf(w, "  %s\n", r.t("sim_waiting", r.waiting))
	}
	if len(r.violations) > 0 {
		fmt.Fprintln(w, r.t("sim_verdict_broken", len(r.violations)))
		return
	}
	fmt.Fprintln(w, r.t("sim_verdict_ok", budget[profileOnTime], budget[profileLate], budget[profileNever]))
}

func (r *simResult) describe(v violation) string {
	switch v.kind {
	case breakBudget:
		t := v.t
		return r.t("sim_v_budget", v.who, orDash(t.who.unit), r.profileName(t.who.profile),
			r.t("period", t.month.Year, int(t.month.Month)), t.reminders, v.limit)
	case breakNight:
		return r.t("sim_v_night", r.stamp(v.at), v.who, r.label(v.d))
	case breakRest:
		return r.t("sim_v_rest", r.stamp(v.at), v.who, r.label(v.d))
	}
	return r.t("sim_v_failed", r.stamp(v.at), v.who, r.label(v.d), v.d.problem)
}
