package bot

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// renderReportNotice renders what models writes when a report is judged,
// from chat or from the web console: the owner's notice and the group's
// posting. ok is false for other kinds.
func renderReportNotice(n models.Notification, loc *time.Location) ([]telegram.Message, bool, error) {
	switch n.Kind {
	case models.KindReportJudged:
		var p models.ReportJudged
		if err := json.Unmarshal([]byte(n.Payload), &p); err != nil {
			return nil, true, fmt.Errorf("render %s: %w", n.Kind, err)
		}
		return []telegram.Message{judgedMessage(p)}, true, nil
	case models.KindReportPosting:
		var p models.ReportPosting
		if err := json.Unmarshal([]byte(n.Payload), &p); err != nil {
			return nil, true, fmt.Errorf("render %s: %w", n.Kind, err)
		}
		return []telegram.Message{postingMessage(p, loc)}, true, nil
	}
	return nil, false, nil
}

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
		{Text: texts.T(p.Lang, "btn_fix"), Data: fmt.Sprintf("ro:%d", p.ReportID)},
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
	return telegram.Message{Text: texts.T(texts.ZH, "posting_head") + "\n\n" + d.format(texts.ZH, loc, false)}
}
