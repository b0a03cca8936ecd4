package models

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Outbox statuses.
const (
	OutboxPending = "pending" // waiting for its next attempt
	OutboxSending = "sending" // claimed by a sender until LeaseUntil
	OutboxSent    = "sent"
	OutboxFailed  = "failed" // permanent: LastError says why
	OutboxLapsed  = "lapsed" // not sent: its reason was gone when it was due (LastError says why)
)

// Outbox lanes: due rows of a higher lane are claimed first.
const (
	// LaneBulk holds what jobs write: reminders, digests, fan-outs.
	LaneBulk = 0
	// LaneReply holds what a person is waiting for: the bot's answer to
	// what they just did and what that tells someone else. A row that has
	// had its turn — a text partly sent, a row sent back for a later
	// attempt — moves here too, so it keeps its place ahead of bulk rows.
	LaneReply = 1
)

// lanes lists the lanes in claim order.
var lanes = []int{LaneReply, LaneBulk}

// Notification is one message Ganshi owes somebody. Jobs and handlers write
// it; the sender renders and delivers it. DedupKey makes writing the same
// notification twice harmless.
type Notification struct {
	ID                int64     `gorm:"primaryKey;index:idx_outbox_lane,priority:4"`
	ChatID            int64     `gorm:"not null;index"`
	Kind              string    `gorm:"size:64;not null"`
	Payload           string    `gorm:"type:text;not null"`
	DedupKey          string    `gorm:"size:200;not null;uniqueIndex"`
	Status            string    `gorm:"size:16;not null;index:idx_outbox_due,priority:1;index:idx_outbox_lane,priority:1;index:idx_outbox_status_created,priority:1"`
	Lane              int       `gorm:"not null;default:0;index:idx_outbox_lane,priority:2"` // LaneBulk or LaneReply
	NextAttemptAt     time.Time `gorm:"not null;index:idx_outbox_due,priority:2;index:idx_outbox_lane,priority:3"`
	LeaseUntil        *time.Time
	Attempts          int
	PartsSent         int // a long text goes out in parts; a retry resumes here
	TelegramMessageID int
	LastError         string    `gorm:"type:text"`
	CreatedAt         time.Time `gorm:"index:idx_outbox_status_created,priority:2"`
	SentAt            *time.Time
}

// Enqueue writes n unless a notification with the same DedupKey exists. It
// reports whether n was new. NextAttemptAt defaults to now.
func (s *Store) Enqueue(ctx context.Context, n *Notification) (bool, error) {
	if n.DedupKey == "" {
		return false, fmt.Errorf("enqueue %s for chat %d: empty dedup key", n.Kind, n.ChatID)
	}
	n.Status = OutboxPending
	if n.NextAttemptAt.IsZero() {
		n.NextAttemptAt = s.Now()
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = s.Now()
	}
	err := s.hotScan(ctx, sqlEnqueue, []any{&n.ID}, n.ChatID, n.Kind, n.Payload, n.DedupKey, n.Status, n.Lane, n.NextAttemptAt,
		n.LeaseUntil, n.Attempts, n.PartsSent, n.TelegramMessageID, n.LastError, n.CreatedAt, n.SentAt)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // the dedup key is taken
	}
	if err != nil {
		return false, fmt.Errorf("enqueue %s: %w", n.DedupKey, err)
	}
	return true, nil
}

// ClaimNotifications takes up to limit due notifications for one sender
// until now+lease, replies first, then oldest first within a lane. A
// notification whose sender died while it was claimed becomes due again
// when the lease runs out.
func (s *Store) ClaimNotifications(ctx context.Context, limit int, lease time.Duration) ([]Notification, error) {
	return s.claim(ctx, LaneBulk, limit, lease)
}

// ClaimReplies is ClaimNotifications for the reply lane alone: a sender
// whose memory is full of bulk rows still takes the replies.
func (s *Store) ClaimReplies(ctx context.Context, limit int, lease time.Duration) ([]Notification, error) {
	return s.claim(ctx, LaneReply, limit, lease)
}

// claim takes due rows of the lanes from minLane up, higher lanes first.
func (s *Store) claim(ctx context.Context, minLane, limit int, lease time.Duration) ([]Notification, error) {
	now := s.Now()
	var out []Notification
	err := s.Tx(ctx, func(tx *Store) error {
		for _, lane := range lanes {
			if lane < minLane || len(out) >= limit {
				break // lanes run from the highest down
			}
			rows, err := tx.dueInLane(ctx, lane, now, limit-len(out))
			if err != nil {
				return err
			}
			out = append(out, rows...)
		}
		if len(out) == 0 {
			return nil
		}
		ids := make([]int64, len(out))
		until := now.Add(lease)
		for i := range out {
			ids[i] = out[i].ID
			out[i].Status, out[i].LeaseUntil = OutboxSending, &until
		}
		return tx.with(ctx).Model(&Notification{}).Where("id IN ?", ids).
			Updates(map[string]any{"status": OutboxSending, "lease_until": until}).Error
	})
	if err != nil {
		return nil, fmt.Errorf("claim notifications: %w", err)
	}
	return out, nil
}

// dueInLane reads, oldest first, up to limit rows of one lane that are due:
// pending ones whose time has come and claimed ones whose lease ran out.
// Each half is one range of idx_outbox_lane read in order, so the cost
// follows limit, not the backlog (an OR of the two sorts every due row).
// On PostgreSQL the rows are locked, skipping rows another sender holds.
func (s *Store) dueInLane(ctx context.Context, lane int, now time.Time, limit int) ([]Notification, error) {
	var pending, expired []Notification
	read := func(dst *[]Notification, status, cond string) error {
		q := s.with(ctx).Where("status = ? AND lane = ? AND "+cond, status, lane, now).
			Order("next_attempt_at, id").Limit(limit)
		if s.IsPostgres() {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		return q.Find(dst).Error
	}
	if err := read(&pending, OutboxPending, "next_attempt_at <= ?"); err != nil {
		return nil, err
	}
	if err := read(&expired, OutboxSending, "lease_until < ?"); err != nil {
		return nil, err
	}
	if len(expired) == 0 {
		return pending, nil
	}
	out := append(pending, expired...)
	slices.SortFunc(out, func(a, b Notification) int {
		if c := a.NextAttemptAt.Compare(b.NextAttemptAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out[:min(len(out), limit)], nil
}

// MarkSent records a delivered notification.
func (s *Store) MarkSent(ctx context.Context, id int64, parts, messageID int) error {
	now := s.Now()
	return s.setOutbox(ctx, id, map[string]any{
		"status": OutboxSent, "parts_sent": parts, "telegram_message_id": messageID,
		"sent_at": now, "lease_until": nil, "attempts": gorm.Expr("attempts + 1"), "last_error": "",
	})
}

// MarkPartSent records progress through a text sent in several parts. The
// text moves to the reply lane: nothing may come between its parts, so it
// must not wait behind bulk rows if it returns to the outbox.
func (s *Store) MarkPartSent(ctx context.Context, id int64, parts int) error {
	return s.setOutbox(ctx, id, map[string]any{"parts_sent": parts, "lane": LaneReply})
}

// RetryAt puts a notification back in the queue for another attempt.
// counts says whether this was a real attempt (false when it only waited
// for a rate limit). The row moves to the reply lane: it has had its turn,
// and its chat's newer rows are queued behind it, so it must not wait
// behind a bulk backlog.
func (s *Store) RetryAt(ctx context.Context, id int64, at time.Time, reason string, counts bool) error {
	upd := map[string]any{"status": OutboxPending, "next_attempt_at": at, "lease_until": nil, "last_error": reason, "lane": LaneReply}
	if counts {
		upd["attempts"] = gorm.Expr("attempts + 1")
	}
	return s.setOutbox(ctx, id, upd)
}

// MarkFailed gives up on a notification for good, saying why.
func (s *Store) MarkFailed(ctx context.Context, id int64, reason string) error {
	return s.setOutbox(ctx, id, map[string]any{
		"status": OutboxFailed, "last_error": reason, "lease_until": nil, "attempts": gorm.Expr("attempts + 1"),
	})
}

// MarkLapsed records that a notification was not sent because its reason
// no longer held when it was due; it is never tried again.
func (s *Store) MarkLapsed(ctx context.Context, id int64, reason string) error {
	return s.setOutbox(ctx, id, map[string]any{"status": OutboxLapsed, "last_error": reason, "lease_until": nil})
}

// ReleaseAll hands back every claimed notification. The one sender calls
// it when it takes the sender lease: whatever is still claimed belonged to
// a sender that died, and waiting for its row leases would delay replies.
func (s *Store) ReleaseAll(ctx context.Context) (int64, error) {
	res := s.with(ctx).Model(&Notification{}).Where("status = ?", OutboxSending).
		Updates(map[string]any{"status": OutboxPending, "lease_until": nil})
	if res.Error != nil {
		return 0, fmt.Errorf("release claimed notifications: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// Release hands claimed notifications back without counting an attempt,
// e.g. on shutdown.
func (s *Store) Release(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.with(ctx).Model(&Notification{}).Where("id IN ? AND status = ?", ids, OutboxSending).
		Updates(map[string]any{"status": OutboxPending, "lease_until": nil}).Error
	if err != nil {
		return fmt.Errorf("release %d notifications: %w", len(ids), err)
	}
	return nil
}

func (s *Store) setOutbox(ctx context.Context, id int64, upd map[string]any) error {
	if err := s.with(ctx).Model(&Notification{}).Where("id = ?", id).Updates(upd).Error; err != nil {
		return fmt.Errorf("update notification %d: %w", id, err)
	}
	return nil
}

// GetNotification reads one notification.
func (s *Store) GetNotification(ctx context.Context, id int64) (Notification, error) {
	var n Notification
	if err := s.with(ctx).Where("id = ?", id).Take(&n).Error; err != nil {
		return Notification{}, translate(err)
	}
	return n, nil
}

// OutboxCounts returns how many notifications are in each status.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int64, error) {
	return countBy(ctx, s.with(ctx).Model(&Notification{}), "status")
}

// NextDue returns when the earliest pending notification becomes due, or
// the zero time when none is pending.
func (s *Store) NextDue(ctx context.Context) (time.Time, error) {
	var n Notification
	err := s.with(ctx).Where("status = ?", OutboxPending).Order("next_attempt_at").Take(&n).Error
	if err = translate(err); err == ErrNotFound {
		return time.Time{}, nil
	} else if err != nil {
		return time.Time{}, fmt.Errorf("next due notification: %w", err)
	}
	return n.NextAttemptAt, nil
}

// EnqueueMany writes notifications in batches, leaving out any whose
// DedupKey exists, and returns how many were new. It is how a job fans
// out to a whole county inside its claim transaction. The IDs of ns are
// not set: with rows left out, returned IDs would not line up.
func (s *Store) EnqueueMany(ctx context.Context, ns []Notification) (int64, error) {
	if len(ns) == 0 {
		return 0, nil
	}
	now := s.Now()
	rows := make([]Notification, len(ns))
	for i, n := range ns {
		if n.DedupKey == "" {
			return 0, fmt.Errorf("enqueue %s for chat %d: empty dedup key", n.Kind, n.ChatID)
		}
		n.ID, n.Status = 0, OutboxPending
		if n.NextAttemptAt.IsZero() {
			n.NextAttemptAt = now
		}
		n.NextAttemptAt = n.NextAttemptAt.UTC()
		rows[i] = n
	}
	// 15 columns × 1,000 rows stays under SQLite's and PostgreSQL's
	// limits on bound parameters.
	res := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, 1000)
	if res.Error != nil {
		return 0, fmt.Errorf("enqueue %d notifications: %w", len(ns), res.Error)
	}
	return res.RowsAffected, nil
}
