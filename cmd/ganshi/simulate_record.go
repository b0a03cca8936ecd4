package main

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// Where a message came from, which decides whether it counts against the
// burden budget.
const (
	fromJob   = "job"   // a schedule fired: unprompted
	fromEvent = "event" // someone else did something (a report to sign, one signed)
	fromReply = "reply" // an answer to what the person did just now
)

// delivery is one notification the simulation saw written, and what
// became of it.
type delivery struct {
	id      int64
	chat    int64
	kind    string
	origin  string
	written time.Time // when the job or the handler wrote it
	at      time.Time // when Telegram accepted it; zero until then
	msgID   int
	status  string // the outbox status once settled
	problem string // why it was not delivered
	msg     telegram.Message
	period  string   // the report month a reminder or missing list is about
	stage   string   // a reminder's stage
	names   []string // who a missing list names
	silent  bool     // an edit, a tap's answer or a menu: no new message in the chat
}

func (d *delivery) sent() bool { return d.status == models.OutboxSent }

// button returns the data of the message's first button picked out by
// is; bot's readers (bot.SignButton, bot.ChecklistButton) know
// the layouts, so the simulator never spells callback data.
func (d *delivery) button(is func(data string) bool) string {
	for _, row := range d.msg.Buttons {
		for _, b := range row {
			if is(b.Data) {
				return b.Data
			}
		}
	}
	return ""
}

// collect records the notifications written since the last look, as the
// jobs' when no person is acting, else as that person's doing.
func (s *sim) collect(ctx context.Context) error {
	var rows []models.Notification
	if err := s.st.DB().WithContext(ctx).Where("id > ?", s.seen).Order("id").Find(&rows).Error; err != nil {
		return err
	}
	for _, n := range rows {
		d := &delivery{id: n.ID, chat: n.ChatID, kind: n.Kind, written: n.CreatedAt, origin: fromJob}
		if s.actor != nil {
			d.origin = fromEvent
			if n.ChatID == s.actor.chat() {
				d.origin = fromReply
			}
		}
		d.read(n.Payload)
		s.log = append(s.log, d)
		s.unsettled[n.ID] = d
		s.seen = n.ID
	}
	return nil
}

// read takes what the report needs from the payload.
func (d *delivery) read(payload string) {
	switch d.kind {
	case sender.KindText:
		_ = json.Unmarshal([]byte(payload), &d.msg)
		d.silent = d.msg.EditID != 0 || d.msg.CallbackID != "" || (d.msg.Menu != nil && d.msg.Text == "" && d.msg.Document == nil)
	case models.KindReportReminder:
		var p models.ReportReminder
		_ = json.Unmarshal([]byte(payload), &p)
		d.period, d.stage = p.Period, p.Stage
	case models.KindReportMissing:
		var p models.ReportMissing
		_ = json.Unmarshal([]byte(payload), &p)
		d.period, d.names = p.Period, p.Names
	}
}

// resolve looks up the notifications not settled yet: those sent get
// their time and are acted on; those failed or dropped say why.
func (s *sim) resolve(ctx context.Context) error {
	if len(s.unsettled) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(s.unsettled))
	var rows []models.Notification
	if err := s.st.DB().WithContext(ctx).Where("id IN ?", ids).Order("id").Find(&rows).Error; err != nil {
		return err
	}
	for _, n := range rows {
		d := s.unsettled[n.ID]
		switch n.Status {
		case models.OutboxPending, models.OutboxSending:
			continue // held until later
		case models.OutboxSent:
			d.at, d.msgID = n.SentAt.UTC(), n.TelegramMessageID
		default:
			d.problem = n.LastError
		}
		d.status = n.Status
		delete(s.unsettled, n.ID)
		if d.sent() {
			s.react(d)
		}
	}
	return nil
}
