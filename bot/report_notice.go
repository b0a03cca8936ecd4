package bot

import (
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// The kinds models writes when a report is judged, from chat or from the
// web console, rendered for the notices table (render.go).

// judgedMessage tells the owner, in their language, what happened to the
// report; a returned or reopened one comes with a button that opens it.
func judgedMessage(p models.ReportJudged) telegram.Message {
	month := periodText(p.Lang, mustPeriod(p.Period))
	switch p.Outcome {
	case models.JudgedSigned:
		return telegram.Message{Text: texts.T(p.Lang, "your_report_signed", month, esc(p.By))}
	case models.JudgedReturned:
		return fixMessage(p, texts.T(p.Lang, "your_report_returned", month, esc(p.By), esc(p.Comment)))
	}
	return fixMessage(p, texts.T(p.Lang, "your_report_reopened", month, esc(p.Comment)))
}

func fixMessage(p models.ReportJudged, text string) telegram.Message {
	return telegram.Message{Text: text, Buttons: [][]telegram.Button{{
		{Text: texts.T(p.Lang, "btn_fix"), Data: reopenData(p.ReportID)},
	}}}
}

// postingMessage is the signed report as the unit's group sees it, in
// Chinese: a group has no one language.
func postingMessage(p models.ReportPosting, loc *time.Location) telegram.Message {
	d := reportDoc{
		rep: models.Report{ID: p.ReportID, Period: p.Period, Status: p.Status, SignedAt: p.SignedAt,
			SelfSigned: p.SelfSigned, DiscussedOn: p.DiscussedOn},
		owner:  models.Cadre{Name: p.Owner, Position: p.Position, Duty: p.Duty},
		unit:   models.Unit{Name: p.Unit},
		items:  p.Items,
		signer: p.Signer,
	}
	return telegram.Message{Text: texts.T(texts.ZH, "posting_head") + "\n\n" + d.format(texts.ZH, loc)}
}

// returnedTwiceMessage tells a talk's holder, privately, that a talk
// became owed because two months running were returned, with the button
// that arranges it.
func returnedTwiceMessage(p models.TalkReturnedTwice) telegram.Message {
	return telegram.Message{
		Text: texts.T(p.Lang, "talk_owed_returned_twice", esc(p.Cadre), periodText(p.Lang, mustPeriod(p.First)),
			periodText(p.Lang, mustPeriod(p.Second)), reasonName(p.Lang, p.Reason), talkDay(p.Lang, p.DueBy)),
		Buttons: [][]telegram.Button{{{Text: texts.T(p.Lang, "btn_arrange_now"), Data: arrangeTalkData(p.TalkID)}}},
	}
}
