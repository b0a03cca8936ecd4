package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot"
	"github.com/ganshi/ganshi/models"
)

// action is something a simulated person will do at a moment.
type action struct {
	at  time.Time
	seq int // keeps actions planned for one moment in planning order
	who *person
	do  func(ctx context.Context, s *sim, who *person) error
}

func (s *sim) plan(at time.Time, who *person, do func(context.Context, *sim, *person) error) {
	s.seq++
	s.actions = append(s.actions, action{at: at, seq: s.seq, who: who, do: do})
}

// takeAction removes and returns the earliest action due by now.
func (s *sim) takeAction(now time.Time) (action, bool) {
	best := -1
	for i, a := range s.actions {
		if a.at.After(now) {
			continue
		}
		if best < 0 || a.at.Before(s.actions[best].at) || (a.at.Equal(s.actions[best].at) && a.seq < s.actions[best].seq) {
			best = i
		}
	}
	if best < 0 {
		return action{}, false
	}
	a := s.actions[best]
	s.actions = append(s.actions[:best], s.actions[best+1:]...)
	return a, true
}

// fileAction fills in and submits p's report in chat, as a person would:
// /report for the month, last month's plan checked off item by item, this
// month's work, next month's plan, /submit.
func fileAction(p models.Period) func(context.Context, *sim, *person) error {
	return func(ctx context.Context, s *sim, who *person) error {
		if done, err := s.settled(ctx, who, p); err != nil || done {
			return err
		}
		mark := len(s.log)
		if err := s.say(ctx, who, "/report "+p.String()); err != nil {
			return err
		}
		for range 60 { // a checklist longer than any report allows would be a bot loop
			if !s.sawButton(who, mark, bot.ChecklistButton) {
				break
			}
			mark = len(s.log)
			if err := s.say(ctx, who, "完成"); err != nil {
				return err
			}
		}
		for _, line := range fillScript() {
			if err := s.say(ctx, who, line); err != nil {
				return err
			}
		}
		done, err := s.settled(ctx, who, p)
		if err != nil || done {
			if done {
				who.filed[p.String()] = s.clock.Now()
			}
			return err
		}
		return fmt.Errorf("could not submit the report for %s in chat; the bot last said: %s", p, s.lastWords(who))
	}
}

// fillScript is what a person types once the checklist is done.
func fillScript() []string {
	var ach, plan []string
	for _, sec := range sampleItems {
		for i, it := range sec.items {
			line := fmt.Sprintf("%d. %s", i+1, it.Text)
			if sec.section == models.SectionAchievement {
				ach = append(ach, line)
			} else {
				plan = append(plan, line)
			}
		}
	}
	return []string{"/report ach", strings.Join(ach, "\n"), "/report plan", strings.Join(plan, "\n"), "/submit"}
}

// signAction taps 签字确认 on the sign request with that button.
func signAction(d *delivery, data string) func(context.Context, *sim, *person) error {
	return func(ctx context.Context, s *sim, who *person) error {
		id, version, ok := bot.SignButton(data)
		if !ok {
			return fmt.Errorf("sign button %q does not read as one", data)
		}
		rep, err := s.st.GetReport(ctx, id)
		if err != nil || rep.Status != models.ReportSubmitted || rep.Version != version {
			return err // already signed, or changed since: nothing to do
		}
		s.fake.TapData(who.chat(), who.user, d.msgID, data)
		if err := s.pump(ctx, who); err != nil {
			return err
		}
		if rep, err = s.st.GetReport(ctx, id); err != nil || rep.Status == models.ReportSigned {
			return err
		}
		return fmt.Errorf("tapped 签字确认 on report %d, which is still %s; the bot last said: %s", id, rep.Status, s.lastWords(who))
	}
}

// say sends text as who in their private chat and settles what follows.
func (s *sim) say(ctx context.Context, who *person, text string) error {
	s.fake.SendPrivate(who.user, text)
	return s.pump(ctx, who)
}

// pump takes the fake's pending updates, hands each to the router in a
// transaction of its own as the dispatcher does, and settles the replies.
func (s *sim) pump(ctx context.Context, who *person) error {
	ups, err := s.tg.GetUpdates(ctx, s.offset, 100, 0)
	if err != nil {
		return err
	}
	s.actor = who
	defer func() { s.actor = nil }()
	for _, raw := range ups {
		var u tgmodels.Update
		if err := json.Unmarshal(raw.Payload, &u); err != nil {
			return fmt.Errorf("decode update %d: %w", raw.ID, err)
		}
		err := s.st.Tx(ctx, func(tx *models.Store) error { return s.router.Handle(ctx, tx, &u) })
		if err != nil {
			return fmt.Errorf("the bot failed on update %d: %w", raw.ID, err)
		}
		s.offset = raw.ID + 1
		if err := s.settle(ctx); err != nil {
			return err
		}
	}
	return nil
}

// sawButton tells whether a message to who since log position mark
// carries a button picked out by is (bot.ChecklistButton, isSign).
func (s *sim) sawButton(who *person, mark int, is func(data string) bool) bool {
	for _, d := range s.log[mark:] {
		if d.chat == who.chat() && d.sent() && d.button(is) != "" {
			return true
		}
	}
	return false
}

// lastWords is the newest text sent to who, for error messages.
func (s *sim) lastWords(who *person) string {
	for i := len(s.log) - 1; i >= 0; i-- {
		if d := s.log[i]; d.chat == who.chat() && d.msg.Text != "" {
			return fmt.Sprintf("%q", plain(d.msg.Text))
		}
	}
	return "nothing"
}

// react is how people answer what they were sent: a punctual person files
// on the first reminder, a principal signs each report put before them.
func (s *sim) react(d *delivery) {
	who := s.byChat[d.chat]
	if who == nil {
		return
	}
	if d.kind == models.KindReportReminder && who.profile == profileOnTime && !who.planned[d.period] {
		who.planned[d.period] = true
		if p, err := models.ParsePeriod(d.period); err == nil {
			s.plan(s.whenFree(d.at, who.react), who, fileAction(p))
		}
	}
	if data := d.button(isSign); data != "" {
		s.plan(s.whenFree(d.at, who.sign), who, signAction(d, data))
	}
}

// isSign is a principal's 签字确认 button.
func isSign(data string) bool {
	_, _, ok := bot.SignButton(data)
	return ok
}
