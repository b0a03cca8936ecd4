package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Notification kinds about training, rendered by the bot.
const (
	KindTrainingInvite   = "training_invite"   // to an invitee: time, place, what to bring; confirm or ask leave
	KindTrainingReminder = "training_reminder" // to an invitee: the day before, an hour before
	KindTrainingChange   = "training_change"   // to an invitee: the session moved or was cancelled
)

// TrainingNotice is the payload of the training kinds: what the invitee
// reads, refreshed before it is sent.
type TrainingNotice struct {
	InvitationID int64     `json:"invitation_id"`
	SessionID    int64     `json:"session_id"`
	CadreID      int64     `json:"cadre_id"`
	Version      int       `json:"version"`
	Lang         string    `json:"lang"`
	Zone         string    `json:"zone"`
	Kind         string    `json:"kind"`
	Title        string    `json:"title"`
	Place        string    `json:"place"`
	Bring        string    `json:"bring,omitempty"`
	Lecturer     string    `json:"lecturer,omitempty"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
	Hours        float64   `json:"hours"`
	Cancelled    bool      `json:"cancelled,omitempty"`
	CancelReason string    `json:"cancel_reason,omitempty"`
	Answer       string    `json:"answer,omitempty"`
	Before       string    `json:"before,omitempty"` // reminders: the offset reached ("24h", "1h")
}

func trainingNotice(c Cadre, t TrainingSession, invID int64, zone string) TrainingNotice {
	return TrainingNotice{InvitationID: invID, SessionID: t.ID, CadreID: c.ID, Version: t.Version, Lang: c.Lang, Zone: zone,
		Kind: t.Kind, Title: t.Title, Place: t.Place, Bring: t.Bring, Lecturer: t.Lecturer, StartsAt: t.StartsAt,
		EndsAt: t.EndsAt, Hours: t.Hours, Cancelled: t.Status == TrainingCancelled, CancelReason: t.CancelReason}
}

func trainingNotification(kind string, chatID int64, c Cadre, t TrainingSession, invID int64, zone string, lane int, key string) Notification {
	return noticeRow(kind, chatID, trainingNotice(c, t, invID, zone), lane, key)
}

func noticeRow(kind string, chatID int64, p TrainingNotice, lane int, key string) Notification {
	b, _ := json.Marshal(p)
	return Notification{ChatID: chatID, Kind: kind, Payload: string(b), DedupKey: key, Lane: lane}
}

// refreshTraining re-reads the invitation, its session and its reader.
func (s *Store) refreshTraining(ctx context.Context, rc Recheck, p TrainingNotice) (TrainingNotice, TrainingInvitation, TrainingSession, error) {
	inv, t, err := s.GetTrainingInvitation(ctx, p.InvitationID)
	if errors.Is(err, ErrNotFound) {
		return p, inv, t, lapsed("the invitation no longer exists")
	} else if err != nil {
		return p, inv, t, err
	}
	c, err := s.reader(ctx, inv.CadreID, rc.ChatID)
	if err != nil {
		return p, inv, t, err
	}
	fresh := trainingNotice(c, t, inv.ID, p.Zone)
	fresh.Answer, fresh.Before = inv.Answer, p.Before
	return fresh, inv, t, nil
}

// RefreshTrainingInvite lapses once the session was cancelled, moved (the
// change notice tells the new time) or has ended.
func (s *Store) RefreshTrainingInvite(ctx context.Context, rc Recheck, p TrainingNotice) (TrainingNotice, error) {
	fresh, _, t, err := s.refreshTraining(ctx, rc, p)
	switch {
	case err != nil:
		return p, err
	case t.Status == TrainingCancelled:
		return p, lapsed("the session was cancelled")
	case t.Version != p.Version:
		return p, lapsed("the session was moved")
	case !s.Now().Before(t.EndsAt):
		return p, lapsed("the session is over")
	}
	return fresh, nil
}

// RefreshTrainingReminder lapses once the session was cancelled or moved,
// has begun, or the invitee is on leave or asked for it.
func (s *Store) RefreshTrainingReminder(ctx context.Context, rc Recheck, p TrainingNotice) (TrainingNotice, error) {
	fresh, inv, t, err := s.refreshTraining(ctx, rc, p)
	switch {
	case err != nil:
		return p, err
	case t.Status == TrainingCancelled:
		return p, lapsed("the session was cancelled")
	case !t.StartsAt.Equal(p.StartsAt):
		return p, lapsed("the session was moved")
	case !s.Now().Before(t.StartsAt):
		return p, lapsed("the session has begun")
	case inv.Answer == TrainingLeaveAsked || inv.Answer == TrainingLeaveApproved:
		return p, lapsed("the invitee asked for leave")
	}
	return fresh, nil
}

// RefreshTrainingChange lapses only when a later change superseded it.
func (s *Store) RefreshTrainingChange(ctx context.Context, rc Recheck, p TrainingNotice) (TrainingNotice, error) {
	fresh, _, t, err := s.refreshTraining(ctx, rc, p)
	switch {
	case err != nil:
		return p, err
	case t.Version != p.Version:
		return p, lapsed("a later change superseded it")
	}
	return fresh, nil
}

// TrainingReminders writes the reminders due at now: for each planned
// session starting within one of the offsets, each invitee with a chat not
// on leave, once per offset and version. An offset is skipped for an
// invitee invited after its mark (the invitation was the reminder), and a
// longer offset whose delivery (at, the first allowed moment) falls on the
// session's own day is skipped too: the shortest one tells them that day,
// so nobody gets two reminders of one session in a day.
func (s *Store) TrainingReminders(ctx context.Context, now, at time.Time, before []time.Duration, loc *time.Location) ([]Notification, error) {
	var widest, shortest time.Duration
	for _, b := range before {
		widest = max(widest, b)
		if shortest == 0 || b < shortest {
			shortest = b
		}
	}
	var ts []TrainingSession
	if err := s.with(ctx).Where("status = ? AND starts_at > ? AND starts_at <= ?", TrainingPlanned, now.UTC(), now.Add(widest).UTC()).
		Order("starts_at, id").Find(&ts).Error; err != nil {
		return nil, fmt.Errorf("trainings needing a reminder: %w", err)
	}
	var out []Notification
	for _, t := range ts {
		if !at.Before(t.StartsAt) {
			continue
		}
		rows, err := s.trainingInvitees(ctx, t.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.Unreachable() || !r.Cadre.Active || r.Answer == TrainingLeaveAsked || r.Answer == TrainingLeaveApproved {
				continue
			}
			var best time.Duration
			for _, b := range before {
				mark := t.StartsAt.Add(-b)
				if now.Before(mark) || !r.CreatedAt.Before(mark) || (best != 0 && b > best) {
					continue
				}
				if b != shortest && sameDay(at, t.StartsAt, loc) {
					continue
				}
				best = b
			}
			if best == 0 {
				continue
			}
			p := trainingNotice(r.Cadre, t, r.ID, loc.String())
			p.Before = best.String()
			n := noticeRow(KindTrainingReminder, *r.Cadre.ChatID, p, LaneBulk, fmt.Sprintf("training-remind:%d:%d:%s", r.ID, t.Version, best))
			n.NextAttemptAt = at
			out = append(out, n)
		}
	}
	return out, nil
}

func sameDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}
