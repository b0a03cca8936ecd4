package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// RefreshTalkReminder re-checks a reminder of a near talk: it lapses once
// the talk is no longer scheduled at the time it names (cancelled, moved —
// the new time is reminded afresh —, held), once that time has come, or
// when the reader no longer reads the chat. Names, place and language are
// today's. One query.
func (s *Store) RefreshTalkReminder(ctx context.Context, rc Recheck, p TalkReminder) (TalkReminder, error) {
	t, err := s.talkToRecheck(ctx, p.TalkID)
	if err != nil {
		return p, err
	}
	switch {
	case t.Status != TalkScheduled:
		return p, lapsed("the talk is " + t.Status)
	case t.StartsAt == nil || !t.StartsAt.Equal(p.StartsAt):
		return p, lapsed("the talk was moved")
	case !s.Now().Before(*t.StartsAt):
		return p, lapsed("the talk has begun")
	}
	chat, lang := t.CadreChatID, t.CadreLang
	if p.Role == TalkRoleLeader {
		chat, lang = t.LeaderChatID, t.LeaderLang
	}
	if chat == nil || *chat != rc.ChatID {
		return p, lapsed("the reader no longer takes part in the talk or uses this chat")
	}
	p.Lang, p.Version, p.Cadre, p.Leader, p.Place = lang, t.Version, t.CadreName, t.LeaderName, t.Place
	return p, nil
}

// RefreshTalksOwed re-checks a holder's list of talks to arrange: of the
// talks it named, those the reader still holds and that still have no
// time. It lapses when none is left; "today" (for what is overdue) is
// today. Talks owed since are not added: the job names each talk on its
// own days. Three small queries.
func (s *Store) RefreshTalksOwed(ctx context.Context, rc Recheck, p TalksOwed) (TalksOwed, error) {
	leader, err := s.reader(ctx, p.LeaderID, rc.ChatID)
	if err != nil {
		return p, err
	}
	ids := make([]int64, len(p.Talks))
	for i, t := range p.Talks {
		ids[i] = t.TalkID
	}
	rows, err := scanTalks(s.talkRows(ctx).Where("t.id IN ? AND t.leader_id = ? AND t.status = ?", ids, leader.ID, TalkDue).
		Order("t.due_by, t.id"), fmt.Sprintf("owed talks of leader %d", leader.ID))
	if err != nil {
		return p, err
	}
	if len(rows) == 0 {
		return p, lapsed("every talk named was arranged, reassigned or cancelled")
	}
	today, err := s.Today(ctx)
	if err != nil {
		return p, err
	}
	p.LeaderID, p.Lang, p.Today, p.Talks = leader.ID, leader.Lang, today, nil
	for _, r := range rows {
		p.Talks = append(p.Talks, r.dueItem())
	}
	return p, nil
}

// RefreshTalkUnrecorded re-checks a request to write a talk down: it
// lapses once the talk is recorded, cancelled or not yet due, or when the
// reader no longer holds it. One query.
func (s *Store) RefreshTalkUnrecorded(ctx context.Context, rc Recheck, p TalkUnrecorded) (TalkUnrecorded, error) {
	t, err := s.talkToRecheck(ctx, p.TalkID)
	if err != nil {
		return p, err
	}
	if !t.AwaitsRecord(s.Now()) {
		return p, lapsed("the talk is " + t.Status)
	}
	if t.LeaderChatID == nil || *t.LeaderChatID != rc.ChatID {
		return p, lapsed("the reader no longer holds the talk or uses this chat")
	}
	p.Lang, p.Cadre, p.StartsAt = t.LeaderLang, t.CadreName, t.StartsAt.UTC()
	return p, nil
}

// AwaitsRecord tells whether the talk's time has come and its record is
// not complete: what the unrecorded reminders and the digests ask for.
func (t Talk) AwaitsRecord(now time.Time) bool {
	return t.StartsAt != nil && (t.Status == TalkHeld || (t.Status == TalkScheduled && !t.StartsAt.After(now)))
}

func (s *Store) talkToRecheck(ctx context.Context, id int64) (TalkRow, error) {
	t, err := s.TalkRowByID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return t, lapsed("the talk no longer exists")
	}
	return t, err
}
