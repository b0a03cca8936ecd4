package bot

import (
	"strconv"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

func trainingKindName(lang, kind string) string { return texts.T(lang, "training_kind_"+kind) }

func hoursText(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) }

// trainingDetails is the part every training message shares: what, when,
// where, who lectures, what to bring.
func trainingDetails(p models.TrainingNotice) string {
	loc := zone(p.Zone)
	s := texts.T(p.Lang, "training_details", trainingKindName(p.Lang, p.Kind), esc(p.Title),
		talkWhen(p.Lang, p.StartsAt, loc), p.EndsAt.In(loc).Format("15:04"), esc(p.Place), hoursText(p.Hours))
	if p.Lecturer != "" {
		s += "\n" + texts.T(p.Lang, "training_lecturer", esc(p.Lecturer))
	}
	if p.Bring != "" {
		s += "\n" + texts.T(p.Lang, "training_bring", esc(p.Bring))
	}
	return s
}

// answerButtons are the invitee's one-tap answers.
func answerButtons(p models.TrainingNotice) [][]telegram.Button {
	return [][]telegram.Button{{
		{Text: texts.T(p.Lang, "btn_training_confirm"), Data: trainingConfirmData(p.InvitationID, p.Version)},
		{Text: texts.T(p.Lang, "btn_training_leave"), Data: trainingLeaveData(p.InvitationID, p.Version)},
	}}
}

// trainingInviteMessage is the one invitation an invitee gets.
func trainingInviteMessage(p models.TrainingNotice) telegram.Message {
	text := texts.T(p.Lang, "training_invite_head") + "\n" + trainingDetails(p) + "\n\n" + texts.T(p.Lang, "training_invite_tail", p.SessionID)
	return telegram.Message{Text: text, Buttons: answerButtons(p)}
}

// trainingReminderMessage reminds an invitee the day before or an hour before.
func trainingReminderMessage(p models.TrainingNotice) telegram.Message {
	key := "training_remind_day"
	if p.Before == "1h0m0s" {
		key = "training_remind_hour"
	}
	m := telegram.Message{Text: texts.T(p.Lang, key) + "\n" + trainingDetails(p) + "\n\n" + texts.T(p.Lang, "training_remind_tail")}
	if p.Answer == models.TrainingNoAnswer {
		m.Buttons = answerButtons(p)
	}
	return m
}

// trainingChangeMessage tells an invitee the session moved or was cancelled.
func trainingChangeMessage(p models.TrainingNotice) telegram.Message {
	if p.Cancelled {
		return telegram.Message{Text: texts.T(p.Lang, "training_cancelled", esc(p.Title),
			talkWhen(p.Lang, p.StartsAt, zone(p.Zone)), esc(p.CancelReason))}
	}
	m := telegram.Message{Text: texts.T(p.Lang, "training_moved_head") + "\n" + trainingDetails(p)}
	if p.Answer != models.TrainingLeaveApproved {
		m.Buttons = answerButtons(p)
	}
	return m
}

// lectureDueMessage asks a leading cadre for the lecture they owe.
func lectureDueMessage(p models.LectureDue) telegram.Message {
	return telegram.Message{Text: texts.T(p.Lang, "lecture_due", p.Year, p.Owed, p.Given, p.Year)}
}
