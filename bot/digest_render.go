package bot

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
	"github.com/ganshi/ganshi/texts"
)

// digestLimit leaves room under telegram.MaxText for the HTML entities
// Telegram counts after parsing (they only shrink) and for safety.
const digestLimit = telegram.MaxText - 96

// digestMessages formats a digest notification, composed again from the
// data of now (models.RefreshDigest) when it is sent.
func digestMessages(p models.DigestPayload, loc *time.Location) ([]telegram.Message, error) {
	switch {
	case p.Leader != nil:
		return leaderDigestMessages(p.Lang, *p.Leader, loc)
	case p.Admin != nil:
		return adminDigestMessages(p.Lang, *p.Admin, loc)
	}
	return nil, sender.Unrenderable("empty digest")
}

// personNames joins every name of a list.
func personNames(lang string, ps []models.DigestPerson) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = esc(p.Name)
	}
	return strings.Join(parts, texts.T(lang, "digest_sep"))
}

// talkNames joins every talk of a list: the cadre, the reason and when.
func talkNames(lang string, ts []models.DigestTalk, loc *time.Location) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		when := texts.T(lang, "digest_talk_by", t.DueBy)
		if t.StartsAt != nil {
			at := t.StartsAt.In(loc)
			when = texts.T(lang, "when", int(at.Month()), at.Day(), at.Format("15:04"))
		}
		parts[i] = texts.T(lang, "digest_talk_item", esc(t.Cadre), esc(talkReasonText(lang, t.Reason)), when)
	}
	return strings.Join(parts, texts.T(lang, "digest_sep"))
}

// talkReasonText names a reason as every talk message does.
func talkReasonText(lang, reason string) string { return reasonName(lang, reason) }

func dueText(lang string, due time.Time, loc *time.Location) string {
	d := due.In(loc)
	return texts.T(lang, "when", int(d.Month()), d.Day(), d.Format("15:04"))
}

// adminDigestMessages lists every unit by category when that fits, else
// the categories' totals, with the per-unit table attached.
func adminDigestMessages(lang string, d models.AdminDigest, loc *time.Location) ([]telegram.Message, error) {
	state := texts.T(lang, "digest_not_yet_due")
	if d.PastDue {
		state = texts.T(lang, "digest_past_due")
	}
	head := []string{texts.T(lang, "digest_admin_head", periodText(lang, mustPeriod(d.Period)), dueText(lang, d.DueAt, loc), state)}
	var sum models.ReportTally
	var cats, units []string
	for i, u := range d.Units {
		sum = sum.Add(u)
		if i == 0 || d.Units[i-1].Category != u.Category {
			var c models.ReportTally
			for _, v := range d.Units[i:] {
				if v.Category != u.Category {
					break
				}
				c = c.Add(v)
			}
			line := texts.T(lang, "digest_category", esc(orDash(u.Category)), tallyLine(lang, c))
			cats, units = append(cats, line), append(units, line)
		}
		units = append(units, tallyUnit(lang, esc(u.UnitName), u))
	}
	head = append(head, texts.T(lang, "digest_county", tallyLine(lang, sum)), texts.T(lang, "tally_note"))
	units = append([]string{texts.T(lang, "digest_units", tallyLegend(lang))}, units...)
	tail := adminTail(lang, d)
	full := strings.Join(append(append(append(head, units...), tail...), texts.T(lang, "digest_no_ranking")), "\n")
	if telegram.Length(full) <= digestLimit {
		return []telegram.Message{{Text: full}}, nil
	}
	short := strings.Join(append(append(append(head, cats...), tail...), texts.T(lang, "digest_no_ranking"), texts.T(lang, "digest_full_detail")), "\n")
	doc, err := adminWorkbook(lang, d)
	if err != nil {
		return nil, err
	}
	return []telegram.Message{{Text: short}, {Document: doc}}, nil
}

// adminTail is what follows the figures: unsigned units, talks, reach.
func adminTail(lang string, d models.AdminDigest) []string {
	out := []string{""}
	if len(d.Unsigned) > 0 {
		var parts []string
		for i, u := range d.Unsigned {
			if i == maxNames {
				parts = append(parts, texts.T(lang, "digest_more_units", len(d.Unsigned)-maxNames))
				break
			}
			parts = append(parts, texts.T(lang, "digest_unsigned_unit", esc(u.Unit), u.N))
		}
		out = append(out, texts.T(lang, "digest_unsigned", len(d.Unsigned), strings.Join(parts, texts.T(lang, "digest_sep"))))
	}
	out = append(out, texts.T(lang, "digest_talk_head"))
	for _, t := range d.Talks {
		out = append(out, texts.T(lang, "digest_talk_reason", talkReasonText(lang, t.Reason), t.Owed, t.Overdue, t.Scheduled, t.Held))
	}
	var bound, total, unreach, partial int
	for _, c := range d.Coverage {
		bound, total, unreach = bound+c.Bound, total+c.Total, unreach+c.Unreachable
		if c.Bound < c.Total {
			partial++
		}
	}
	out = append(out, texts.T(lang, "digest_coverage", bound, total, unreach, partial), texts.T(lang, "digest_failed", d.Failed))
	if d.ReviewGuard > 0 {
		out = append(out, texts.T(lang, "review_guard", d.ReviewGuard))
	}
	return out
}

// adminWorkbook has one row per unit, in the board's order, with the
// digest's figures in the digest's order.
func adminWorkbook(lang string, d models.AdminDigest) (*telegram.Document, error) {
	head := append([]string{texts.T(lang, "digest_col_category"), texts.T(lang, "digest_col_unit")}, tallyHeads(lang)...)
	head = append(head, texts.T(lang, "digest_col_bound"), texts.T(lang, "digest_col_people"))
	cover := map[int64]models.UnitCoverage{}
	for _, c := range d.Coverage {
		cover[c.UnitID] = c
	}
	rows := make([][]any, 0, len(d.Units))
	for _, u := range d.Units {
		c, p := cover[u.UnitID], u.Parts()
		rows = append(rows, []any{u.Category, u.UnitName, u.Due, p[0], p[1], p[2], p[3], p[4], u.Exempt, c.Bound, c.Total})
	}
	return workbook(lang, texts.T(lang, "digest_county_name"), d.Period, head, rows)
}

// workbook is a digest's attachment: one sheet of head and rows, named
// after the scope and the month.
func workbook(lang, scope, period string, head []string, rows [][]any) (*telegram.Document, error) {
	var buf bytes.Buffer
	if err := sheets.Table(&buf, head, rows); err != nil {
		return nil, fmt.Errorf("digest workbook: %w", err)
	}
	name := strings.NewReplacer("/", "-", "\\", "-").Replace("digest-"+scope+"-"+period) + ".xlsx"
	return &telegram.Document{Name: name, Data: buf.Bytes(), Caption: texts.T(lang, "digest_caption", esc(scope), period)}, nil
}
