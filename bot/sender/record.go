package sender

import (
	"context"
	"time"

	"github.com/ganshi/ganshi/models"
)

// Sends are recorded in batches while the sender works back to back: one
// commit per message costs more CPU than the send itself on SQLite (WAL
// pages written per commit) and a round trip plus a WAL flush on
// PostgreSQL. The batch is written before the loop waits for anything —
// at Telegram's 25 msg/s that is after every send — before any other
// database access, so writes happen in the same order as without
// batching, and once it holds maxUnrecorded sends or is maxUnrecordedAge
// old. A crash can therefore repeat at most that many messages.
const (
	maxUnrecorded    = 16
	maxUnrecordedAge = 100 * time.Millisecond
)

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
	if len(s.unrecorded) >= maxUnrecorded || now.Sub(s.unrecordedSince) >= maxUnrecordedAge {
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
