package bot

import (
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// zone is where a payload's times are shown; the policy's default zone
// when the job named none or one this host does not know.
func zone(name string) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil && name != "" {
		return loc
	}
	loc, err := models.DefaultTalkPolicy.Location()
	if err != nil {
		return time.UTC
	}
	return loc
}

// talkReminderMessage tells the holder or the cadre that a talk is near.
// The cadre's carries no reason.
func talkReminderMessage(p models.TalkReminder) telegram.Message {
	at := talkWhen(p.Lang, p.StartsAt, zone(p.Zone))
	text := texts.T(p.Lang, "remind_cadre", esc(p.Leader), at, esc(p.Place))
	if p.Role == models.TalkRoleLeader {
		text = texts.T(p.Lang, "remind_leader", esc(p.Cadre), at, esc(p.Place))
	}
	return telegram.Message{Text: text, Buttons: [][]telegram.Button{{
		{Text: texts.T(p.Lang, "btn_view_short"), Data: viewTalkData(p.TalkID)},
	}}}
}

// talksOwedMessage lists a holder's owed talks, overdue ones marked, each
// with a button to arrange it.
func talksOwedMessage(p models.TalksOwed) telegram.Message {
	var b strings.Builder
	b.WriteString(texts.T(p.Lang, "owed_head", len(p.Talks)))
	var rows [][]telegram.Button
	for _, t := range p.Talks {
		line := texts.T(p.Lang, "owed_item", esc(t.Cadre), reasonName(p.Lang, t.Reason), talkDay(p.Lang, t.DueBy))
		if t.DueBy < p.Today {
			line += texts.T(p.Lang, "overdue_mark")
		}
		b.WriteString("\n" + line)
		if len(rows) < maxButtons {
			rows = append(rows, []telegram.Button{{Text: texts.T(p.Lang, "btn_arrange", t.Cadre), Data: arrangeTalkData(t.TalkID)}})
		}
	}
	b.WriteString("\n\n" + texts.T(p.Lang, "owed_tail"))
	return telegram.Message{Text: b.String(), Buttons: rows}
}

// talkUnrecordedMessage asks the holder to write a talk down.
func talkUnrecordedMessage(p models.TalkUnrecorded) telegram.Message {
	at := talkWhen(p.Lang, p.StartsAt, zone(p.Zone))
	return telegram.Message{
		Text:    texts.T(p.Lang, "unrecorded_nudge", esc(p.Cadre), at, p.TalkID),
		Buttons: [][]telegram.Button{{{Text: texts.T(p.Lang, "btn_record_short"), Data: recordData(p.TalkID)}}},
	}
}
