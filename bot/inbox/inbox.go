// Package inbox owns the inbound half of the bot: it takes Telegram updates
// in (a getUpdates poller guarded by a lease, or a webhook), stores each one
// in the models inbox before anything acts on it, and dispatches stored
// updates to a Handler once each, in update_id order per chat, with bounded
// concurrency and panic recovery.
//
// The rule it keeps (DESIGN.md, "Inbound"): Telegram is told an update was
// received only after the update was committed — the poller asks for the
// next offset only after SaveUpdates returned, the webhook answers 200 only
// after SaveUpdate returned — and an update is marked done in the same
// transaction as its handler's writes. A crash at any point therefore loses
// nothing; at worst an update is received twice and stored once, or a
// handler runs again after its transaction failed to commit — its database
// writes land once, so handlers must act only through them (the outbox).
//
// Order holds per chat in update_id order as stored. The poller stores in
// Telegram's order; a webhook with max_connections > 1 may store a later
// update of a chat before an earlier one, and the later one may then be
// handled first.
package inbox

import (
	"context"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
)

// Handler handles one stored update inside the transaction that will mark
// it done: its writes (e.g. outbox replies) and the done mark commit
// together or not at all. It must write only through tx — on SQLite the
// store has a single connection, which tx holds, so using any other Store
// from inside a handler blocks forever. u is never nil.
type Handler func(ctx context.Context, tx *models.Store, u *tgmodels.Update) error

// Updater is the one Bot API call the poller needs; *telegram.Client has it.
type Updater interface {
	GetUpdates(ctx context.Context, offset int64, limit int, timeout time.Duration) ([]telegram.RawUpdate, error)
}

// maxBackoff caps every exponential backoff in the package.
const maxBackoff = 30 * time.Second

// backoff is base doubled for each earlier failure, capped at maxBackoff.
func backoff(base time.Duration, failures int) time.Duration {
	d := base
	for i := 1; i < failures && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// wait pauses for d or until ctx is done; it reports whether ctx is still live.
func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// The metrics.Set fields are nil-safe but the Set pointer itself is not.

func countReceived(m *metrics.Set, source string, n int) {
	if m != nil && n > 0 {
		m.UpdatesReceived.Add(source, int64(n))
	}
}

func countHandled(m *metrics.Set, result string, seconds float64) {
	if m == nil {
		return
	}
	m.UpdatesHandled.Inc(result)
	m.HandlerSeconds.Observe(seconds)
}
