package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/when"
	"github.com/ganshi/ganshi/models"
)

// runRecord is /record TALK_ID: the holder writes the talk down in five
// short answers, each saved as it arrives, so a record left half done is
// resumed by the same command. /record alone lists what is unrecorded.
func runRecord(r *request) ([]telegram.Message, error) {
	if !r.me.AtLeast(models.RoleLeader) {
		return r.refuse("/record"), nil
	}
	if id, ok := talkID(r.in.args); ok {
		return startRecord(r, id)
	}
	if strings.TrimSpace(r.in.args) != "" {
		return r.say("record_usage"), nil
	}
	held, err := r.tx.TalksHeldUnrecorded(r.ctx, r.tx.Now())
	if err != nil {
		return nil, err
	}
	var rows [][]telegram.Button
	for _, t := range held {
		if t.LeaderID == r.me.ID && len(rows) < maxButtons {
			rows = append(rows, []telegram.Button{{Text: r.t("btn_record", t.CadreName, talkWhen(r.lang, *t.StartsAt, r.loc)),
				Data: recordData(t.ID)}})
		}
	}
	if len(rows) == 0 {
		return r.say("record_nothing"), nil
	}
	return []telegram.Message{{Text: r.t("record_pick"), Buttons: rows}}, nil
}

// recordable loads a talk only its holder may write down.
func recordable(r *request, id int64) (models.Talk, models.Cadre, []telegram.Message, error) {
	t, c, out, err := loadTalk(r, id)
	if out != nil || err != nil {
		return t, c, out, err
	}
	if t.LeaderID != r.me.ID || !r.me.Active {
		return t, c, r.refuse(fmt.Sprintf("record talk %d", id)), nil
	}
	return t, c, nil, nil
}

// startRecord opens or resumes the record.
func startRecord(r *request, id int64) ([]telegram.Message, error) {
	t, c, out, err := recordable(r, id)
	if out != nil || err != nil {
		return out, err
	}
	resumed := t.HasRecord()
	t, err = r.tx.StartRecord(r.ctx, id)
	switch {
	case errors.Is(err, models.ErrTooEarly):
		if t0, _ := r.tx.GetTalk(r.ctx, id); t0.StartsAt != nil {
			return r.say("record_too_early", talkWhen(r.lang, *t0.StartsAt, r.loc)), nil
		}
		return r.say("record_not_scheduled"), nil
	case errors.Is(err, models.ErrTalkCancelled):
		return r.say("talk_state_now", statusName(r.lang, models.TalkCancelled)), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("record_already", id), nil
	case err != nil:
		return nil, err
	}
	if err := r.setTalkStep(fmt.Sprintf("%s:%d", stepTalkRecord, id)); err != nil {
		return nil, err
	}
	head := r.t("record_head", esc(c.Name), talkWhen(r.lang, *t.StartsAt, r.loc))
	if resumed {
		head = r.t("record_resume", esc(c.Name), talkWhen(r.lang, *t.StartsAt, r.loc)) + draftSoFar(r, t)
	}
	q := recordQuestion(r, t)
	q.Text = head + "\n\n" + q.Text
	return []telegram.Message{q}, nil
}

// draftSoFar shows the answers already kept, so a resumed record is not
// asked again.
func draftSoFar(r *request, t models.Talk) string {
	var b strings.Builder
	for _, f := range []struct{ step, key, val string }{
		{models.RecordSummary, "rec_summary", t.Summary},
		{models.RecordConcerns, "rec_concerns", t.Concerns},
		{models.RecordAgreed, "rec_agreed", t.Agreed},
	} {
		if f.step == t.RecordStep {
			break
		}
		b.WriteString("\n" + r.t(f.key, esc(f.val)))
	}
	return b.String()
}

// recordQuestion asks for the step the draft is at.
func recordQuestion(r *request, t models.Talk) telegram.Message {
	m := telegram.Message{Text: r.t("ask_" + t.RecordStep)}
	switch t.RecordStep {
	case models.RecordAttention:
		m.Buttons = [][]telegram.Button{{
			{Text: r.t("btn_yes"), Data: attentionData(t.ID, true)},
			{Text: r.t("btn_no"), Data: attentionData(t.ID, false)},
		}}
	case models.RecordFollowUp:
		m.Buttons = [][]telegram.Button{{{Text: r.t("btn_no_follow_up"), Data: noFollowUpData(t.ID)}}}
	}
	return m
}

// recordAnswer keeps one answer for step and asks the next question.
func recordAnswer(r *request, id int64, step, text string) ([]telegram.Message, error) {
	t, _, out, err := recordable(r, id)
	if out != nil || err != nil {
		return out, err
	}
	if t.Status != models.TalkHeld {
		if err := r.endConv(); err != nil {
			return nil, err
		}
		return r.say("record_already", id), nil
	}
	if step != t.RecordStep {
		return r.stale(), nil
	}
	if text == "" {
		return []telegram.Message{recordQuestion(r, t)}, nil
	}
	switch step {
	case models.RecordAttention:
		yes, ok := yesNo(text)
		if !ok {
			return []telegram.Message{recordQuestion(r, t)}, nil
		}
		text = map[bool]string{true: "yes", false: "no"}[yes]
	case models.RecordFollowUp:
		return completeRecord(r, t, text)
	}
	t, err = r.tx.SaveRecordAnswer(r.ctx, id, step, text)
	if err != nil {
		return nil, err
	}
	if err := r.setTalkStep(fmt.Sprintf("%s:%d", stepTalkRecord, id)); err != nil {
		return nil, err
	}
	return []telegram.Message{recordQuestion(r, t)}, nil
}

func yesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "是", "yes", "y", "需要", "要":
		return true, true
	case "否", "no", "n", "不", "不需要", "无":
		return false, true
	}
	return false, false
}

// noneWords answer "no follow-up".
var noneWords = map[string]bool{"无": true, "没有": true, "不需要": true, "否": true, "no": true, "none": true, "-": true}

// completeRecord reads the follow-up day and closes the record. A
// follow-up makes a talk owed from that day.
func completeRecord(r *request, t models.Talk, text string) ([]telegram.Message, error) {
	var day string
	if !noneWords[strings.ToLower(text)] {
		d, err := when.ParseDate(text, r.tx.Now(), r.loc)
		if err != nil {
			return r.whenDateError(err), nil
		}
		day = d.Format("2006-01-02")
	}
	t, next, err := r.tx.CompleteRecord(r.ctx, t.ID, day)
	if err != nil {
		return nil, err
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	if err := r.tx.Audit(r.ctx, &r.me.ID, "talk.record", fmt.Sprintf("talk:%d", t.ID), ""); err != nil {
		return nil, err
	}
	if next != nil {
		return r.say("record_done_follow_up", talkDay(r.lang, day)), nil
	}
	return r.say("record_done"), nil
}
