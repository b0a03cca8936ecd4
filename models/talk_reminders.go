package models

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// TalksDueUnscheduled lists the talks owed today (OwedTalks), by holder
// and due day: the scheduler reminds their holders.
func (s *Store) TalksDueUnscheduled(ctx context.Context) ([]TalkRow, error) {
	today, err := s.Today(ctx)
	if err != nil {
		return nil, err
	}
	return s.OwedTalks(ctx, today, nil)
}

// TalksHeldUnrecorded lists talks whose time has passed and whose record
// is not complete, oldest first.
func (s *Store) TalksHeldUnrecorded(ctx context.Context, now time.Time) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("((t.status = ? AND t.starts_at <= ?) OR t.status = ?)", TalkScheduled, now.UTC(), TalkHeld).
		Order("t.starts_at, t.id"), "talks held and unrecorded")
}

// TalkReminderDue is a scheduled talk and the reminder offset it has
// reached.
type TalkReminderDue struct {
	Row    TalkRow
	Before time.Duration
}

// TalksNeedingReminder lists scheduled talks starting within one of the
// offsets (e.g. 24h and 1h) from now, each with the smallest offset it is
// within. A talk whose invitation went out inside an offset is not
// reminded at that offset: the invitation was the reminder.
func (s *Store) TalksNeedingReminder(ctx context.Context, now time.Time, before []time.Duration) ([]TalkReminderDue, error) {
	var widest time.Duration
	for _, b := range before {
		widest = max(widest, b)
	}
	rows, err := scanTalks(s.talkRows(ctx).Where("t.status = ? AND t.starts_at > ? AND t.starts_at <= ?",
		TalkScheduled, now.UTC(), now.Add(widest).UTC()).Order("t.starts_at, t.id"), "talks needing a reminder")
	if err != nil {
		return nil, err
	}
	var out []TalkReminderDue
	for _, r := range rows {
		var best time.Duration
		for _, b := range before {
			mark := r.StartsAt.Add(-b)
			if !now.Before(mark) && (r.ScheduledAt == nil || r.ScheduledAt.Before(mark)) && (best == 0 || b < best) {
				best = b
			}
		}
		if best > 0 {
			out = append(out, TalkReminderDue{Row: r, Before: best})
		}
	}
	return out, nil
}

// Notification kinds about talks, written by the scheduler's jobs and
// rendered by the bot in the reader's language.
const (
	KindTalkReminder   = "talk_reminder"   // to the holder and to the cadre: a talk is near
	KindTalkDue        = "talk_due"        // to a holder: talks owed and not yet scheduled
	KindTalkUnrecorded = "talk_unrecorded" // to a holder: a talk held and not written down
)

// Who reads a talk notification.
const (
	TalkRoleLeader = "leader"
	TalkRoleCadre  = "cadre"
)

// TalkReminder is the payload of KindTalkReminder. It carries no reason
// and no record: the cadre reads it too.
type TalkReminder struct {
	Lang     string    `json:"lang"`
	Role     string    `json:"role"` // TalkRoleLeader or TalkRoleCadre
	TalkID   int64     `json:"talk_id"`
	Version  int       `json:"version"`
	Cadre    string    `json:"cadre"`
	Leader   string    `json:"leader"`
	StartsAt time.Time `json:"starts_at"`
	Place    string    `json:"place"`
	Zone     string    `json:"zone"` // the time is shown in this zone
}

// TalkDueItem is one owed talk in a TalksOwed.
type TalkDueItem struct {
	TalkID int64  `json:"talk_id"`
	Cadre  string `json:"cadre"`
	Reason string `json:"reason"`
	DueBy  string `json:"due_by"` // 2006-01-02
}

// TalksOwed is the payload of KindTalkDue: one holder's owed talks.
type TalksOwed struct {
	LeaderID int64         `json:"leader_id,omitempty"` // the reader; 0 in older payloads
	Lang     string        `json:"lang"`
	Today    string        `json:"today"` // 2006-01-02, to tell what is overdue
	Talks    []TalkDueItem `json:"talks"`
}

// TalkUnrecorded is the payload of KindTalkUnrecorded.
type TalkUnrecorded struct {
	Lang     string    `json:"lang"`
	TalkID   int64     `json:"talk_id"`
	Cadre    string    `json:"cadre"`
	StartsAt time.Time `json:"starts_at"`
	Zone     string    `json:"zone"`
}

// Notifications are the reminders of a talk to its holder and to its
// cadre, those of them who have a chat. The dedup key names the offset
// and the start, so a moved talk is reminded again.
func (d TalkReminderDue) Notifications(zone string) []Notification {
	r := d.Row
	var out []Notification
	for _, to := range []struct {
		role, lang string
		chat       *int64
	}{{TalkRoleLeader, r.LeaderLang, r.LeaderChatID}, {TalkRoleCadre, r.CadreLang, r.CadreChatID}} {
		if to.chat == nil {
			continue
		}
		p := TalkReminder{Lang: to.lang, Role: to.role, TalkID: r.ID, Version: r.Version, Cadre: r.CadreName,
			Leader: r.LeaderName, StartsAt: r.StartsAt.UTC(), Place: r.Place, Zone: zone}
		b, _ := json.Marshal(p)
		out = append(out, Notification{ChatID: *to.chat, Kind: KindTalkReminder, Payload: string(b),
			DedupKey: fmt.Sprintf("talk_reminder:%d:%s:%d:%s", r.ID, to.role, r.StartsAt.Unix(), d.Before)})
	}
	return out
}

// TalkDueNotifications groups owed talks (TalksDueUnscheduled) into one
// notification per holder for the day, at most one a day.
func TalkDueNotifications(rows []TalkRow, today string) []Notification {
	byLeader := map[int64]*TalksOwed{}
	var order []TalkRow
	for _, r := range rows {
		if r.LeaderChatID == nil {
			continue
		}
		p, ok := byLeader[r.LeaderID]
		if !ok {
			p = &TalksOwed{LeaderID: r.LeaderID, Lang: r.LeaderLang, Today: today}
			byLeader[r.LeaderID] = p
			order = append(order, r)
		}
		p.Talks = append(p.Talks, r.dueItem())
	}
	out := make([]Notification, 0, len(order))
	for _, r := range order {
		b, _ := json.Marshal(byLeader[r.LeaderID])
		out = append(out, Notification{ChatID: *r.LeaderChatID, Kind: KindTalkDue, Payload: string(b),
			DedupKey: fmt.Sprintf("talk_due:%d:%s", r.LeaderID, today)})
	}
	return out
}

// TalkUnrecordedNotification asks the holder to write the talk down, at
// most once a day; false when the holder has no chat.
func TalkUnrecordedNotification(r TalkRow, today, zone string) (Notification, bool) {
	if r.LeaderChatID == nil || r.StartsAt == nil {
		return Notification{}, false
	}
	b, _ := json.Marshal(TalkUnrecorded{Lang: r.LeaderLang, TalkID: r.ID, Cadre: r.CadreName, StartsAt: r.StartsAt.UTC(), Zone: zone})
	return Notification{ChatID: *r.LeaderChatID, Kind: KindTalkUnrecorded, Payload: string(b),
		DedupKey: fmt.Sprintf("talk_unrecorded:%d:%s", r.ID, today)}, true
}

func (r TalkRow) dueItem() TalkDueItem {
	return TalkDueItem{TalkID: r.ID, Cadre: r.CadreName, Reason: r.Reason, DueBy: r.DueBy}
}
