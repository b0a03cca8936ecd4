package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// WebUploadTTL is how long an uploaded roster waits for the admin to look
// at the preview and confirm it.
const WebUploadTTL = time.Hour

// WebUpload is a roster file uploaded in the web console, kept between the
// preview and the admin's confirmation so the file is not sent twice. It
// belongs to the session that uploaded it; nobody else can apply it. It
// lives in the database, so the confirmation may reach another replica.
type WebUpload struct {
	ID        int64     `gorm:"primaryKey"`
	SessionID int64     `gorm:"not null;index"`
	Name      string    `gorm:"size:255;not null"`
	Data      []byte    `gorm:"not null"`
	CreatedAt time.Time `gorm:"not null"`
}

// SaveWebUpload keeps a file for the session, dropping what the session
// (or anyone, past WebUploadTTL) uploaded before.
func (s *Store) SaveWebUpload(ctx context.Context, sessionID int64, name string, data []byte) (WebUpload, error) {
	now := s.Now()
	u := WebUpload{SessionID: sessionID, Name: name, Data: data, CreatedAt: now}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Where("session_id = ? OR created_at < ?", sessionID, now.Add(-WebUploadTTL)).Delete(&WebUpload{}).Error; err != nil {
			return err
		}
		return tx.with(ctx).Create(&u).Error
	})
	if err != nil {
		return WebUpload{}, fmt.Errorf("keep upload %s: %w", name, err)
	}
	return u, nil
}

// WebUploadOf reads an upload of the session; ErrNotFound when it is not
// the session's, was applied already or is too old.
func (s *Store) WebUploadOf(ctx context.Context, sessionID, id int64) (WebUpload, error) {
	var u WebUpload
	err := s.with(ctx).Where("id = ? AND session_id = ? AND created_at >= ?", id, sessionID, s.Now().Add(-WebUploadTTL)).Take(&u).Error
	if err = translate(err); err != nil && !errors.Is(err, ErrNotFound) {
		return WebUpload{}, fmt.Errorf("read upload %d: %w", id, err)
	}
	return u, err
}

// DeleteWebUpload drops an upload once it was applied.
func (s *Store) DeleteWebUpload(ctx context.Context, id int64) error {
	if err := s.with(ctx).Where("id = ?", id).Delete(&WebUpload{}).Error; err != nil {
		return fmt.Errorf("delete upload %d: %w", id, err)
	}
	return nil
}
