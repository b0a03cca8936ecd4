package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Chat records what delivery learned about a Telegram chat: that its user
// blocked the bot, or that a group moved to a new id.
type Chat struct {
	ID                int64 `gorm:"primaryKey;autoIncrement:false"`
	Unreachable       bool  `gorm:"not null;default:false;index"`
	UnreachableReason string
	UnreachableAt     *time.Time
	MigratedTo        int64
	UpdatedAt         time.Time
}

// GetChat returns what is known about a chat; ErrNotFound when nothing is.
func (s *Store) GetChat(ctx context.Context, id int64) (Chat, error) {
	var c Chat
	if err := s.with(ctx).Where("id = ?", id).Take(&c).Error; err != nil {
		return Chat{}, translate(err)
	}
	return c, nil
}

// MarkUnreachable records that messages cannot reach a chat (403 from
// Telegram) and fails whatever was still waiting for it, so the sender
// stops trying and leaders can see who is not reached.
func (s *Store) MarkUnreachable(ctx context.Context, chatID int64, reason string) error {
	now := s.Now()
	err := s.Tx(ctx, func(tx *Store) error {
		err := tx.with(ctx).Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "id"}},
			DoUpdates: clause.AssignmentColumns([]string{"unreachable", "unreachable_reason", "unreachable_at", "updated_at"}),
		}).Create(&Chat{ID: chatID, Unreachable: true, UnreachableReason: reason, UnreachableAt: &now, UpdatedAt: now}).Error
		if err != nil {
			return err
		}
		if err := tx.with(ctx).Model(&Cadre{}).Where("chat_id = ?", chatID).
			Updates(map[string]any{"unreachable": true, "unreachable_reason": reason}).Error; err != nil {
			return err
		}
		return tx.with(ctx).Model(&Notification{}).
			Where("chat_id = ? AND status IN ?", chatID, []string{OutboxPending, OutboxSending}).
			Updates(map[string]any{"status": OutboxFailed, "last_error": "unreachable: " + reason}).Error
	})
	if err != nil {
		return fmt.Errorf("mark chat %d unreachable: %w", chatID, err)
	}
	return nil
}

// MarkReachable clears the unreachable mark once the person writes again:
// the chat's, and the cadre's when writer (the writer's cadre as just
// read; nil for someone not on the roster) is marked — unbinding clears
// the mark with the chat id, so no other row can hold it. It runs for
// every private message, so it is one plain statement when nothing is
// marked.
func (s *Store) MarkReachable(ctx context.Context, chatID int64, writer *Cadre) error {
	_, err := s.hotExec(ctx, sqlChatReachable, false, s.Now(), chatID)
	if err == nil && writer != nil && writer.Unreachable {
		err = s.with(ctx).Model(&Cadre{}).Where("chat_id = ? AND unreachable", chatID).
			Updates(map[string]any{"unreachable": false, "unreachable_reason": ""}).Error
	}
	if err != nil {
		return fmt.Errorf("mark chat %d reachable: %w", chatID, err)
	}
	return nil
}

// MigrateChat moves everything addressed to a group's old id to its new
// supergroup id (Telegram's migrate_to_chat_id).
func (s *Store) MigrateChat(ctx context.Context, oldID, newID int64) error {
	now := s.Now()
	err := s.Tx(ctx, func(tx *Store) error {
		err := tx.with(ctx).Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "id"}},
			DoUpdates: clause.AssignmentColumns([]string{"migrated_to", "updated_at"}),
		}).Create(&Chat{ID: oldID, MigratedTo: newID, UpdatedAt: now}).Error
		if err != nil {
			return err
		}
		if err := tx.with(ctx).Model(&Unit{}).Where("group_chat_id = ?", oldID).Update("group_chat_id", newID).Error; err != nil {
			return err
		}
		return tx.with(ctx).Model(&Notification{}).
			Where("chat_id = ? AND status IN ?", oldID, []string{OutboxPending, OutboxSending}).
			Update("chat_id", newID).Error
	})
	if err != nil {
		return fmt.Errorf("migrate chat %d to %d: %w", oldID, newID, err)
	}
	return nil
}
