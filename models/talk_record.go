package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// StartRecord opens the record of a talk whose time has come: a scheduled
// talk becomes held. A talk already held keeps its draft.
func (s *Store) StartRecord(ctx context.Context, id int64) (Talk, error) {
	return s.changeTalk(ctx, id, "start record of", func(t Talk) error {
		switch t.Status {
		case TalkHeld:
			return nil
		case TalkCancelled:
			return ErrTalkCancelled
		case TalkScheduled:
			if t.StartsAt.After(s.Now()) {
				return ErrTooEarly
			}
			return nil
		case TalkDue:
			return ErrTooEarly
		}
		return ErrConflict
	}, func(t *Talk, now time.Time) {
		if t.Status == TalkScheduled {
			t.Status, t.HeldAt, t.Version = TalkHeld, &now, t.Version+1
		}
		if t.RecordStep == "" {
			t.RecordStep = RecordSummary
		}
	})
}

// SaveRecordAnswer keeps one answer of the record as it arrives and moves
// the draft to the next step. step must be where the draft is. For
// RecordAttention the answer is "yes" or "no".
func (s *Store) SaveRecordAnswer(ctx context.Context, id int64, step, answer string) (Talk, error) {
	return s.changeTalk(ctx, id, "record", func(t Talk) error {
		switch {
		case t.Status != TalkHeld:
			return ErrConflict
		case t.RecordStep != step || nextRecordStep[step] == "":
			return ErrStale
		}
		return nil
	}, func(t *Talk, _ time.Time) {
		switch step {
		case RecordSummary:
			t.Summary = answer
		case RecordConcerns:
			t.Concerns = answer
		case RecordAgreed:
			t.Agreed = answer
		case RecordAttention:
			t.Attention = answer == "yes"
		}
		t.RecordStep = nextRecordStep[step]
	})
}

// CompleteRecord ends the record with its follow-up day (2006-01-02, or ""
// for none). A follow-up makes a talk owed from that day, linked to this
// one; without one the talk is closed. The talk this one followed up is
// closed either way.
func (s *Store) CompleteRecord(ctx context.Context, id int64, followUpOn string) (Talk, *Talk, error) {
	var (
		out  Talk
		next *Talk
	)
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		out, err = tx.changeTalk(ctx, id, "complete record of", func(t Talk) error {
			if t.Status != TalkHeld || t.RecordStep != RecordFollowUp {
				return ErrStale
			}
			return nil
		}, func(t *Talk, now time.Time) {
			t.Status, t.RecordStep, t.FollowUpOn, t.RecordedAt = TalkClosed, RecordDone, followUpOn, &now
			if followUpOn != "" {
				t.Status = TalkRecorded
			}
			t.Version++
		})
		if err != nil {
			return err
		}
		if followUpOn != "" {
			f, _, err := tx.openTalk(ctx, talkSpec{cadreID: out.CadreID, leaderID: out.LeaderID, from: followUpOn,
				reason: TalkFollowUp, source: TalkFromFollowUp, actor: &out.LeaderID, follows: &out.ID})
			if err != nil {
				return err
			}
			next, out.FollowUpID = &f, &f.ID
			if err := tx.with(ctx).Model(&Talk{}).Where("id = ?", out.ID).Update("follow_up_id", f.ID).Error; err != nil {
				return err
			}
		}
		return tx.closeFollowed(ctx, out)
	})
	if err != nil {
		return Talk{}, nil, err
	}
	return out, next, nil
}

// closeFollowed closes the talk t followed up, once t has ended.
func (s *Store) closeFollowed(ctx context.Context, t Talk) error {
	if t.FollowsID == nil {
		return nil
	}
	return s.with(ctx).Model(&Talk{}).Where("id = ? AND status = ?", *t.FollowsID, TalkRecorded).
		Updates(map[string]any{"status": TalkClosed, "version": gorm.Expr("version + 1")}).Error
}
