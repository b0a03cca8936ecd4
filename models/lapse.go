package models

// Re-checks at send time. A job decides who is told what when it runs,
// but its notification may wait hours before it goes out: quiet hours, a
// holiday, a retry. By then the reason may be gone (the report submitted,
// the talk cancelled) or its figures stale. So the sender renders each
// row just before sending it, and the bot first hands the row's payload
// to its kind's Refresh… function here: it rereads the current data and
// returns the payload to show, or an error wrapping ErrLapsed saying why
// the notification no longer applies; the sender then records the row as
// lapsed and sends nothing. Each re-check costs a constant number of
// small indexed queries, whatever the size of the county, except the
// county digest, which is composed again as its job composes it.

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrLapsed says that a notification's reason no longer holds.
var ErrLapsed = errors.New("lapsed")

// lapsed is ErrLapsed with the reason, as the outbox records it. Reasons
// name no person: they end up in logs.
func lapsed(why string) error { return fmt.Errorf("%w: %s", ErrLapsed, why) }

// Recheck is what a re-check knows besides the payload.
type Recheck struct {
	ChatID int64          // where the notification goes
	Loc    *time.Location // where deadlines are reckoned and shown
}

// reader is the active cadre a notification is for, still reading its
// chat: found by id, or by the chat for payloads written before they
// carried the id.
func (s *Store) reader(ctx context.Context, id, chatID int64) (Cadre, error) {
	q := s.with(ctx).Where("id = ?", id)
	if id == 0 {
		q = s.with(ctx).Where("chat_id = ? AND active", chatID).Order("id")
	}
	var c Cadre
	err := translate(q.Take(&c).Error)
	switch {
	case errors.Is(err, ErrNotFound):
		return Cadre{}, lapsed("the reader is no longer on the roster")
	case err != nil:
		return Cadre{}, fmt.Errorf("reader of chat %d: %w", chatID, err)
	case !c.Active:
		return Cadre{}, lapsed("the reader was deactivated")
	case c.ChatID == nil || *c.ChatID != chatID:
		return Cadre{}, lapsed("the reader no longer uses this chat")
	}
	return c, nil
}

// DueAt is the deadline of p under the current rule and calendar. It
// reads only the calendar days a deadline of p can fall on (p and the two
// months after: a "day N of the next month" deadline shifts up to a month
// either way), so it costs two small queries, not the whole calendar.
func (s *Store) DueAt(ctx context.Context, p Period, loc *time.Location) (time.Time, error) {
	rule, err := s.DueRuleNow(ctx)
	if err != nil {
		return time.Time{}, err
	}
	last := p.Next().Next()
	var days []CalendarDay
	err = s.with(ctx).Where("date >= ? AND date <= ?",
		fmt.Sprintf("%04d-%02d-01", p.Year, p.Month), fmt.Sprintf("%04d-%02d-31", last.Year, last.Month)).Find(&days).Error
	if err != nil {
		return time.Time{}, fmt.Errorf("calendar around %s: %w", p, err)
	}
	return rule.Due(p, loc, NewHolidayCalendar(days)), nil
}
