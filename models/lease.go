package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Lease gives one replica a role (polling Telegram, sending) for a while.
// The holder renews it; when it stops renewing, another takes over after
// the lease expires.
type Lease struct {
	Name       string `gorm:"primaryKey;size:64"`
	Holder     string `gorm:"size:128;not null"`
	ExpiresAt  time.Time
	AcquiredAt time.Time
}

// AcquireLease takes or renews the named lease for holder until now+ttl.
// It reports whether holder has the lease afterwards.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := s.Now()
	var held bool
	err := s.Tx(ctx, func(tx *Store) error {
		err := tx.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).
			Create(&Lease{Name: name, Holder: holder, ExpiresAt: now.Add(ttl), AcquiredAt: now}).Error
		if err != nil {
			return err
		}
		var cur Lease
		q := tx.with(ctx).Where("name = ?", name)
		if tx.IsPostgres() {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.Take(&cur).Error; err != nil {
			return err
		}
		if cur.Holder != holder && cur.ExpiresAt.After(now) {
			return nil
		}
		upd := map[string]any{"holder": holder, "expires_at": now.Add(ttl)}
		if cur.Holder != holder {
			upd["acquired_at"] = now
		}
		res := tx.with(ctx).Model(&Lease{}).
			Where("name = ?", name).Updates(upd)
		held = res.RowsAffected == 1
		return res.Error
	})
	if err != nil {
		return false, fmt.Errorf("acquire lease %s: %w", name, err)
	}
	return held, nil
}

// ReleaseLease gives the lease up at once so another replica need not wait
// for it to expire.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	err := s.with(ctx).Model(&Lease{}).Where("name = ? AND holder = ?", name, holder).
		Update("expires_at", s.Now().Add(-time.Second)).Error
	if err != nil {
		return fmt.Errorf("release lease %s: %w", name, err)
	}
	return nil
}
