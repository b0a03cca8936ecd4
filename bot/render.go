package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// Renderer turns outbox notifications into messages: replies are stored
// ready-made ("text"); what jobs write is rendered here, in the reader's
// language, when it is sent.
func Renderer(loc *time.Location) func(models.Notification) ([]telegram.Message, error) {
	return func(n models.Notification) ([]telegram.Message, error) {
		switch n.Kind {
		case models.KindReportReminder:
			var p models.ReportReminder
			if err := json.Unmarshal([]byte(n.Payload), &p); err != nil {
				return nil, fmt.Errorf("render %s: %w", n.Kind, err)
			}
			return []telegram.Message{reminderMessage(p, loc)}, nil
		case models.KindReportMissing:
			var p models.ReportMissing
			if err := json.Unmarshal([]byte(n.Payload), &p); err != nil {
				return nil, fmt.Errorf("render %s: %w", n.Kind, err)
			}
			return []telegram.Message{missingMessage(p, loc)}, nil
		}
		if ms, ok, err := renderDigest(n, loc); ok {
			return ms, err
		}
		if ms, ok, err := renderTalk(n); ok {
			return ms, err
		}
		if ms, ok, err := renderReportNotice(n, loc); ok {
			return ms, err
		}
		return sender.Render(n)
	}
}

// reminderMessage says which month, by when, what is still missing and
// what to do next, with a button that opens the report.
func reminderMessage(p models.ReportReminder, loc *time.Location) telegram.Message {
	period := periodText(p.Lang, mustPeriod(p.Period))
	due := p.DueAt.In(loc)
	when := texts.T(p.Lang, "when", int(due.Month()), due.Day(), due.Format("15:04"))
	var missing []string
	for _, m := range p.Missing {
		missing = append(missing, texts.T(p.Lang, "missing_"+m))
	}
	text := texts.T(p.Lang, "remind_"+p.Stage, esc(p.Name), period, when, strings.Join(missing, texts.T(p.Lang, "list_sep")))
	return telegram.Message{Text: text, Buttons: [][]telegram.Button{{
		{Text: texts.T(p.Lang, "btn_open_report"), Data: "rp:" + p.Period},
	}}}
}

func missingMessage(p models.ReportMissing, loc *time.Location) telegram.Message {
	names := make([]string, len(p.Names))
	for i, n := range p.Names {
		names[i] = esc(n)
	}
	due := p.DueAt.In(loc)
	when := texts.T(p.Lang, "when", int(due.Month()), due.Day(), due.Format("15:04"))
	return telegram.Message{Text: texts.T(p.Lang, "missing_to_principal", esc(p.Unit), periodText(p.Lang, mustPeriod(p.Period)), when,
		len(p.Names), strings.Join(names, texts.T(p.Lang, "list_sep")))}
}
