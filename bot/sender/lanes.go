package sender

import (
	"context"
	"slices"
	"time"

	"github.com/ganshi/ganshi/models"
)

// fast tells whether a row belongs in the front of the pool: a reply, or a
// row that has had its turn (a text partly sent; models moves such rows
// to the reply lane, and this also covers rows begun before lanes existed).
func fast(n models.Notification) bool {
	return n.Lane >= models.LaneReply || n.PartsSent > 0
}

// fastRows is how many rows at the front of the pool are fast; no fast
// row stands behind a bulk one.
func (s *Sender) fastRows() int {
	i := 0
	for i < len(s.pool) && fast(s.pool[i].n) {
		i++
	}
	return i
}

// add puts an admitted row into the pool: a fast row behind the fast rows
// already there, a bulk row at the end. Within each part the pool keeps
// claim order, so a reply overtakes its chat's bulk rows that have not
// begun, and nothing else.
func (s *Sender) add(it item) {
	if !fast(it.n) {
		s.pool = append(s.pool, it)
		return
	}
	s.pool = slices.Insert(s.pool, s.fastRows(), it)
}

// promote moves pool row i, a bulk text whose first part just went out, to
// the end of the fast rows, so a reply to its chat claimed later queues
// behind its remaining parts instead of landing between them. Its chat's
// other rows were behind it and stay behind it.
func (s *Sender) promote(i int) {
	s.pool[i].n.Lane = models.LaneReply
	k := s.fastRows()
	if k >= i {
		return
	}
	it := s.pool[i]
	copy(s.pool[k+1:i+1], s.pool[k:i])
	s.pool[k] = it
}

// claimReplies takes replies waiting in the outbox into the front of the
// pool, even when the pool is full of bulk rows: at 25 msg/s a full pool
// takes 4 s to drain, and a person is waiting. It looks when poked and,
// while the pool holds rows, once per Idle, which finds replies written
// by another process (when the pool is empty, claim looks, replies first).
// This is the one database read that may delay a send, by one indexed
// query, and only when a reply may be waiting or once a second.
func (s *Sender) claimReplies(ctx context.Context) {
	now := s.cfg.Now()
	if len(s.pool) == 0 || (!s.replies && now.Before(s.nextReply)) {
		return
	}
	if s.lim.pausedUntil().After(now) {
		return // nothing goes out before the pause ends: look then
	}
	s.replies, s.nextReply = false, now.Add(s.cfg.Idle)
	limit := s.cfg.Batch - s.fastRows()
	if limit <= 0 {
		return
	}
	s.flushSent(ctx)
	rows, err := s.st.ClaimReplies(ctx, limit, s.cfg.Lease)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("claim replies", "error", err)
		}
		return
	}
	s.replies = len(rows) == limit
	s.admitAll(ctx, rows, now)
}

// admitAll adds freshly claimed rows to the pool.
func (s *Sender) admitAll(ctx context.Context, rows []models.Notification, now time.Time) {
	s.expireBarriers(now)
	for _, n := range rows {
		s.admit(ctx, n, now)
	}
}
