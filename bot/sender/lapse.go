package sender

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/ganshi/ganshi/models"
)

// ErrUnrenderable marks a Render error no retry can cure: an unknown
// kind, a damaged payload. Make one with Unrenderable.
var ErrUnrenderable = errors.New("cannot render")

// Unrenderable is an error that is ErrUnrenderable and says why.
func Unrenderable(format string, args ...any) error {
	return unrenderable{fmt.Errorf(format, args...)}
}

type unrenderable struct{ error }

func (unrenderable) Is(target error) bool { return target == ErrUnrenderable }
func (u unrenderable) Unwrap() error      { return u.error }

// prepare renders pool row i when its turn to be sent has come, so that
// what it says is checked against the data of now, and reports whether it
// is ready to send; if not, it has left the pool (or, when Run is
// stopping, stays there to be released). Rendering here rather than when
// the row is claimed keeps a batch's re-checks from stalling the sends.
func (s *Sender) prepare(ctx context.Context, i int) bool {
	it := &s.pool[i]
	parts, err := s.cfg.Render(ctx, s.st.Reads(), it.n)
	if err != nil {
		return s.renderFailed(ctx, i, err)
	}
	if it.n.PartsSent >= len(parts) {
		// Every part went out before a crash; only the record is missing.
		done := *it
		s.forgetRow(i)
		s.recordSent(ctx, done, done.n.TelegramMessageID)
		return false
	}
	it.parts = parts
	return true
}

// renderFailed carries out what a Render error means for pool row i.
// Lapsed: its reason is gone, so it is recorded and never sent.
// Unrenderable: it fails for good. Anything else (the database did not
// answer the re-check) is retried with backoff like an ambiguous send,
// the newer rows of its chat behind it. It returns false.
func (s *Sender) renderFailed(ctx context.Context, i int, err error) bool {
	it := s.pool[i]
	attempt := it.n.Attempts + 1
	switch {
	case ctx.Err() != nil:
		// Stopping cut the re-check short; Run releases the row.
		return false
	case errors.Is(err, models.ErrLapsed):
		s.forgetRow(i)
		s.lapse(ctx, it, err.Error())
	case errors.Is(err, ErrUnrenderable):
		s.forgetRow(i)
		s.finalFail(ctx, it, slog.LevelWarn, "render: "+err.Error())
	case attempt >= s.cfg.MaxAttempts:
		s.forgetRow(i)
		s.finalFail(ctx, it, slog.LevelError, fmt.Sprintf("gave up after %d attempts: render: %v", attempt, err))
	default:
		at := s.cfg.Now().Add(backoff(s.cfg.BaseBackoff, attempt))
		s.count("retry")
		s.logSend(slog.LevelWarn, it, "retry", "retry_at", at, "error", err)
		s.sendBack(ctx, i, at, "render: "+err.Error(), true)
	}
	return false
}

// lapse records a row whose reason no longer held when it was due.
func (s *Sender) lapse(ctx context.Context, it item, reason string) {
	s.count("lapsed")
	s.logSend(slog.LevelInfo, it, "lapsed", "reason", reason)
	err := s.write(ctx, func(ctx context.Context) error { return s.st.MarkLapsed(ctx, it.n.ID, reason) })
	if err != nil {
		// The row stays claimed; it is checked again when its lease ends.
		s.log.Error("record lapsed notification", "notification_id", it.n.ID, "error", err)
	}
}
