package models

import (
	"context"
	"fmt"
	"time"
)

// TalkPlan is a talk being arranged in chat: what the leader chose so far,
// kept until they confirm, one per leader.
type TalkPlan struct {
	LeaderID  int64  `gorm:"primaryKey;autoIncrement:false"`
	TalkID    *int64 // the owed or scheduled talk being arranged; nil: a new one
	CadreID   int64  `gorm:"not null"`
	Reason    string `gorm:"size:16;not null"`
	StartsAt  *time.Time
	Place     string `gorm:"size:200"`
	Seq       int    `gorm:"not null"` // grows at every save; the confirm button carries it
	UpdatedAt time.Time
}

// GetTalkPlan reads the leader's plan; ErrNotFound when none.
func (s *Store) GetTalkPlan(ctx context.Context, leaderID int64) (TalkPlan, error) {
	var p TalkPlan
	return p, translate(s.with(ctx).Where("leader_id = ?", leaderID).Take(&p).Error)
}

// SaveTalkPlan stores the leader's plan with the next Seq.
func (s *Store) SaveTalkPlan(ctx context.Context, p TalkPlan) (TalkPlan, error) {
	err := s.Tx(ctx, func(tx *Store) error {
		var seq int
		if err := tx.with(ctx).Model(&TalkPlan{}).Select("COALESCE(MAX(seq), 0)").Where("leader_id = ?", p.LeaderID).Scan(&seq).Error; err != nil {
			return err
		}
		p.Seq, p.UpdatedAt = seq+1, tx.Now()
		return tx.with(ctx).Save(&p).Error
	})
	if err != nil {
		return TalkPlan{}, fmt.Errorf("save talk plan of leader %d: %w", p.LeaderID, err)
	}
	return p, nil
}

// DeleteTalkPlan forgets the leader's plan.
func (s *Store) DeleteTalkPlan(ctx context.Context, leaderID int64) error {
	if err := s.with(ctx).Where("leader_id = ?", leaderID).Delete(&TalkPlan{}).Error; err != nil {
		return fmt.Errorf("delete talk plan of leader %d: %w", leaderID, err)
	}
	return nil
}
