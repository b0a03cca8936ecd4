package inbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
)

// LeaseName is the lease that lets exactly one replica call getUpdates:
// Telegram answers 409 to a second concurrent caller, and two pollers would
// race each other's offsets.
const LeaseName = "telegram-poller"

// PollerConfig tunes a Poller. The zero value works.
type PollerConfig struct {
	Holder   string        // this replica's name in the lease; default models.NewHolder()
	LeaseTTL time.Duration // default 30s; another replica takes over this long after we die
	Timeout  time.Duration // long-poll timeout, default 25s; kept below LeaseTTL
	Limit    int           // updates per getUpdates, default 100 (Telegram's maximum)
	// Backoff is the first wait after a failure; it doubles up to 30s.
	// Default 1s.
	Backoff  time.Duration
	Logger   *slog.Logger
	Metrics  *metrics.Set
	OnStored func() // called after each batch that stored something, to wake the dispatcher
}

// Poller long-polls getUpdates while it holds the poller lease, storing each
// batch and the offset that confirms it in one transaction before it asks
// again.
type Poller struct {
	st       *models.Store
	tg       Updater
	cfg      PollerConfig
	log      *slog.Logger
	lastPoll atomic.Int64 // unix nanoseconds of the last successful getUpdates
	// Run's goroutine only:
	lease      *models.Leased
	failures   int       // consecutive failures, for the backoff
	leaseUntil time.Time // no later than the lease we hold expires, by the local clock
}

// NewPoller makes a poller; Run starts it.
func NewPoller(st *models.Store, tg Updater, cfg PollerConfig) *Poller {
	if cfg.Holder == "" {
		cfg.Holder = models.NewHolder()
	}
	if cfg.LeaseTTL <= 0 {
		cfg.LeaseTTL = 30 * time.Second
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 25 * time.Second
	}
	// A long poll must end before the lease it runs under expires, or a
	// second replica could start polling while ours still waits: Telegram
	// would answer one of them 409.
	cfg.Timeout = min(cfg.Timeout, cfg.LeaseTTL*5/6)
	if cfg.Limit <= 0 || cfg.Limit > 100 {
		cfg.Limit = 100
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = time.Second
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "poller", "holder", cfg.Holder)
	return &Poller{st: st, tg: tg, cfg: cfg, log: log, lease: models.NewLeased(st, LeaseName, cfg.Holder, cfg.LeaseTTL, log)}
}

// LastPoll is when getUpdates last answered successfully (zero before the
// first time), for /healthz. A replica that does not hold the lease never
// polls, so its LastPoll stays old.
func (p *Poller) LastPoll() time.Time {
	ns := p.lastPoll.Load()
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns).UTC()
}

// Run polls until ctx is done, then gives the lease up so another replica
// can take over at once. It returns nil after a shutdown.
func (p *Poller) Run(ctx context.Context) error {
	defer p.lease.Release(ctx)
	for ctx.Err() == nil {
		if !p.claim(ctx) {
			continue
		}
		if err := p.pollOnce(ctx); err != nil {
			if ctx.Err() != nil {
				break
			}
			p.failures++
			wait(ctx, p.failureWait(err))
			continue
		}
		p.failures = 0
	}
	return nil
}

// claim takes or renews the lease before each poll. When it is not ours it
// waits a third of the TTL so a dead holder is replaced within about a TTL.
func (p *Poller) claim(ctx context.Context) bool {
	// Taken before asking, so it can only be earlier than the expiry stored.
	until := time.Now().Add(p.cfg.LeaseTTL)
	state, _, err := p.lease.Claim(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return false
		}
		// Without the database nothing polled could be stored, so do not poll.
		p.failures++
		d := backoff(p.cfg.Backoff, p.failures)
		p.log.Warn("cannot take the poller lease; not polling", "error", err, "retry_in", d)
		wait(ctx, d)
		return false
	}
	p.leaseUntil = until
	if !state.Held {
		wait(ctx, p.cfg.LeaseTTL/3)
	}
	return state.Held
}

// pollOnce asks for the updates after the stored offset and stores them
// with the next offset. Telegram forgets updates only when a later call
// passes that higher offset, which happens on the next pollOnce — after the
// commit.
func (p *Poller) pollOnce(ctx context.Context) error {
	// Read every time: another replica may have advanced it while this one
	// was not the holder.
	offset, err := p.st.UpdateOffset(ctx)
	if err != nil {
		return fmt.Errorf("read offset: %w", err)
	}
	// Stop waiting on Telegram before the lease we renewed can expire.
	pctx, cancel := context.WithDeadline(ctx, p.leaseUntil)
	start := time.Now()
	raws, err := p.tg.GetUpdates(pctx, offset, p.cfg.Limit, p.cfg.Timeout)
	cancel()
	if err != nil {
		return err
	}
	p.lastPoll.Store(p.st.Now().UnixNano())
	if len(raws) == 0 {
		// A timeout under a second is sent as 0, a short poll that answers
		// at once; pace it rather than spin.
		if p.cfg.Timeout < time.Second && time.Since(start) < 100*time.Millisecond {
			wait(ctx, 100*time.Millisecond)
		}
		return nil
	}
	return p.store(ctx, raws)
}

func (p *Poller) store(ctx context.Context, raws []telegram.RawUpdate) error {
	ups := make([]models.InboxUpdate, len(raws))
	next := int64(0)
	for i, r := range raws {
		ups[i] = models.InboxUpdate{UpdateID: r.ID, ChatID: r.ChatID, Payload: string(r.Payload)}
		next = max(next, r.ID+1)
		p.log.Debug("update received", "update_id", r.ID, "chat_id", r.ChatID, "payload", string(r.Payload))
	}
	added, err := p.st.SaveUpdates(ctx, ups, next)
	if err != nil {
		// Nothing was confirmed: the same updates come back on the next poll.
		return fmt.Errorf("store polled updates: %w", err)
	}
	countReceived(p.cfg.Metrics, "poll", added)
	p.log.Debug("updates stored", "count", len(ups), "new", added, "offset", next)
	if p.cfg.OnStored != nil {
		p.cfg.OnStored()
	}
	return nil
}

// failureWait logs a failed poll and says how long to wait before the next.
func (p *Poller) failureWait(err error) time.Duration {
	var tooMany *tgbot.TooManyRequestsError
	if errors.As(err, &tooMany) {
		d := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
		p.log.Warn("telegram asks to slow down getUpdates", "retry_in", d)
		return d
	}
	d := backoff(p.cfg.Backoff, p.failures)
	var apiErr *telegram.APIError
	if errors.As(err, &apiErr) && apiErr.Code == http.StatusConflict {
		p.log.Error("telegram refused getUpdates with 409: another process polls with this token or a webhook is set (deleteWebhook to poll)",
			"error", err, "retry_in", d)
		return d
	}
	p.log.Warn("getUpdates failed", "error", err, "retry_in", d)
	return d
}
