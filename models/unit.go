package models

import (
	"context"
	"fmt"
	"time"
)

// Unit kinds, as the roster names them.
const (
	UnitTownship   = "township"    // 乡镇
	UnitPark       = "park"        // 园区
	UnitCountyBody = "county_body" // 县直单位
)

// Unit is a township, an industrial park or a county body. Its principal
// (主要负责同志) signs reports; its group chat, once bound, receives the
// public postings (公示).
type Unit struct {
	ID          int64  `gorm:"primaryKey"`
	Name        string `gorm:"size:100;not null;uniqueIndex"`
	Kind        string `gorm:"size:20;not null"`
	Category    string `gorm:"size:100"`
	GroupChatID *int64 `gorm:"uniqueIndex"`
	PrincipalID *int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// GetUnit reads a unit by id.
func (s *Store) GetUnit(ctx context.Context, id int64) (Unit, error) {
	var u Unit
	if err := s.with(ctx).Where("id = ?", id).Take(&u).Error; err != nil {
		return Unit{}, translate(err)
	}
	return u, nil
}

// UnitByName reads a unit by its exact name.
func (s *Store) UnitByName(ctx context.Context, name string) (Unit, error) {
	var u Unit
	if err := s.with(ctx).Where("name = ?", name).Take(&u).Error; err != nil {
		return Unit{}, translate(err)
	}
	return u, nil
}

// Units lists every unit by category and name.
func (s *Store) Units(ctx context.Context) ([]Unit, error) {
	var us []Unit
	if err := s.with(ctx).Order("category, name").Find(&us).Error; err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return us, nil
}

// BindGroup makes chatID the unit's group for public postings. A chat can
// serve one unit only.
func (s *Store) BindGroup(ctx context.Context, unitID, chatID int64) error {
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Model(&Unit{}).Where("group_chat_id = ? AND id <> ?", chatID, unitID).
			Update("group_chat_id", nil).Error; err != nil {
			return err
		}
		res := tx.with(ctx).Model(&Unit{}).Where("id = ?", unitID).Update("group_chat_id", chatID)
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrNotFound
		}
		return res.Error
	})
	if err != nil {
		return fmt.Errorf("bind group %d to unit %d: %w", chatID, unitID, translate(err))
	}
	return nil
}
