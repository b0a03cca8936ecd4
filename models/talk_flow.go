package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// talkSpec is a talk to open as owed.
type talkSpec struct {
	cadreID               int64
	leaderID              int64  // 0: the principal of the cadre's unit
	from                  string // the day it is owed from, 2006-01-02; "": today
	reason, note, source  string
	actor, follows        *int64
	mergeWithOpenOfReason bool
}

func (s *Store) openTalk(ctx context.Context, sp talkSpec) (Talk, bool, error) {
	var (
		out     Talk
		created bool
	)
	err := s.Tx(ctx, func(tx *Store) error {
		cadre, err := tx.GetCadre(ctx, sp.cadreID)
		if err != nil {
			return err
		}
		if sp.leaderID == 0 {
			if sp.leaderID, err = tx.principalOf(ctx, cadre); err != nil {
				return err
			}
		}
		if sp.mergeWithOpenOfReason {
			err := tx.with(ctx).Where("cadre_id = ? AND reason = ? AND status = ?", sp.cadreID, sp.reason, TalkDue).
				Order("id").Take(&out).Error
			if err == nil {
				out.Note = joinNote(out.Note, sp.note)
				return tx.with(ctx).Model(&out).Update("note", out.Note).Error
			} else if !errors.Is(translate(err), ErrNotFound) {
				return err
			}
		}
		from, by, err := tx.dueWindow(ctx, sp.from)
		if err != nil {
			return err
		}
		out = Talk{CadreID: sp.cadreID, LeaderID: sp.leaderID, Reason: sp.reason, Status: TalkDue, Version: 1,
			Source: sp.source, Note: sp.note, DueFrom: from, DueBy: by, FollowsID: sp.follows, CreatedByID: sp.actor}
		created = true
		return tx.with(ctx).Create(&out).Error
	})
	if err != nil {
		return Talk{}, false, fmt.Errorf("open talk with cadre %d: %w", sp.cadreID, translate(err))
	}
	return out, created, nil
}

func joinNote(old, add string) string {
	switch {
	case add == "" || strings.Contains(old, add):
		return old
	case old == "":
		return add
	}
	return old + "；" + add
}

// principalOf is the leader who holds the cadre's talks: the principal of
// their unit, who cannot hold one with themselves.
func (s *Store) principalOf(ctx context.Context, c Cadre) (int64, error) {
	if c.UnitID == nil {
		return 0, ErrNoPrincipal
	}
	u, err := s.GetUnit(ctx, *c.UnitID)
	if err != nil {
		return 0, err
	}
	if u.PrincipalID == nil || *u.PrincipalID == c.ID {
		return 0, ErrNoPrincipal
	}
	return *u.PrincipalID, nil
}

// NewTalk is a talk a leader arranges directly, time and place known.
type NewTalk struct {
	CadreID, LeaderID int64
	Reason            string
	At                time.Time
	Place             string
}

// CreateTalk opens and schedules a talk in one step.
func (s *Store) CreateTalk(ctx context.Context, n NewTalk) (Talk, error) {
	if !validReason(n.Reason) {
		return Talk{}, fmt.Errorf("create talk: unknown reason %q", n.Reason)
	}
	var out Talk
	err := s.Tx(ctx, func(tx *Store) error {
		t, _, err := tx.openTalk(ctx, talkSpec{cadreID: n.CadreID, leaderID: n.LeaderID, reason: n.Reason,
			source: TalkFromChat, actor: &n.LeaderID})
		if err != nil {
			return err
		}
		out, err = tx.ScheduleTalk(ctx, t.ID, 0, n.LeaderID, n.At, n.Place)
		return err
	})
	return out, err
}

// GetTalk reads a talk by id.
func (s *Store) GetTalk(ctx context.Context, id int64) (Talk, error) {
	var t Talk
	return t, translate(s.with(ctx).Where("id = ?", id).Take(&t).Error)
}

// changeTalk applies a state change in one transaction: check refuses it
// by returning an error, set edits the row.
func (s *Store) changeTalk(ctx context.Context, id int64, what string, check func(Talk) error, set func(*Talk, time.Time)) (Talk, error) {
	var out Talk
	err := s.Tx(ctx, func(tx *Store) error {
		q := tx.with(ctx).Where("id = ?", id)
		if tx.IsPostgres() {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := translate(q.Take(&out).Error); err != nil {
			return err
		}
		if err := check(out); err != nil {
			return err
		}
		set(&out, tx.Now())
		return tx.with(ctx).Select("*").Omit("created_at").Save(&out).Error
	})
	if err != nil {
		return Talk{}, fmt.Errorf("%s talk %d: %w", what, id, err)
	}
	return out, nil
}

// versionIs refuses a change made from an out-of-date button (0: any).
func versionIs(version int, t Talk) error {
	if version != 0 && t.Version != version {
		return ErrStale
	}
	return nil
}

// ScheduleTalk sets or moves the time and place of an owed or scheduled
// talk; leaderID becomes its holder. The cadre's earlier answer is void.
func (s *Store) ScheduleTalk(ctx context.Context, id int64, version int, leaderID int64, at time.Time, place string) (Talk, error) {
	return s.changeTalk(ctx, id, "schedule", func(t Talk) error {
		switch {
		case t.Status == TalkCancelled:
			return ErrTalkCancelled
		case t.Status != TalkDue && t.Status != TalkScheduled:
			return ErrConflict
		}
		return versionIs(version, t)
	}, func(t *Talk, now time.Time) {
		at := at.UTC()
		t.Status, t.LeaderID, t.StartsAt, t.Place, t.ScheduledAt = TalkScheduled, leaderID, &at, place, &now
		t.Answer, t.AnswerNote, t.AnsweredAt = "", "", nil
		t.Version++
	})
}

// AnswerTalk records the cadre's answer to the invitation of version.
func (s *Store) AnswerTalk(ctx context.Context, id int64, version int, answer, note string) (Talk, error) {
	if answer != AnswerConfirmed && answer != AnswerLater {
		return Talk{}, fmt.Errorf("answer talk %d: unknown answer %q", id, answer)
	}
	return s.changeTalk(ctx, id, "answer", func(t Talk) error {
		switch {
		case t.Status == TalkCancelled:
			return ErrTalkCancelled
		case t.Status != TalkScheduled:
			return ErrConflict
		}
		return versionIs(version, t)
	}, func(t *Talk, now time.Time) {
		t.Answer, t.AnswerNote, t.AnsweredAt = answer, note, &now
	})
}

// CancelTalk calls off a talk not yet held, with the reason.
func (s *Store) CancelTalk(ctx context.Context, id int64, actor int64, reason string) (Talk, error) {
	if strings.TrimSpace(reason) == "" {
		return Talk{}, fmt.Errorf("cancel talk %d: a reason is required", id)
	}
	var out Talk
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		out, err = tx.changeTalk(ctx, id, "cancel", func(t Talk) error {
			switch {
			case t.Status == TalkCancelled:
				return ErrTalkCancelled
			case t.Status != TalkDue && t.Status != TalkScheduled:
				return ErrConflict
			}
			return nil
		}, func(t *Talk, now time.Time) {
			t.Status, t.CancelReason, t.CancelledByID, t.CancelledAt = TalkCancelled, reason, &actor, &now
			t.Version++
		})
		if err != nil {
			return err
		}
		return tx.closeFollowed(ctx, out)
	})
	return out, err
}
