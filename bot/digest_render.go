package bot

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
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

// nameList lists at most maxNames names; it reports whether it cut.
func nameList(lang string, ps []models.DigestPerson) (string, bool) {
	var parts []string
	for i, p := range ps {
		if i == maxNames {
			parts = append(parts, texts.T(lang, "digest_more", len(ps)-maxNames))
			break
		}
		parts = append(parts, esc(p.Name))
	}
	return strings.Join(parts, texts.T(lang, "digest_sep")), len(ps) > maxNames
}

func talkList(lang string, ts []models.DigestTalk, loc *time.Location) (string, bool) {
	var parts []string
	for i, t := range ts {
		if i == maxNames {
			parts = append(parts, texts.T(lang, "digest_more", len(ts)-maxNames))
			break
		}
		s := esc(t.Cadre) + "（" + esc(talkReasonText(lang, t.Reason))
		if t.StartsAt != nil {
			at := t.StartsAt.In(loc)
			s += " " + texts.T(lang, "when", int(at.Month()), at.Day(), at.Format("15:04"))
		} else if t.DueBy != "" {
			s += " ≤" + t.DueBy
		}
		parts = append(parts, s+"）")
	}
	return strings.Join(parts, texts.T(lang, "digest_sep")), len(ts) > maxNames
}

func talkReasonText(lang, reason string) string {
	if lang == texts.EN {
		return strings.ReplaceAll(reason, "_", " ")
	}
	return models.TalkReasonZH(reason)
}

func dueText(lang string, due time.Time, loc *time.Location) string {
	d := due.In(loc)
	return texts.T(lang, "when", int(d.Month()), d.Day(), d.Format("15:04"))
}

// leaderDigestMessages counts first and names only those something waits
// on; the full lists go to a workbook when they do not fit.
func leaderDigestMessages(lang string, d models.LeaderDigest, loc *time.Location) ([]telegram.Message, error) {
	period := periodText(lang, mustPeriod(d.Period))
	t := d.Tally
	lines := []string{
		texts.T(lang, "digest_leader_head", esc(d.Unit), period, dueText(lang, d.DueAt, loc)),
		texts.T(lang, "digest_reports", t.Due, t.Signed, t.Submitted-t.Signed, t.Returned, d.InProgress, d.NotStarted, t.Exempt),
	}
	cut := false
	add := func(key string, s string, c bool) {
		if s != "" {
			lines = append(lines, texts.T(lang, "digest_"+key, s))
			cut = cut || c
		}
	}
	s, c := nameList(lang, d.Awaiting)
	add("awaiting", s, c)
	s, c = nameList(lang, d.Returned)
	add("returned", s, c)
	if !d.DueAt.IsZero() {
		s, c = nameList(lang, d.Missing)
		add("missing", s, c)
	}
	lines = append(lines, "", texts.T(lang, "digest_talks", len(d.TalksDue), len(d.TalksWeek), len(d.Unrecorded)))
	s, c = talkList(lang, d.TalksDue, loc)
	add("talks_due", s, c)
	s, c = talkList(lang, d.TalksWeek, loc)
	add("talks_week", s, c)
	s, c = talkList(lang, d.Unrecorded, loc)
	add("unrecorded", s, c)
	lines = append(lines, "", texts.T(lang, "digest_reach", d.Bound, d.Total))
	s, c = nameList(lang, d.NotBound)
	add("not_bound", s, c)
	s, c = nameList(lang, d.Unreach)
	add("unreachable", s, c)
	if len(d.NotBound)+len(d.Unreach) > 0 {
		lines = append(lines, texts.T(lang, "digest_invite_hint", esc(d.Unit)))
	}
	m := telegram.Message{Buttons: signButtons(lang, d.Awaiting)}
	text := strings.Join(lines, "\n")
	if !cut && utf8.RuneCountInString(text) <= digestLimit {
		m.Text = text
		return []telegram.Message{m}, nil
	}
	// Counts only, then the workbook with every name.
	m.Text = strings.Join([]string{lines[0], lines[1],
		texts.T(lang, "digest_talks", len(d.TalksDue), len(d.TalksWeek), len(d.Unrecorded)),
		texts.T(lang, "digest_reach", d.Bound, d.Total), texts.T(lang, "digest_full_detail")}, "\n")
	doc, err := leaderWorkbook(lang, d, loc)
	if err != nil {
		return nil, err
	}
	return []telegram.Message{m, {Document: doc}}, nil
}

// signButtons open each report awaiting the principal's signature.
func signButtons(lang string, ps []models.DigestPerson) [][]telegram.Button {
	var out [][]telegram.Button
	for _, p := range ps {
		if p.ReportID != 0 && len(out) < maxButtons {
			out = append(out, []telegram.Button{{Text: texts.T(lang, "btn_view", p.Name), Data: fmt.Sprintf("rv:%d", p.ReportID)}})
		}
	}
	return out
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
			line := texts.T(lang, "digest_category", esc(orDash(u.Category)), c.Due, c.OnTime, c.Late, c.Returned, c.Missing, c.Exempt)
			cats, units = append(cats, line), append(units, line)
		}
		units = append(units, texts.T(lang, "digest_unit", esc(u.UnitName), u.OnTime, u.Late, u.Returned, u.Missing, u.Exempt))
	}
	head = append(head, texts.T(lang, "digest_county", sum.Due, sum.OnTime, sum.Late, sum.Returned, sum.Missing, sum.Exempt))
	tail := adminTail(lang, d)
	full := strings.Join(append(append(append(head, units...), tail...), texts.T(lang, "digest_no_ranking")), "\n")
	if utf8.RuneCountInString(full) <= digestLimit {
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
				parts = append(parts, texts.T(lang, "digest_more", len(d.Unsigned)-maxNames))
				break
			}
			parts = append(parts, texts.T(lang, "digest_unsigned_unit", esc(u.Unit), u.N))
		}
		out = append(out, texts.T(lang, "digest_unsigned", len(d.Unsigned), strings.Join(parts, texts.T(lang, "digest_sep"))))
	}
	out = append(out, texts.T(lang, "digest_talk_head"))
	for _, t := range d.Talks {
		out = append(out, texts.T(lang, "digest_talk_reason", talkReasonText(lang, t.Reason), t.Owed, t.Overdue, t.Held))
	}
	var bound, total, unreach, partial int
	for _, c := range d.Coverage {
		bound, total, unreach = bound+c.Bound, total+c.Total, unreach+c.Unreachable
		if c.Bound < c.Total {
			partial++
		}
	}
	return append(out, texts.T(lang, "digest_coverage", bound, total, unreach, partial), texts.T(lang, "digest_failed", d.Failed))
}

// leaderWorkbook has one sheet listing every person and talk by state.
func leaderWorkbook(lang string, d models.LeaderDigest, loc *time.Location) (*telegram.Document, error) {
	var rows [][]any
	people := func(state string, ps []models.DigestPerson) {
		for _, p := range ps {
			rows = append(rows, []any{state, p.Name, p.Note})
		}
	}
	people(texts.T(lang, "state_submitted"), d.Awaiting)
	people(texts.T(lang, "state_returned"), d.Returned)
	people(texts.T(lang, "state_not_started")+"/"+texts.T(lang, "state_in_progress"), d.Missing)
	talks := func(key string, ts []models.DigestTalk) {
		for _, t := range ts {
			at := t.DueBy
			if t.StartsAt != nil {
				at = t.StartsAt.In(loc).Format("2006-01-02 15:04")
			}
			rows = append(rows, []any{label(lang, key), t.Cadre, talkReasonText(lang, t.Reason) + " " + at})
		}
	}
	talks("talks_due", d.TalksDue)
	talks("talks_week", d.TalksWeek)
	talks("unrecorded", d.Unrecorded)
	people(label(lang, "not_bound"), d.NotBound)
	people(label(lang, "unreachable"), d.Unreach)
	return workbook(lang, d.Unit, d.Period, []string{"", "", ""}, rows)
}

// label is a list's heading without its colon, for a workbook column.
func label(lang, key string) string {
	return strings.TrimRight(texts.T(lang, "digest_"+key, ""), "：: ")
}

// adminWorkbook has one row per unit, in the board's order.
func adminWorkbook(lang string, d models.AdminDigest) (*telegram.Document, error) {
	head := []string{"类别 category", "单位 unit", "应报 due", "按时 on time", "逾期 late", "已退回 returned",
		"未交 missing", "免报 exempt", "待签字 unsigned", "已绑定 bound", "总人数 people"}
	unsigned := map[int64]int{}
	for _, u := range d.Unsigned {
		unsigned[u.UnitID] = u.N
	}
	cover := map[int64]models.UnitCoverage{}
	for _, c := range d.Coverage {
		cover[c.UnitID] = c
	}
	rows := make([][]any, 0, len(d.Units))
	for _, u := range d.Units {
		c := cover[u.UnitID]
		rows = append(rows, []any{u.Category, u.UnitName, u.Due, u.OnTime, u.Late, u.Returned, u.Missing, u.Exempt,
			unsigned[u.UnitID], c.Bound, c.Total})
	}
	return workbook(lang, "全县", d.Period, head, rows)
}

func workbook(lang, scope, period string, head []string, rows [][]any) (*telegram.Document, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("digest workbook: %w", err)
	}
	hr := make([]any, len(head))
	for i, h := range head {
		hr[i] = h
	}
	if err := sw.SetRow("A1", hr); err != nil {
		return nil, fmt.Errorf("digest workbook: %w", err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, r); err != nil {
			return nil, fmt.Errorf("digest workbook row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, fmt.Errorf("digest workbook: %w", err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("digest workbook: %w", err)
	}
	name := strings.NewReplacer("/", "-", "\\", "-").Replace("digest-"+scope+"-"+period) + ".xlsx"
	return &telegram.Document{Name: name, Data: buf.Bytes(), Caption: texts.T(lang, "digest_caption", esc(scope), period)}, nil
}
