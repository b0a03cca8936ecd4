package bot

import (
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runExempt is /exempt NAME [YYYY-MM] REASON: leaders for their unit,
// admins for anyone. Exempt is counted apart from missing everywhere.
func runExempt(r *request) ([]telegram.Message, error) {
	c, p, reason, out, err := exemptArgs(r, true)
	if out != nil || err != nil {
		return out, err
	}
	if err := r.tx.Exempt(r.ctx, c.ID, p, reason, r.me.ID); err != nil {
		return nil, err
	}
	if err := r.tx.Audit(r.ctx, &r.me.ID, "report.exempt", c.ExternalID, p.String()+" "+reason); err != nil {
		return nil, err
	}
	return r.say("exempt_done", esc(c.Name), periodText(r.lang, p), esc(reason)), nil
}

// runUnexempt is /unexempt NAME [YYYY-MM].
func runUnexempt(r *request) ([]telegram.Message, error) {
	c, p, _, out, err := exemptArgs(r, false)
	if out != nil || err != nil {
		return out, err
	}
	removed, err := r.tx.Unexempt(r.ctx, c.ID, p)
	if err != nil {
		return nil, err
	}
	if !removed {
		return r.say("unexempt_none", esc(c.Name), periodText(r.lang, p)), nil
	}
	if err := r.tx.Audit(r.ctx, &r.me.ID, "report.unexempt", c.ExternalID, p.String()); err != nil {
		return nil, err
	}
	return r.say("unexempt_done", esc(c.Name), periodText(r.lang, p)), nil
}

// exemptArgs reads "NAME [YYYY-MM] REASON" and finds the one cadre meant,
// within the caller's scope.
func exemptArgs(r *request, needReason bool) (models.Cadre, models.Period, string, []telegram.Message, error) {
	who, reason := cutWord(r.in.args)
	usage := r.say("exempt_usage")
	if who == "" {
		return models.Cadre{}, models.Period{}, "", usage, nil
	}
	p := models.PeriodOf(r.tx.Now(), r.loc)
	if month, rest := cutWord(reason); month != "" {
		if q, err := models.ParsePeriod(month); err == nil {
			p, reason = q, rest
		}
	}
	if needReason && reason == "" {
		return models.Cadre{}, p, "", usage, nil
	}
	var scope *int64
	if r.me.Role != models.RoleAdmin {
		scope = r.me.UnitID
	}
	found, err := r.tx.FindCadres(r.ctx, who, scope, 5)
	if err != nil {
		return models.Cadre{}, p, "", nil, err
	}
	switch {
	case len(found) == 0:
		return models.Cadre{}, p, "", r.say("cadre_not_found", esc(who)), nil
	case len(found) > 1:
		var names []string
		for _, c := range found {
			names = append(names, fmt.Sprintf("%s（%s）", esc(c.Name), esc(c.ExternalID)))
		}
		return models.Cadre{}, p, "", r.say("cadre_ambiguous", strings.Join(names, "、")), nil
	}
	if !r.me.MayActOnCadre(found[0]) {
		return models.Cadre{}, p, "", r.refuse("exempt " + found[0].ExternalID), nil
	}
	if m := r.exemptMonths(found[0]); needReason && !m.has(p) {
		return models.Cadre{}, p, "", r.say("exempt_month_range", esc(found[0].Name), periodText(r.lang, p),
			periodText(r.lang, m.from), periodText(r.lang, m.to)), nil
	}
	return found[0], p, reason, nil, nil
}

// runDiscussed is /discussed DATE [YYYY-MM]: the leadership group
// discussed the unit's reports on that date (班子集体讨论).
func runDiscussed(r *request) ([]telegram.Message, error) {
	date, month := cutWord(r.in.args)
	if date == "" || r.me.UnitID == nil {
		return r.say("discussed_usage"), nil
	}
	p, _, err := r.viewArgs(month)
	if err != nil {
		return r.say("discussed_usage"), nil
	}
	if out, err := r.viewMonth(p); out != nil || err != nil {
		return out, err
	}
	rows, err := r.tx.Board(r.ctx, p, r.me.UnitID)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, row := range rows {
		if st := row.State(); row.ReportID != nil && (st == models.StateSubmitted || st == models.StateSigned) {
			if _, err := r.tx.SetDiscussed(r.ctx, *row.ReportID, r.me.ID, date); err != nil {
				return r.say("discussed_usage"), nil
			}
			n++
		}
	}
	return r.say("discussed_done", esc(date), n, periodText(r.lang, p)), nil
}
