package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Conversation is where a person is in a multi-step flow. It lives in the
// database so a restart loses nothing; Data is the flow's own JSON.
type Conversation struct {
	ChatID    int64  `gorm:"primaryKey;autoIncrement:false"`
	Flow      string `gorm:"size:32;not null"`
	Step      string `gorm:"size:32"`
	Data      string `gorm:"type:text"`
	UpdatedAt time.Time
}

// GetConversation returns the chat's conversation; ErrNotFound when none.
func (s *Store) GetConversation(ctx context.Context, chatID int64) (Conversation, error) {
	var c Conversation
	if err := s.with(ctx).Where("chat_id = ?", chatID).Take(&c).Error; err != nil {
		return Conversation{}, translate(err)
	}
	return c, nil
}

// SaveConversation stores the chat's conversation state.
func (s *Store) SaveConversation(ctx context.Context, c Conversation) error {
	c.UpdatedAt = s.Now()
	err := s.with(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "chat_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"flow", "step", "data", "updated_at"}),
	}).Create(&c).Error
	if err != nil {
		return fmt.Errorf("save conversation of chat %d: %w", c.ChatID, err)
	}
	return nil
}

// EndConversation leaves whatever flow the chat was in. Drafts the flow
// saved elsewhere are kept.
func (s *Store) EndConversation(ctx context.Context, chatID int64) (bool, error) {
	res := s.with(ctx).Where("chat_id = ?", chatID).Delete(&Conversation{})
	if res.Error != nil {
		return false, fmt.Errorf("end conversation of chat %d: %w", chatID, res.Error)
	}
	return res.RowsAffected > 0, nil
}
