package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Inbox statuses.
const (
	InboxPending = "pending"
	InboxDone    = "done"
	InboxFailed  = "failed"
)

// InboxUpdate is one Telegram update, stored before anyone acts on it so a
// crash or restart loses nothing.
type InboxUpdate struct {
	UpdateID   int64     `gorm:"primaryKey;autoIncrement:false"`
	ChatID     int64     `gorm:"index"`
	Payload    string    `gorm:"type:text;not null"`
	Status     string    `gorm:"size:16;not null;index:idx_inbox_status_id,priority:1;index:idx_inbox_status_received,priority:1"`
	Error      string    `gorm:"type:text"`
	ReceivedAt time.Time `gorm:"index:idx_inbox_status_received,priority:2"`
	HandledAt  *time.Time
}

// keyOffset is where the next getUpdates offset is kept.
const keyOffset = "telegram_offset"

// SaveUpdates stores a getUpdates batch and the offset that confirms it in
// one transaction. Updates already stored are ignored, so a batch received
// twice is stored once. It returns how many were new.
func (s *Store) SaveUpdates(ctx context.Context, ups []InboxUpdate, offset int64) (int, error) {
	var added int
	err := s.Tx(ctx, func(tx *Store) error {
		n, err := tx.insertUpdates(ctx, ups)
		if err != nil {
			return err
		}
		added = n
		return tx.raiseOffset(ctx, offset)
	})
	if err != nil {
		return 0, fmt.Errorf("save %d updates: %w", len(ups), err)
	}
	return added, nil
}

// SaveUpdate stores one update (the webhook path). It reports whether it
// was new.
func (s *Store) SaveUpdate(ctx context.Context, up InboxUpdate) (bool, error) {
	n, err := s.insertUpdates(ctx, []InboxUpdate{up})
	if err != nil {
		return false, fmt.Errorf("save update %d: %w", up.UpdateID, err)
	}
	return n == 1, nil
}

func (s *Store) insertUpdates(ctx context.Context, ups []InboxUpdate) (int, error) {
	if len(ups) == 0 {
		return 0, nil
	}
	now := s.Now()
	for i := range ups {
		ups[i].Status = InboxPending
		ups[i].ReceivedAt = now
	}
	res := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(ups, 200)
	return int(res.RowsAffected), res.Error
}

func (s *Store) raiseOffset(ctx context.Context, offset int64) error {
	cur, err := s.UpdateOffset(ctx)
	if err != nil {
		return err
	}
	if offset <= cur {
		return nil
	}
	return s.PutKV(ctx, keyOffset, strconv.FormatInt(offset, 10))
}

// UpdateOffset is the getUpdates offset to ask for next (0 when none yet).
func (s *Store) UpdateOffset(ctx context.Context) (int64, error) {
	v, err := s.GetKV(ctx, keyOffset)
	if err == ErrNotFound {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("stored offset %q: %w", v, err)
	}
	return n, nil
}

// PendingUpdates lists unhandled updates in update_id order.
func (s *Store) PendingUpdates(ctx context.Context, limit int) ([]InboxUpdate, error) {
	var ups []InboxUpdate
	err := s.with(ctx).Where("status = ?", InboxPending).Order("update_id").Limit(limit).Find(&ups).Error
	if err != nil {
		return nil, fmt.Errorf("list pending updates: %w", err)
	}
	return ups, nil
}

// ClaimUpdate locks a pending update inside a transaction so that no other
// replica handles it at the same time. ErrNotFound means it is already
// handled or being handled elsewhere. It reads the id only: the caller
// has the row.
func (s *Store) ClaimUpdate(ctx context.Context, id int64) error {
	var got int64
	err := s.hotScan(ctx, claimSQL(s.IsPostgres()), []any{&got}, id, InboxPending)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("claim update %d: %w", id, err)
	}
	return nil
}

// FinishUpdate marks a pending update done or failed. Called in the same
// transaction as the handler's writes, so the mark and the effects commit
// together. ErrConflict means it was not pending any more.
func (s *Store) FinishUpdate(ctx context.Context, id int64, status, reason string) error {
	res, err := s.hotExec(ctx, sqlFinishUpdate, status, reason, s.Now(), id, InboxPending)
	if err != nil {
		return fmt.Errorf("finish update %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("finish update %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("finish update %d: %w", id, ErrConflict)
	}
	return nil
}

// InboxCounts returns how many updates are in each status.
func (s *Store) InboxCounts(ctx context.Context) (map[string]int64, error) {
	return countBy(ctx, s.with(ctx).Model(&InboxUpdate{}), "status")
}

func countBy(ctx context.Context, q *gorm.DB, col string) (map[string]int64, error) {
	var rows []struct {
		K string
		N int64
	}
	if err := q.Select(col + " AS k, COUNT(*) AS n").Group(col).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("count by %s: %w", col, err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.K] = r.N
	}
	return out, nil
}

// RedactUpdate empties a handled update's payload, in the transaction of
// its handler: an anonymous check-up answer must leave no copy of what
// was said, or about whom, beside the sender's id (review_answer.go).
func (s *Store) RedactUpdate(ctx context.Context, id int64) error {
	if err := s.with(ctx).Model(&InboxUpdate{}).Where("update_id = ?", id).Update("payload", "{}").Error; err != nil {
		return fmt.Errorf("redact update %d: %w", id, err)
	}
	return nil
}
