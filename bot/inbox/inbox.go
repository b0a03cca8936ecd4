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
