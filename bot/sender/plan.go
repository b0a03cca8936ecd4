package sender

import (
	"context"
	"time"

	"github.com/ganshi/ganshi/models"
)

// orderStep separates the next-attempt times of rows of one chat sent back
// together, so the outbox's (next_attempt_at, id) order keeps their order.
const orderStep = time.Millisecond

// head is what plan learns about a chat from its first row in the pool.
type head struct {
	ready time.Time // when the chat's own limits allow its next message
	back  bool      // the chat's rows go back to the database this round
}

// barrier remembers the rows of one chat that went back to the database.
// Until they are claimed again, newer rows of the chat claimed meanwhile
// would overtake them, so those are sent back behind them.
type barrier struct {
	last time.Time          // next-attempt time given to the latest of them
	ids  map[int64]struct{} // rows sent back and not yet claimed again
}

// plan walks the pool in order (fast rows first, see add). It sends back
// to the database the rows that would wait too long, and picks the row to
// send next: the first head of a chat that is free now, or else the one
// free soonest. It stops at the first free head when nothing went back, so
// a busy pool costs O(1) per send; rows past it are checked on later
// rounds, long before their leases are at risk. It returns -1 when the
// pool is empty, else the row's index and the time it may go, global
// spacing and any 429 pause included.
func (s *Sender) plan(ctx context.Context, now time.Time) (pick int, at time.Time) {
	clear(s.heads)
	pause := s.lim.pausedUntil()
	pick = -1
	kept := 0 // s.pool[:kept] are the rows kept so far
	i := 0
	for ; i < len(s.pool); i++ {
		it := s.pool[i]
		c := it.n.ChatID
		h, seen := s.heads[c]
		if !seen {
			h.ready = later(now, s.lim.chatReady(c))
			h.back = s.tooLong(it, h.ready, pause, now)
		}
		if !h.back && it.lease.Sub(now) < s.margin {
			h.back = true // held too long for any reason: never past the lease
		}
		s.heads[c] = h
		if h.back {
			s.handBack(ctx, it, later(h.ready, pause), it.n.LastError, false)
			continue
		}
		s.pool[kept] = it
		kept++
		if !seen && (pick < 0 || h.ready.Before(at)) {
			pick, at = kept-1, h.ready
			// Stop early only if nothing went back: otherwise newer rows
			// of that chat further on must go back behind it this round.
			if !h.ready.After(now) && kept == i+1 {
				i++
				break
			}
		}
	}
	if kept < i { // rows went back: close the gap
		kept += copy(s.pool[kept:], s.pool[i:])
		clear(s.pool[kept:])
		s.pool = s.pool[:kept]
	}
	if pick < 0 {
		return -1, time.Time{}
	}
	return pick, s.lim.Next(s.pool[pick].n.ChatID, now)
}

// tooLong tells whether a chat's head row should go back to the database
// rather than wait in memory: its chat is not free within the hold time
// (other chats' rows need the room), or the wait, a 429 pause included,
// would reach the end of its lease.
func (s *Sender) tooLong(it item, ready, pause, now time.Time) bool {
	return ready.Sub(now) > s.hold || later(ready, pause).After(it.lease.Add(-s.margin))
}

// sendBack returns pool row i to the database for another attempt at at,
// and every newer pool row of its chat behind it.
func (s *Sender) sendBack(ctx context.Context, i int, at time.Time, reason string, counts bool) {
	chat := s.pool[i].n.ChatID
	s.handBack(ctx, s.pool[i], at, reason, counts)
	keep := s.pool[:i]
	for _, it := range s.pool[i+1:] {
		if it.n.ChatID == chat {
			s.handBack(ctx, it, at, it.n.LastError, false)
			continue
		}
		keep = append(keep, it)
	}
	clear(s.pool[len(keep):])
	s.pool = keep
}

// handBack makes one row pending again from at (later if older rows of its
// chat went back after at) and raises its chat's barrier. The caller
// removes it from the pool. A failed write leaves the row claimed; it
// comes back when its lease ends.
func (s *Sender) handBack(ctx context.Context, it item, at time.Time, reason string, counts bool) {
	b := s.barriers[it.n.ChatID]
	if b == nil {
		b = &barrier{ids: make(map[int64]struct{})}
		s.barriers[it.n.ChatID] = b
	} else {
		at = later(at, b.last.Add(orderStep))
	}
	b.last = at
	b.ids[it.n.ID] = struct{}{}
	// It returns in the reply lane (see models.RetryAt): look for it then.
	// A row due already is found by the next regular look; pulling that
	// look forward could spin on a row that keeps coming back.
	if at.After(s.cfg.Now()) && at.Before(s.nextReply) {
		s.nextReply = at
	}
	err := s.write(ctx, func(ctx context.Context) error {
		return s.st.RetryAt(ctx, it.n.ID, at.UTC(), reason, counts)
	})
	if err != nil {
		s.log.Error("send notification back to the outbox; it returns when its lease ends",
			"notification_id", it.n.ID, "chat_id", it.n.ChatID, "error", err)
	}
}

// admit adds a freshly claimed row to the pool, unless an older row of its
// chat is still out in the database. It is rendered when its turn comes
// (see prepare).
func (s *Sender) admit(ctx context.Context, n models.Notification, now time.Time) {
	if b := s.barriers[n.ChatID]; b != nil {
		if _, mine := b.ids[n.ID]; !mine {
			s.handBack(ctx, item{n: n}, now, n.LastError, false)
			return
		}
		delete(b.ids, n.ID)
		if len(b.ids) == 0 {
			delete(s.barriers, n.ChatID)
		}
	}
	lease := now.Add(s.cfg.Lease)
	if n.LeaseUntil != nil {
		lease = *n.LeaseUntil
	}
	s.add(item{n: n, lease: lease})
}

// expireBarriers drops barriers whose rows should long have been claimed
// again; they were changed behind the sender's back (failed, moved) and
// would otherwise delay the chat's new rows forever.
func (s *Sender) expireBarriers(now time.Time) {
	for chat, b := range s.barriers {
		if now.Sub(b.last) > s.cfg.Lease {
			delete(s.barriers, chat)
		}
	}
}

// forgetChat drops the pool rows and barrier of a chat whose rows the
// database has just failed or moved.
func (s *Sender) forgetChat(chat int64) {
	keep := s.pool[:0]
	for _, it := range s.pool {
		if it.n.ChatID != chat {
			keep = append(keep, it)
		}
	}
	clear(s.pool[len(keep):])
	s.pool = keep
	delete(s.barriers, chat)
}
