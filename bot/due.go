package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runDue (admins): /due shows the deadline rule and this month's deadline;
// /due last 18:00 sets "the month's last workday"; /due day 5 17:00
// [previous|next|none] sets "day N of the next month", moved off rest days.
func runDue(r *request) ([]telegram.Message, error) {
	if f := strings.Fields(r.in.args); len(f) > 0 {
		rule, ok := parseDueRule(f)
		if !ok {
			return r.say("due_usage"), nil
		}
		if err := r.tx.SetDueRule(r.ctx, rule); err != nil {
			return r.say("due_usage"), nil
		}
		if err := r.tx.Audit(r.ctx, &r.me.ID, "due.set", r.in.args, ""); err != nil {
			return nil, err
		}
	}
	rule, err := r.tx.DueRuleNow(r.ctx)
	if err != nil {
		return nil, err
	}
	p := models.PeriodOf(r.tx.Now(), r.loc)
	due, err := r.due(p)
	if err != nil {
		return nil, err
	}
	what := r.t("due_rule_last", rule.Hour, rule.Minute)
	if rule.Kind == models.DueNextMonthDay {
		what = r.t("due_rule_day", rule.Day, rule.Hour, rule.Minute)
	}
	d := due.In(r.loc)
	return r.say("due_now", what, periodText(r.lang, p), r.t("when", int(d.Month()), d.Day(), d.Format("15:04"))), nil
}

func parseDueRule(f []string) (models.DueRule, bool) {
	hm := func(s string) (int, int, bool) {
		var h, m int
		_, err := fmt.Sscanf(s, "%d:%d", &h, &m)
		return h, m, err == nil
	}
	switch {
	case f[0] == "last" && len(f) == 2:
		h, m, ok := hm(f[1])
		return models.DueRule{Kind: models.DueLastWorkday, Hour: h, Minute: m}, ok
	case f[0] == "day" && (len(f) == 3 || len(f) == 4):
		day, err := strconv.Atoi(f[1])
		h, m, ok := hm(f[2])
		rule := models.DueRule{Kind: models.DueNextMonthDay, Day: day, Hour: h, Minute: m}
		if len(f) == 4 {
			rule.Shift = f[3]
		}
		return rule, ok && err == nil
	}
	return models.DueRule{}, false
}
