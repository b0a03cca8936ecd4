package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Retention is how long the inbox and the outbox keep what is finished.
// Handled updates (done, failed) and notifications that are over (sent,
// lapsed) are deleted once older than Keep; before that, once older than
// Scrub, their payloads — what people typed, the messages' text — are
// cleared, failed notifications' too. Work is done in batches of Batch
// rows, each its own short transaction, so the one writer is never held
// for long. Pending rows, failed notifications (few, and the county
// digest counts them), the audit log and every business record (roster,
// reports, talks, exemptions) are never touched. A notification's
// DedupKey goes with its row: keys are unique within Keep, far longer
// than any job's catch-up grace.
type Retention struct {
	Keep  time.Duration // default DefaultRetention; 0 in Prune's argument means the default
	Scrub time.Duration // default 7 days, never beyond Keep
	Batch int           // rows per transaction, default 500
}

// DefaultRetention is how long finished history is kept unless configured.
const DefaultRetention = 30 * 24 * time.Hour

// Pruned is what one Prune did.
type Pruned struct {
	Updates, Notifications               int64 // rows deleted
	UpdatesCleared, NotificationsCleared int64 // payloads cleared
}

// history is one table's finished rows: which statuses are deleted and
// which cleared, by the age in timeCol, with the statuses still open
// (their oldest row holds the clearing mark back).
type history struct {
	table, idCol, timeCol string
	drop, clear, open     []string
	mark                  string // KV key: rows before it are cleared already
}

var (
	inboxHistory = history{table: "inbox_updates", idCol: "update_id", timeCol: "received_at",
		drop: []string{InboxDone, InboxFailed}, clear: []string{InboxDone, InboxFailed}, open: []string{InboxPending},
		mark: "retention:inbox_cleared_until"}
	outboxHistory = history{table: "notifications", idCol: "id", timeCol: "created_at",
		drop: []string{OutboxSent, OutboxLapsed}, clear: []string{OutboxSent, OutboxLapsed, OutboxFailed},
		open: []string{OutboxPending, OutboxSending}, mark: "retention:outbox_cleared_until"}
)

// Prune applies r at now.
func (s *Store) Prune(ctx context.Context, now time.Time, r Retention) (Pruned, error) {
	if r.Keep <= 0 {
		r.Keep = DefaultRetention
	}
	if r.Scrub <= 0 {
		r.Scrub = 7 * 24 * time.Hour
	}
	r.Scrub = min(r.Scrub, r.Keep)
	if r.Batch <= 0 {
		r.Batch = 500
	}
	var out Pruned
	var err error
	if out.Updates, err = s.dropOld(ctx, inboxHistory, now.Add(-r.Keep), r.Batch); err != nil {
		return out, err
	}
	if out.Notifications, err = s.dropOld(ctx, outboxHistory, now.Add(-r.Keep), r.Batch); err != nil {
		return out, err
	}
	if out.UpdatesCleared, err = s.clearOld(ctx, inboxHistory, now.Add(-r.Scrub), r.Batch); err != nil {
		return out, err
	}
	out.NotificationsCleared, err = s.clearOld(ctx, outboxHistory, now.Add(-r.Scrub), r.Batch)
	return out, err
}

// dropOld deletes h's finished rows older than before, oldest first.
func (s *Store) dropOld(ctx context.Context, h history, before time.Time, batch int) (int64, error) {
	var total int64
	for {
		var n int64
		err := s.Tx(ctx, func(tx *Store) error {
			ids, err := tx.oldIDs(ctx, h, h.drop, before, batch)
			if err != nil || len(ids) == 0 {
				return err
			}
			res := tx.with(ctx).Exec("DELETE FROM "+h.table+" WHERE "+h.idCol+" IN ?", ids)
			n = res.RowsAffected
			return res.Error
		})
		if err != nil {
			return total, fmt.Errorf("prune %s before %s: %w", h.table, before.UTC().Format(time.DateOnly), err)
		}
		total += n
		if n < int64(batch) {
			return total, nil
		}
	}
}

// clearOld empties the payloads of h's finished rows older than before
// and not cleared yet: from the mark left by the last run, which never
// passes the oldest open row (it may finish later and need clearing).
func (s *Store) clearOld(ctx context.Context, h history, before time.Time, batch int) (int64, error) {
	from, err := s.clearMark(ctx, h)
	if err != nil {
		return 0, err
	}
	var oldest []time.Time // ORDER BY, not MIN: SQLite returns MIN of a time as text
	if err := s.with(ctx).Table(h.table).Where("status IN ?", h.open).Order(h.timeCol).Limit(1).
		Pluck(h.timeCol, &oldest).Error; err != nil {
		return 0, fmt.Errorf("oldest open row of %s: %w", h.table, err)
	}
	mark := before
	if len(oldest) > 0 && oldest[0].Before(mark) {
		mark = oldest[0]
	}
	var total int64
	for _, st := range h.clear {
		after, afterID := from, int64(-1)
		for {
			var rows []struct {
				ID int64
				T  time.Time
			}
			err := s.Tx(ctx, func(tx *Store) error {
				q := tx.with(ctx).Table(h.table).Select(h.idCol+" AS id, "+h.timeCol+" AS t").
					Where("status = ? AND "+h.timeCol+" < ?", st, before.UTC()).
					Where("("+h.timeCol+" > ? OR ("+h.timeCol+" = ? AND "+h.idCol+" > ?))", after.UTC(), after.UTC(), afterID).
					Order(h.timeCol + ", " + h.idCol).Limit(batch)
				if err := q.Scan(&rows).Error; err != nil || len(rows) == 0 {
					return err
				}
				ids := make([]int64, len(rows))
				for i, r := range rows {
					ids[i] = r.ID
				}
				res := tx.with(ctx).Exec("UPDATE "+h.table+" SET payload = '' WHERE "+h.idCol+" IN ? AND payload <> ''", ids)
				total += res.RowsAffected
				return res.Error
			})
			if err != nil {
				return total, fmt.Errorf("clear %s payloads before %s: %w", h.table, before.UTC().Format(time.DateOnly), err)
			}
			if len(rows) < batch {
				break
			}
			after, afterID = rows[len(rows)-1].T, rows[len(rows)-1].ID
		}
	}
	if mark.After(from) {
		if err := s.PutKV(ctx, h.mark, mark.UTC().Format(time.RFC3339Nano)); err != nil {
			return total, fmt.Errorf("record %s clearing mark: %w", h.table, err)
		}
	}
	return total, nil
}

// oldIDs are up to limit ids of h's rows in statuses older than before,
// oldest first (the status-and-age index walks exactly these).
func (s *Store) oldIDs(ctx context.Context, h history, statuses []string, before time.Time, limit int) ([]int64, error) {
	var ids []int64
	err := s.with(ctx).Table(h.table).Where("status IN ? AND "+h.timeCol+" < ?", statuses, before.UTC()).
		Order(h.timeCol).Limit(limit).Pluck(h.idCol, &ids).Error
	return ids, err
}

// clearMark is where the last clearing run stopped, the zero time at first.
func (s *Store) clearMark(ctx context.Context, h history) (time.Time, error) {
	v, err := s.GetKV(ctx, h.mark)
	if errors.Is(err, ErrNotFound) {
		return time.Time{}, nil
	} else if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("read %s: %w", h.mark, err)
	}
	return t, nil
}

// Backlog counts the unfinished rows of the inbox (pending) and the
// outbox (pending, sending) by status: what /metrics shows as gauges. It
// reads only those rows, through the status indexes, so a scrape costs
// the same however much history is kept; finished rows are counted in
// memory (metrics counters) as they finish.
func (s *Store) Backlog(ctx context.Context) (inbox, outbox map[string]int64, err error) {
	if inbox, err = countBy(ctx, s.with(ctx).Model(&InboxUpdate{}).Where("status IN ?", inboxHistory.open), "status"); err != nil {
		return nil, nil, fmt.Errorf("inbox backlog: %w", err)
	}
	if outbox, err = countBy(ctx, s.with(ctx).Model(&Notification{}).Where("status IN ?", outboxHistory.open), "status"); err != nil {
		return nil, nil, fmt.Errorf("outbox backlog: %w", err)
	}
	for _, st := range inboxHistory.open {
		inbox[st] += 0
	}
	for _, st := range outboxHistory.open {
		outbox[st] += 0
	}
	return inbox, outbox, nil
}
