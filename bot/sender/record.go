package sender

import (
	"context"
	"time"

	"github.com/ganshi/ganshi/models"
)

// At Telegram's rates (Config.Rate up to batchAbove) every send is
// recorded in its own transaction before the next one starts, so a crash
// repeats at most the one message in flight. That costs a commit per
// message (about 2 ms of CPU on SQLite), a few percent of a core at 25/s.
//
// Above that — a local Bot API server, or the limit lifted — sends are
// recorded in batches while the sender works back to back: one commit per
// message costs more CPU than the send itself on SQLite (WAL pages written
// per commit) and a round trip plus a WAL flush on PostgreSQL. The batch
// is written before the loop waits for anything, before any other
// database access, so writes happen in the same order as without
// batching, and once it holds maxUnrecorded sends or is maxUnrecordedAge
// old. A crash can then repeat at most that many messages. Batching is
// not left to timing at 25 msg/s: a sender starved of CPU falls behind
// its limiter, sends back to back, and would widen the window exactly
// when a crash is likeliest.
const (
	batchAbove       = 30 // msg/s, Telegram's documented ceiling for a bot
	maxUnrecorded    = 16
	maxUnrecordedAge = 100 * time.Millisecond
)

// batches tells whether sends at this rate are recorded in batches.
func batches(rate float64) bool { return rate < 0 || rate > batchAbove }

// sent is a delivered notification not yet marked sent in the database.
type sent struct {
	id        int64
	chatID    int64
	parts     int
	messageID int
}

// recordSent queues a row's MarkSent, writing the queue when it is full
// or old.
func (s *Sender) recordSent(ctx context.Context, it item, messageID int) {
	now := s.cfg.Now()
	if len(s.unrecorded) == 0 {
		s.unrecordedSince = now
	}
	s.unrecorded = append(s.unrecorded, sent{it.n.ID, it.n.ChatID, it.n.PartsSent, messageID})
	if !batches(s.cfg.Rate) || len(s.unrecorded) >= maxUnrecorded || now.Sub(s.unrecordedSince) >= maxUnrecordedAge {
		s.flushSent(ctx)
	}
}

// flushSent marks every queued send as sent, in one transaction when
// there are several.
func (s *Sender) flushSent(ctx context.Context) {
	if len(s.unrecorded) == 0 {
		return
	}
	batch := s.unrecorded
	s.unrecorded = s.unrecorded[:0]
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
	defer cancel()
	var err error
	if len(batch) == 1 {
		err = s.st.MarkSent(wctx, batch[0].id, batch[0].parts, batch[0].messageID)
	} else {
		err = s.st.Tx(wctx, func(tx *models.Store) error {
			for _, m := range batch {
				if err := tx.MarkSent(wctx, m.id, m.parts, m.messageID); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		for _, m := range batch {
			s.log.Error("record sent notification; it will be sent again when its lease ends",
				"notification_id", m.id, "chat_id", m.chatID, "error", err)
		}
	}
}
