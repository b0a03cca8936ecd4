package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// Scheduler is what the admins' schedule commands need from the job
// engine. cmd wires it: bot and jobs never import each other.
type Scheduler interface {
	// NextFires lists the next n fire times of a spec in a zone.
	NextFires(spec, tz string, after time.Time, n int) ([]time.Time, error)
	// RunNow runs a schedule's job at once, in tx, recorded as a manual run.
	RunNow(ctx context.Context, tx *models.Store, name string, actor *int64) (int, error)
}

// runSchedules (admins) lists every schedule with its next three fire
// times in local time.
func runSchedules(r *request) ([]telegram.Message, error) {
	scs, err := r.tx.Schedules(r.ctx)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(r.t("schedules_head"))
	now := r.tx.Now()
	for _, sc := range scs {
		state := r.t("schedule_on")
		if !sc.Enabled {
			state = r.t("schedule_off")
		}
		fmt.Fprintf(&b, "\n\n<b>%s</b>（%s）%s\n<code>%s</code> %s", esc(sc.Name), esc(sc.Kind), state, esc(sc.Spec), esc(sc.TZ))
		if r.sched == nil || !sc.Enabled {
			continue
		}
		fires, err := r.sched.NextFires(sc.Spec, sc.TZ, now, 3)
		if err != nil {
			continue
		}
		var ts []string
		for _, f := range fires {
			ts = append(ts, f.In(r.loc).Format("01-02 15:04"))
		}
		b.WriteString("\n" + r.t("schedule_next", strings.Join(ts, "、")))
	}
	b.WriteString("\n\n" + r.t("schedule_usage"))
	return []telegram.Message{{Text: b.String()}}, nil
}

// runSchedule (admins): /schedule set NAME SPEC | on NAME | off NAME | run NAME.
func runSchedule(r *request) ([]telegram.Message, error) {
	verb, rest := cutWord(r.in.args)
	name, spec := cutWord(rest)
	if name == "" {
		return r.say("schedule_usage"), nil
	}
	var err error
	switch verb {
	case "set":
		if spec = unquote(spec); spec == "" {
			return r.say("schedule_usage"), nil
		}
		err = r.tx.SetSpec(r.ctx, name, spec, &r.me.ID)
	case "on", "off":
		_, err = r.tx.SetEnabled(r.ctx, name, verb == "on", &r.me.ID)
	case "run":
		if r.sched == nil {
			return r.say("schedule_no_engine"), nil
		}
		n, err := r.sched.RunNow(r.ctx, r.tx, name, &r.me.ID)
		if err == nil {
			return r.say("schedule_ran", esc(name), n), nil
		}
		return scheduleError(r, name, err)
	default:
		return r.say("schedule_usage"), nil
	}
	if err != nil {
		return scheduleError(r, name, err)
	}
	return r.say("schedule_changed", esc(name)), nil
}

// scheduleError says why a schedule command was refused, in the
// reader's language; anything else is a fault, and the person gets the
// apology.
func scheduleError(r *request, name string, err error) ([]telegram.Message, error) {
	var se *models.SpecError
	switch {
	case errors.Is(err, models.ErrNotFound):
		return r.say("schedule_unknown", esc(name)), nil
	case errors.As(err, &se):
		return r.say("schedule_bad_spec", esc(se.Spec), specReason(r, se)), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("schedule_busy", esc(name)), nil
	}
	return nil, err
}

// specReason is a SpecError in the reader's words.
func specReason(r *request, se *models.SpecError) string {
	field := r.t("spec_field_" + se.Field)
	switch se.Kind {
	case models.SpecZone, models.SpecDescriptor, models.SpecFields:
		return r.t("spec_"+se.Kind, esc(se.Value))
	case models.SpecChars, models.SpecValue:
		return r.t("spec_"+se.Kind, field, esc(se.Value))
	case models.SpecEmpty, models.SpecTooLong, models.SpecPrefix, models.SpecEvery, models.SpecNever:
		return r.t("spec_" + se.Kind)
	}
	return r.t("spec_unreadable")
}

// unquote drops one pair of quotes around a spec: the command line needs
// them ("0 9 * * 1-5"), and people copy from there.
func unquote(s string) string {
	for _, q := range [][2]string{{`"`, `"`}, {"'", "'"}, {"“", "”"}, {"「", "」"}, {"‘", "’"}} {
		if len(s) >= len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			return strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
		}
	}
	return s
}

// runQuiet (admins): /quiet shows the quiet hours, /quiet 21:00-08:00
// changes them. Reminders due in quiet hours are held until they end.
func runQuiet(r *request) ([]telegram.Message, error) {
	if arg := strings.TrimSpace(r.in.args); arg != "" {
		if err := r.tx.SetQuietHours(r.ctx, arg); err != nil {
			return r.say("quiet_bad", esc(arg)), nil
		}
		if err := r.tx.Audit(r.ctx, &r.me.ID, "quiet.set", arg, ""); err != nil {
			return nil, err
		}
	}
	start, end, err := r.tx.QuietHours(r.ctx)
	if err != nil {
		return nil, err
	}
	clock := func(d time.Duration) string { return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60) }
	return r.say("quiet_now", clock(start), clock(end)), nil
}
