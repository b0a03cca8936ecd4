package bot

import (
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// maxHistory bounds /talks CADRE.
const maxHistory = 20

// runTalks is /talks: a leader's owed, upcoming and unrecorded talks, a
// cadre's upcoming ones. "/talks 张三" is a cadre's history, "/talks #12"
// one talk, and "/talks ok 12" / "/talks later 12 NOTE" a cadre's answer
// typed instead of tapped.
func runTalks(r *request) ([]telegram.Message, error) {
	if !r.in.private {
		return nil, nil // talks are never shown in a group
	}
	args := strings.TrimSpace(r.in.args)
	verb, rest := cutWord(args)
	switch strings.ToLower(verb) {
	case "":
		if r.me.AtLeast(models.RoleLeader) {
			return leaderTalks(r)
		}
		return cadreTalks(r)
	case "ok", "确认":
		if id, ok := talkID(rest); ok {
			return confirmInvitation(r, id, 0)
		}
		return r.say("talks_usage"), nil
	case "later", "改期":
		idText, note := cutWord(rest)
		id, ok := talkID(idText)
		if !ok {
			return r.say("talks_usage"), nil
		}
		if note == "" {
			return askLaterNote(r, id, 0)
		}
		return answerLater(r, id, 0, note)
	}
	if id, ok := talkID(args); ok {
		return viewTalk(r, id)
	}
	return talkHistory(r, args)
}

// leaderTalks lists what the caller holds: owed, upcoming, to be written
// down, and follow-ups planned. Admins also get the county's counts.
func leaderTalks(r *request) ([]telegram.Message, error) {
	rows, err := r.tx.LeaderOpenTalks(r.ctx, r.me.ID)
	if err != nil {
		return nil, err
	}
	today, err := r.tx.Today(r.ctx)
	if err != nil {
		return nil, err
	}
	sections, buttons := talkSections(r, rows, today)
	var b strings.Builder
	b.WriteString(r.t("talks_head"))
	for _, sec := range []string{"owed", "upcoming", "unrecorded", "planned"} {
		if sec == "planned" && len(sections[sec]) == 0 {
			continue
		}
		b.WriteString("\n\n" + r.t("sec_count", r.t("sec_"+sec), len(sections[sec])))
		for _, line := range sections[sec] {
			b.WriteString("\n" + line)
		}
	}
	if r.me.Role == models.RoleAdmin {
		if err := countyTalks(r, &b, today); err != nil {
			return nil, err
		}
	}
	b.WriteString("\n\n" + r.t("talks_hint"))
	return []telegram.Message{{Text: b.String(), Buttons: buttons}}, nil
}

// talkSections sorts a holder's open talks into the lines of each section,
// with a button for what each needs next.
func talkSections(r *request, rows []models.TalkRow, today string) (map[string][]string, [][]telegram.Button) {
	now := r.tx.Now()
	sections := map[string][]string{}
	var buttons [][]telegram.Button
	add := func(sec, line, label, data string) {
		sections[sec] = append(sections[sec], line)
		if label != "" && len(buttons) < maxButtons {
			buttons = append(buttons, []telegram.Button{{Text: label, Data: data}})
		}
	}
	for _, t := range rows {
		name, reason := esc(t.CadreName), reasonName(r.lang, t.Reason)
		switch {
		case t.PlannedOn(today):
			add("planned", r.t("planned_line", name, reason, talkDay(r.lang, t.DueFrom)), "", "")
		case t.OwedOn(today):
			line := r.t("owed_item", name, reason, talkDay(r.lang, t.DueBy))
			if t.OverdueOn(today) {
				line += r.t("overdue_mark")
			}
			add("owed", line, r.t("btn_arrange", t.CadreName), arrangeTalkData(t.ID))
		case t.Status == models.TalkScheduled && t.StartsAt.After(now):
			add("upcoming", r.t("upcoming_item", talkWhen(r.lang, *t.StartsAt, r.loc), name, esc(t.Place), answerName(r.lang, t.Answer)),
				r.t("talk_btn_view", t.CadreName), viewTalkData(t.ID))
		default:
			at := talkWhen(r.lang, *t.StartsAt, r.loc)
			add("unrecorded", r.t("unrecorded_item", at, name), r.t("btn_record", t.CadreName, at), recordData(t.ID))
		}
	}
	return sections, buttons
}

// countyTalks adds the department's view: open talks per unit, owed as
// the digests count them.
func countyTalks(r *request, b *strings.Builder, today string) error {
	counts, err := r.tx.TalkCounts(r.ctx, today)
	if err != nil {
		return err
	}
	b.WriteString("\n\n<b>" + r.t("county_talks") + "</b>")
	if len(counts) == 0 {
		b.WriteString("\n" + r.t("county_talks_none"))
	}
	for _, c := range counts {
		b.WriteString("\n" + r.t("county_talks_unit", esc(c.UnitName), c.Owed, c.Scheduled, c.Held))
	}
	return nil
}

// cadreTalks lists the caller's upcoming talks: time, place, who, and
// whether they answered. Never a reason, never a record.
func cadreTalks(r *request) ([]telegram.Message, error) {
	rows, err := r.tx.CadreUpcomingTalks(r.ctx, r.me.ID)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return r.say("cadre_no_talks"), nil
	}
	var b strings.Builder
	b.WriteString(r.t("cadre_talks_head"))
	var buttons [][]telegram.Button
	for _, t := range rows {
		answer := answerName(r.lang, t.Answer)
		if t.Answer == "" { // the invitation waits for this reader, not for "the other side"
			answer = r.t("talk_answer_yours", t.ID)
		}
		b.WriteString("\n" + r.t("cadre_talk_item", talkWhen(r.lang, *t.StartsAt, r.loc), esc(t.Place), esc(t.LeaderName), answer))
		if len(buttons) < maxButtons {
			buttons = append(buttons, []telegram.Button{{Text: r.t("talk_btn_view", talkWhen(r.lang, *t.StartsAt, r.loc)), Data: viewTalkData(t.ID)}})
		}
	}
	return []telegram.Message{{Text: b.String(), Buttons: buttons}}, nil
}

// viewTalk shows one talk to whoever may see it, the record only to its
// holder and admins; an admin's view of a record is audited.
func viewTalk(r *request, id int64) ([]telegram.Message, error) {
	row, err := r.tx.TalkRowByID(r.ctx, id)
	if err != nil {
		_, _, out, lerr := loadTalk(r, id)
		if out != nil || lerr != nil {
			return out, lerr
		}
		return nil, err
	}
	c, err := r.tx.GetCadre(r.ctx, row.CadreID)
	if err != nil {
		return nil, err
	}
	if !r.me.MaySeeTalk(row.Talk, c) {
		return r.refuse(fmt.Sprintf("view talk %d", id)), nil
	}
	text, err := talkDetail(r, row)
	if err != nil {
		return nil, err
	}
	return []telegram.Message{{Text: text, Buttons: talkActions(r, row.Talk, c)}}, nil
}

// talkDetail writes one talk for the caller: the cadre sees time, place
// and status; leaders also the reason and holder; the record only its
// holder and admins.
func talkDetail(r *request, t models.TalkRow) (string, error) {
	today, err := r.tx.Today(r.ctx)
	if err != nil {
		return "", err
	}
	status := statusName(r.lang, t.Status)
	if t.PlannedOn(today) {
		// A follow-up is not owed before its day: /talks and the digests
		// list it as planned, and so does its detail.
		status = r.t("status_planned", talkDay(r.lang, t.DueFrom))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s", r.t("detail_head", t.ID, esc(t.CadreName)), r.t("detail_status", status))
	if t.StartsAt != nil {
		b.WriteString("\n" + r.t("detail_when", talkWhen(r.lang, *t.StartsAt, r.loc), esc(t.Place)))
	}
	b.WriteString("\n" + r.t("detail_holder", esc(t.LeaderName)))
	if r.me.ID == t.CadreID && !r.me.MayReadTalkRecord(t.Talk) {
		return b.String(), nil
	}
	b.WriteString("\n" + r.t("detail_reason", reasonName(r.lang, t.Reason)))
	if t.Status == models.TalkDue {
		b.WriteString("\n" + r.t("detail_due", talkDay(r.lang, t.DueBy)))
	}
	if t.Answer != "" {
		line := r.t("detail_answer", answerName(r.lang, t.Answer), esc(t.AnswerNote))
		if t.AnswerNote == "" { // no note: no separator left dangling
			line = strings.TrimRight(line, "；; ")
		}
		b.WriteString("\n" + line)
	}
	if t.Status == models.TalkCancelled {
		b.WriteString("\n" + r.t("detail_cancel", esc(t.CancelReason)))
	}
	rec, err := recordText(r, t)
	return b.String() + rec, err
}

// recordText is the record for those who may read it, a note saying it is
// confidential for the rest. models.OpenTalkRecord audits an admin's read,
// as it does on the web.
func recordText(r *request, t models.TalkRow) (string, error) {
	if !t.HasRecord() && t.Note == "" {
		return "", nil
	}
	may, err := r.tx.OpenTalkRecord(r.ctx, r.me, t)
	if err != nil {
		return "", err
	}
	if !may {
		if t.HasRecord() {
			return "\n" + r.t("record_confidential"), nil
		}
		return "", nil
	}
	var b strings.Builder
	if t.Note != "" {
		b.WriteString("\n" + r.t("rec_note", esc(t.Note)))
	}
	if !t.HasRecord() {
		return b.String(), nil
	}
	if t.RecordStep != models.RecordDone {
		b.WriteString("\n" + r.t("rec_draft"))
	}
	b.WriteString("\n" + r.t("rec_summary", esc(t.Summary)))
	b.WriteString("\n" + r.t("rec_concerns", esc(t.Concerns)))
	b.WriteString("\n" + r.t("rec_agreed", esc(t.Agreed)))
	if t.RecordStep == models.RecordDone {
		attention := r.t("btn_no")
		if t.Attention {
			attention = r.t("btn_yes")
		}
		follow := r.t("talk_none")
		if t.FollowUpOn != "" {
			follow = talkDay(r.lang, t.FollowUpOn)
		}
		b.WriteString("\n" + r.t("rec_attention", attention) + "\n" + r.t("rec_follow_up", follow))
	}
	return b.String(), nil
}

// talkActions are the buttons the caller may use on the talk.
func talkActions(r *request, t models.Talk, c models.Cadre) [][]telegram.Button {
	var row []telegram.Button
	switch {
	case r.me.ID == t.CadreID && t.Status == models.TalkScheduled && t.StartsAt.After(r.tx.Now()):
		row = append(row, telegram.Button{Text: r.t("btn_attend"), Data: attendData(t.ID, t.Version)},
			telegram.Button{Text: r.t("btn_later"), Data: laterData(t.ID, t.Version)})
	case t.LeaderID == r.me.ID && (t.Status == models.TalkHeld || (t.Status == models.TalkScheduled && !t.StartsAt.After(r.tx.Now()))):
		row = append(row, telegram.Button{Text: r.t("btn_record_short"), Data: recordData(t.ID)})
	case r.me.MayArrangeTalk(t, c) && (t.Status == models.TalkDue || t.Status == models.TalkScheduled):
		row = append(row, telegram.Button{Text: r.t("btn_move_short"), Data: arrangeTalkData(t.ID)})
	}
	if r.me.MayCancelTalk(t, c) && (t.Status == models.TalkDue || (t.Status == models.TalkScheduled && t.StartsAt.After(r.tx.Now()))) {
		row = append(row, telegram.Button{Text: r.t("btn_cancel_talk"), Data: cancelTalkData(t.ID)})
	}
	if len(row) == 0 {
		return nil
	}
	return [][]telegram.Button{row}
}

// talkHistory is /talks CADRE: for that cadre's leader and admins (and
// the cadre, about themselves, without reasons or records).
func talkHistory(r *request, q string) ([]telegram.Message, error) {
	c, out, err := historySubject(r, q)
	if out != nil || err != nil {
		return out, err
	}
	rows, err := r.tx.CadreTalks(r.ctx, c.ID, maxHistory)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return r.say("history_none", esc(c.Name)), nil
	}
	var b strings.Builder
	b.WriteString(r.t("history_head", esc(c.Name), len(rows)))
	for _, t := range rows {
		text, err := talkDetail(r, t)
		if err != nil {
			return nil, err
		}
		b.WriteString("\n\n" + text)
	}
	return []telegram.Message{{Text: b.String()}}, nil
}

// historySubject finds whose history is asked for: a cadre may ask for
// their own only; a leader for the unit's people; an admin for anyone.
func historySubject(r *request, q string) (models.Cadre, []telegram.Message, error) {
	if !r.me.AtLeast(models.RoleLeader) {
		if q == r.me.Name || q == r.me.ExternalID {
			return r.me, nil, nil
		}
		// Not a forged id, only a question a cadre may not ask: audited
		// like a refusal, answered with what they may see instead.
		if err := r.tx.Audit(r.ctx, &r.me.ID, "refused", "talks "+q, ""); err != nil {
			return models.Cadre{}, nil, err
		}
		return models.Cadre{}, r.say("history_own_only"), nil
	}
	c, out, err := findScopedCadre(r, q, "talks")
	if out == nil && err == nil && !r.me.MayActOnCadre(c) {
		return c, r.refuse("talks " + c.ExternalID), nil
	}
	return c, out, err
}
