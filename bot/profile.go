package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runProfile is /profile: a cadre's own year (年度实绩画像); "/profile 张三
// [2026]" a cadre of the principal's unit, or anyone for an admin (whose
// reads are audited: the profile holds talk-record flags).
func runProfile(r *request) ([]telegram.Message, error) {
	if !r.in.private {
		return nil, nil // a profile is never shown in a group
	}
	q, year := profileArgs(r)
	subject := r.me
	if q != "" && q != r.me.Name && q != r.me.ExternalID {
		if !r.me.AtLeast(models.RoleLeader) {
			if err := r.tx.Audit(r.ctx, &r.me.ID, "refused", "profile "+q, ""); err != nil {
				return nil, err
			}
			return r.say("profile_own_only"), nil
		}
		c, out, err := findScopedCadre(r, q, "profile")
		if out != nil || err != nil {
			return out, err
		}
		if !r.me.MayActOnCadre(c) {
			return r.refuse("profile " + c.ExternalID), nil
		}
		subject = c
	}
	if subject.UnitID == nil {
		return r.say("profile_usage"), nil
	}
	p, _, err := r.tx.AnnualProfileOf(r.ctx, subject.ID, year, r.loc)
	if errors.Is(err, models.ErrNotFound) {
		return r.say("profile_none", esc(subject.Name), year), nil
	}
	if err != nil {
		return nil, err
	}
	if r.me.Role == models.RoleAdmin {
		if err := r.tx.Audit(r.ctx, &r.me.ID, "annual.view", "cadre "+strconv.FormatInt(subject.ID, 10), strconv.Itoa(year)); err != nil {
			return nil, err
		}
	}
	text := profileText(r.lang, p.Redact(r.me).View(r.lang)) + "\n\n" + r.t("profile_web", esc(r.webURL), subject.ID, year)
	return []telegram.Message{{Text: text}}, nil
}

// profileArgs reads "[NAME] [YEAR]"; the year defaults to the one being
// judged now.
func profileArgs(r *request) (string, int) {
	year := models.AnnualYearAt(r.tx.Now(), r.loc)
	fields := strings.Fields(r.in.args)
	if n := len(fields); n > 0 {
		if y, err := strconv.Atoi(fields[n-1]); err == nil && y >= 2000 && y <= 2100 {
			year, fields = y, fields[:n-1]
		}
	}
	return strings.Join(fields, " "), year
}

// profileText is a profile as a chat message (Telegram HTML).
func profileText(lang string, v models.AnnualView) string {
	var b strings.Builder
	b.WriteString("<b>" + esc(v.Title) + "</b>\n" + esc(v.Head))
	if v.Moved != "" {
		b.WriteString("\n" + esc(v.Moved))
	}
	for _, s := range v.Sections {
		b.WriteString("\n\n<b>" + esc(s.Title) + "</b>")
		if s.Note != "" {
			b.WriteString("\n" + esc(s.Note))
		}
		if s.NoData != "" {
			b.WriteString("\n" + esc(s.NoData))
			continue
		}
		for _, row := range s.Rows {
			line := texts.T(lang, "annual_row", esc(row.Label), esc(row.Value))
			if row.Bench != "" {
				line = texts.T(lang, "annual_row_bench", line, esc(row.Bench))
			}
			b.WriteString("\n· " + line)
		}
		for _, l := range s.Lines {
			b.WriteString("\n  " + esc(l.Text))
		}
	}
	b.WriteString("\n\n<b>" + esc(texts.T(lang, "annual_judgement")) + "</b>")
	for _, l := range v.Judgement {
		b.WriteString("\n" + esc(l))
	}
	return b.String()
}
