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

// LeaseState is what a claim found and did.
type LeaseState struct {
	Held      bool
	Holder    string    // who holds the lease now (holder itself when Held)
	ExpiresAt time.Time // when that holding runs out unless renewed
	// TakenFrom is a holder whose process was provably gone (HolderGone):
	// its lease was taken at once instead of after it expired.
	TakenFrom string
}

// AcquireLease takes or renews the named lease for holder until now+ttl.
// It reports whether holder has the lease afterwards.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	st, err := s.ClaimLease(ctx, name, holder, ttl)
	return st.Held, err
}

// ClaimLease takes or renews the named lease for holder until now+ttl. A
// lease held by another is taken when it has expired, or at once when its
// holder is provably gone (a crashed process on this machine); otherwise
// the state says who holds it and until when.
func (s *Store) ClaimLease(ctx context.Context, name, holder string, ttl time.Duration) (LeaseState, error) {
	now := s.Now()
	var out LeaseState
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
		out = LeaseState{Holder: cur.Holder, ExpiresAt: cur.ExpiresAt}
		if cur.Holder != holder && cur.ExpiresAt.After(now) {
			if !HolderGone(cur.Holder) {
				return nil
			}
			out.TakenFrom = cur.Holder
		}
		upd := map[string]any{"holder": holder, "expires_at": now.Add(ttl)}
		if cur.Holder != holder {
			upd["acquired_at"] = now
		}
		res := tx.with(ctx).Model(&Lease{}).
			Where("name = ?", name).Updates(upd)
		if res.RowsAffected == 1 {
			out = LeaseState{Held: true, Holder: holder, ExpiresAt: now.Add(ttl), TakenFrom: out.TakenFrom}
		}
		return res.Error
	})
	if err != nil {
		return LeaseState{}, fmt.Errorf("acquire lease %s: %w", name, err)
	}
	return out, nil
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

// ClearLeases forgets every lease: a restored backup's leases name the
// processes of its time, and the first serve on it should not wait for them.
func (s *Store) ClearLeases(ctx context.Context) error {
	if err := s.with(ctx).Where("1 = 1").Delete(&Lease{}).Error; err != nil {
		return fmt.Errorf("clear leases: %w", err)
	}
	return nil
}
