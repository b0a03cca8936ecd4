package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// digestLimit leaves room under telegram.MaxText for the HTML entities
// Telegram counts after parsing (they only shrink) and for safety.
const digestLimit = telegram.MaxText - 96

// renderDigest formats a digest notification written by the digest jobs.
func renderDigest(n models.Notification, loc *time.Location) ([]telegram.Message, bool, error) {
	if n.Kind != models.KindDigestLeader && n.Kind != models.KindDigestAdmin {
		return nil, false, nil
	}
	var p models.DigestPayload
	if err := json.Unmarshal([]byte(n.Payload), &p); err != nil {
		return nil, true, fmt.Errorf("render %s: %w", n.Kind, err)
	}
	var (
		ms  []telegram.Message
		err error
	)
	switch {
	case p.Leader != nil:
		ms, err = leaderDigestMessages(p.Lang, *p.Leader, loc)
	case p.Admin != nil:
		ms, err = adminDigestMessages(p.Lang, *p.Admin, loc)
	default:
		err = fmt.Errorf("render %s: empty digest", n.Kind)
	}
	return ms, true, err
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

// digestLine is one line of a leader digest. A line with a short form
// lists what waits on others (returned and unsubmitted reports, talks
// already set this week): when the text would pass Telegram's limit it
// gives way to its count, and the attachment lists it. Lines without one
// stay whatever the length: figures, and what waits on the principal
// (signatures, owed and unrecorded talks, people the bot cannot reach and
// how to invite them).
type digestLine struct {
	text, short string
}

// leaderDigestMessages writes a unit's digest: every list in full when
// it fits in one message; otherwise the lists that wait on others give
// way to counts, least urgent first, and a workbook lists everyone. What
// waits on the principal is never left out of the text; when even that
// is too long it goes on in further messages.
func leaderDigestMessages(lang string, d models.LeaderDigest, loc *time.Location) ([]telegram.Message, error) {
	lines, giveWay := leaderDigestLines(lang, d, loc)
	collapsed := false
	for _, i := range giveWay {
		if telegram.Length(joinLines(lines)) <= digestLimit {
			break
		}
		lines[i].text, collapsed = lines[i].short, true
	}
	if collapsed {
		lines = append(lines, digestLine{text: texts.T(lang, "digest_full_detail")})
	}
	var out []telegram.Message
	for _, part := range telegram.Split(joinLines(lines), digestLimit) {
		out = append(out, telegram.Message{Text: part})
	}
	out[len(out)-1].Buttons = signButtons(lang, d.Awaiting)
	if !collapsed {
		return out, nil
	}
	doc, err := leaderWorkbook(lang, d, loc)
	if err != nil {
		return nil, err
	}
	return append(out, telegram.Message{Document: doc}), nil
}

// leaderDigestLines are the digest's lines in reading order, and the
// lines that may give way, in the order they do.
func leaderDigestLines(lang string, d models.LeaderDigest, loc *time.Location) ([]digestLine, []int) {
	t := d.Tally
	lines := []digestLine{
		{text: texts.T(lang, "digest_leader_head", esc(d.Unit), periodText(lang, mustPeriod(d.Period)), dueText(lang, d.DueAt, loc))},
		{text: texts.T(lang, "digest_reports", t.Due, t.SignedOnTime, t.SignedLate, t.Awaiting, t.Returned, t.Missing,
			d.InProgress, d.NotStarted, t.Exempt)},
	}
	giveWay := map[string]int{}
	list := func(key, joined string, n int, yields bool) {
		if n == 0 {
			return
		}
		l := digestLine{text: wrapList(texts.T(lang, "digest_"+key, joined), texts.T(lang, "digest_sep"))}
		if yields {
			l.short, giveWay[key] = texts.T(lang, "digest_collapsed", label(lang, key), n), len(lines)
		}
		lines = append(lines, l)
	}
	list("awaiting", personNames(lang, d.Awaiting), len(d.Awaiting), false)
	list("returned", personNames(lang, d.Returned), len(d.Returned), true)
	if !d.DueAt.IsZero() {
		list("missing", personNames(lang, d.Missing), len(d.Missing), true)
	}
	lines = append(lines, digestLine{}, digestLine{text: texts.T(lang, "digest_talks", len(d.TalksDue), len(d.TalksWeek), len(d.Unrecorded))})
	list("talks_due", talkNames(lang, d.TalksDue, loc), len(d.TalksDue), false)
	list("talks_week", talkNames(lang, d.TalksWeek, loc), len(d.TalksWeek), true)
	list("unrecorded", talkNames(lang, d.Unrecorded, loc), len(d.Unrecorded), false)
	lines = append(lines, digestLine{}, digestLine{text: texts.T(lang, "digest_reach", d.Bound, d.Total)})
	list("not_bound", personNames(lang, d.NotBound), len(d.NotBound), false)
	list("unreachable", personNames(lang, d.Unreach), len(d.Unreach), false)
	if len(d.NotBound)+len(d.Unreach) > 0 {
		lines = append(lines, digestLine{text: texts.T(lang, "digest_invite_hint", esc(d.Unit))})
	}
	var order []int
	for _, key := range []string{"missing", "talks_week", "returned"} {
		if i, ok := giveWay[key]; ok {
			order = append(order, i)
		}
	}
	return lines, order
}

func joinLines(lines []digestLine) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.text
	}
	return strings.Join(parts, "\n")
}

// wrapList breaks a list longer than one message after a separator, so
// that telegram.Split never cuts a name in two.
func wrapList(line, sep string) string {
	if telegram.Length(line) <= digestLimit {
		return line
	}
	var b strings.Builder
	n := 0
	for i, part := range strings.SplitAfter(line, sep) {
		if k := telegram.Length(part); i > 0 && n+k > digestLimit {
			b.WriteString("\n")
			n = 0
		}
		b.WriteString(part)
		n += telegram.Length(part)
	}
	return b.String()
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

// tallyLine is a tally in words: 应报, the five parts, 免报.
func tallyLine(lang string, t models.ReportTally) string {
	p := t.Parts()
	return texts.T(lang, "tally_line", t.Due, p[0], p[1], p[2], p[3], p[4], t.Exempt)
}

// tallyUnit is a unit's tally in figures, in tallyLegend's order.
func tallyUnit(lang, name string, t models.ReportTally) string {
	p := t.Parts()
	return texts.T(lang, "tally_unit", name, t.Due, p[0], p[1], p[2], p[3], p[4], t.Exempt)
}

// tallyLegend names tallyUnit's figures.
func tallyLegend(lang string) string {
	return strings.Join(tallyHeads(lang), "/")
}

// tallyHeads are the names of 应报, the five parts and 免报.
func tallyHeads(lang string) []string {
	out := []string{texts.T(lang, "tally_due")}
	for _, part := range models.TallyParts {
		out = append(out, texts.T(lang, "tally_"+part))
	}
	return append(out, texts.T(lang, "tally_exempt"))
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
