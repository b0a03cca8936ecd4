package bot

import (
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

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
			out = append(out, []telegram.Button{{Text: texts.T(lang, "btn_view", p.Name), Data: viewReportData(p.ReportID)}})
		}
	}
	return out
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
			rows = append(rows, []any{label(lang, key), t.Cadre, talkReasonText(lang, t.Reason) + texts.T(lang, "list_sep") + at})
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
