package sender

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"

	tgbot "github.com/go-telegram/bot"
)

const (
	maxBackoff     = 5 * time.Minute
	maxPauseJitter = 250 * time.Millisecond
)

// send sends the next part of pool row i, which the limiter allowed at the
// start of this round, and carries out what Telegram answered. A row not
// yet rendered is rendered first; if it is not to be sent after all, the
// round ends without sending.
func (s *Sender) send(ctx context.Context, i int) {
	if s.pool[i].parts == nil && !s.prepare(ctx, i) {
		return
	}
	it := &s.pool[i]
	// The round's reads and writes took time: record the send when it
	// really happens, or the next slot would come early.
	s.lim.Take(it.n.ChatID, s.cfg.Now())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	msgID, err := s.tg.Send(sctx, it.n.ChatID, it.parts[it.n.PartsSent])
	cancel()
	s.lim.Answered(it.n.ChatID, s.cfg.Now())
	if err != nil {
		s.failed(ctx, i, err)
		return
	}
	s.delivered(ctx, i, msgID)
}

// delivered records an accepted part; the row stays in the pool while
// parts remain, so the next one waits for the chat's gap like any message.
func (s *Sender) delivered(ctx context.Context, i, msgID int) {
	s.lastOK.Store(s.cfg.Now().UnixNano())
	s.count("sent")
	it := &s.pool[i]
	it.n.PartsSent++
	s.logSend(slog.LevelDebug, *it, "sent", "part", it.n.PartsSent, "parts", len(it.parts))
	if it.n.PartsSent < len(it.parts) {
		id, done := it.n.ID, it.n.PartsSent
		err := s.write(ctx, func(ctx context.Context) error { return s.st.MarkPartSent(ctx, id, done) })
		if err != nil {
			// The part went out; a retry after a crash would repeat it.
			s.log.Error("record sent part", "notification_id", id, "part", done, "error", err)
		}
		s.promote(i)
		return
	}
	s.recordSent(ctx, *it, msgID)
	s.pool = slices.Delete(s.pool, i, i+1)
}

// failed carries out classify's verdict on a send error.
func (s *Sender) failed(ctx context.Context, i int, err error) {
	v := classify(err)
	it := s.pool[i]
	switch v.action {
	case alreadyDone:
		s.delivered(ctx, i, it.parts[it.n.PartsSent].EditID)
	case pauseAll:
		s.pauseAll(it, v, err)
	case unreachable:
		s.unreachable(ctx, it, v)
	case migrate:
		s.migrate(ctx, it, v)
	case failNow:
		s.forgetRow(i)
		s.finalFail(ctx, it, v.level, v.reason, "error", err)
	default:
		s.retry(ctx, i, v, err)
	}
}

// pauseAll stops every send until retry_after has passed; the row keeps
// its place and tries again then, without counting an attempt.
func (s *Sender) pauseAll(it item, v verdict, err error) {
	until := s.cfg.Now().Add(v.retryAfter + rand.N(maxPauseJitter))
	s.lim.Pause(until)
	result := "unauthorized"
	var tooMany *tgbot.TooManyRequestsError
	if errors.As(err, &tooMany) {
		result = "rate_limited"
		if s.cfg.Metrics != nil {
			s.cfg.Metrics.TooManyRequests.Inc("")
		}
	}
	s.count(result)
	s.logSend(v.level, it, result, "retry_after", v.retryAfter, "paused_until", until, "error", err)
}

// unreachable records that the chat cannot be reached; the store fails the
// row and every other waiting row of the chat with it.
func (s *Sender) unreachable(ctx context.Context, it item, v verdict) {
	s.forgetChat(it.n.ChatID)
	s.count("unreachable")
	s.logSend(v.level, it, "unreachable", "reason", v.reason)
	err := s.write(ctx, func(ctx context.Context) error {
		return s.st.MarkUnreachable(ctx, it.n.ChatID, v.reason)
	})
	if err != nil {
		s.log.Error("mark chat unreachable", "chat_id", it.n.ChatID, "error", err)
	}
}

// migrate moves the chat's rows to the supergroup's id and keeps the row
// in place, so it is resent there as soon as the limits allow.
func (s *Sender) migrate(ctx context.Context, it item, v verdict) {
	old, moved := it.n.ChatID, v.migrateTo
	if moved == 0 || moved == old {
		// Resending would meet the same answer forever.
		s.forgetChat(old)
		s.finalFail(ctx, it, slog.LevelWarn, fmt.Sprintf("migrated to chat %d: %s", moved, v.reason))
		return
	}
	s.count("migrated")
	s.logSend(v.level, it, "migrated", "migrate_to", moved)
	err := s.write(ctx, func(ctx context.Context) error { return s.st.MigrateChat(ctx, old, moved) })
	if err != nil {
		// The rows keep the old id; they return after their lease and
		// meet the same answer, so the move is tried again then.
		s.log.Error("migrate chat", "chat_id", old, "migrate_to", moved, "error", err)
		s.forgetChat(old)
		return
	}
	for i := range s.pool {
		if s.pool[i].n.ChatID == old {
			s.pool[i].n.ChatID = moved
		}
	}
	if b := s.barriers[old]; b != nil {
		delete(s.barriers, old)
		s.barriers[moved] = b
	}
}

// retry sends the row back for another attempt after an ambiguous failure,
// with exponential backoff, or fails it once MaxAttempts is reached.
func (s *Sender) retry(ctx context.Context, i int, v verdict, err error) {
	it := s.pool[i]
	attempt := it.n.Attempts + 1
	if attempt >= s.cfg.MaxAttempts {
		s.forgetRow(i)
		// A message is lost: an operator should look at Telegram or the network.
		s.finalFail(ctx, it, slog.LevelError, fmt.Sprintf("gave up after %d attempts: %s", attempt, v.reason), "error", err)
		return
	}
	at := s.cfg.Now().Add(backoff(s.cfg.BaseBackoff, attempt))
	s.count("retry")
	s.logSend(v.level, it, "retry", "retry_at", at, "error", err)
	s.sendBack(ctx, i, at, v.reason, true)
}

// backoff is the wait after the attempt-th ambiguous failure: base, 2×base,
// 4×base … capped at maxBackoff, plus up to 10% jitter so rows that failed
// together do not all come back together.
func backoff(base time.Duration, attempt int) time.Duration {
	d := maxBackoff
	if shift := attempt - 1; shift < 30 && base <= maxBackoff>>shift {
		d = base << shift
	}
	return d + rand.N(d/10+1)
}

// finalFail fails a row for good and says why. The caller has removed it
// from the pool.
func (s *Sender) finalFail(ctx context.Context, it item, level slog.Level, reason string, attrs ...any) {
	s.count("failed")
	s.logSend(level, it, "failed", append(attrs, "reason", reason)...)
	err := s.write(ctx, func(ctx context.Context) error { return s.st.MarkFailed(ctx, it.n.ID, reason) })
	if err != nil {
		s.log.Error("record failed notification", "notification_id", it.n.ID, "error", err)
	}
}

func (s *Sender) forgetRow(i int) { s.pool = slices.Delete(s.pool, i, i+1) }

// logSend logs one send outcome with the keys every outcome shares. The
// message text is never logged: it is personal data.
func (s *Sender) logSend(level slog.Level, it item, result string, attrs ...any) {
	if !s.log.Enabled(context.Background(), level) {
		return
	}
	s.log.Log(context.Background(), level, "send notification", append([]any{
		"notification_id", it.n.ID, "chat_id", it.n.ChatID, "kind", it.n.Kind,
		"attempt", it.n.Attempts + 1, "result", result,
	}, attrs...)...)
}
