package models

import (
	"context"
	"log/slog"
	"time"
)

// Leased is one process's hold on a named lease: a role only one replica
// may play at a time (polling Telegram, sending). Every such role takes,
// renews, reports and gives up its lease through it, so an operator reads
// the same few lines for each: the lease taken (at once from a holder whose
// process is gone), lost, or waited for — whose and until when.
type Leased struct {
	st     *Store
	name   string
	holder string
	ttl    time.Duration
	log    *slog.Logger
	// The claiming goroutine's only:
	held       bool   // after the last claim
	waitingFor string // the holder last reported as waited for
}

// NewLeased prepares holder's hold on the named lease; nothing is claimed
// yet. log may be nil.
func NewLeased(st *Store, name, holder string, ttl time.Duration, log *slog.Logger) *Leased {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Leased{st: st, name: name, holder: holder, ttl: ttl, log: log}
}

// LeaseNews is what one claim changed for this process; each part is
// logged once.
type LeaseNews struct {
	Taken     bool      // held now, not before
	TakenFrom string    // taken at once from this holder, whose process is gone
	Lost      bool      // held before, held by another now
	WaitFor   string    // another holds it, and not the one waited for before
	Until     time.Time // when WaitFor's hold runs out unless renewed
}

// Claim takes or renews the lease (ClaimLease) and logs what changed. On
// an error nothing is known, so nothing changes.
func (l *Leased) Claim(ctx context.Context) (LeaseState, LeaseNews, error) {
	st, err := l.st.ClaimLease(ctx, l.name, l.holder, l.ttl)
	if err != nil {
		return st, LeaseNews{}, err
	}
	n := l.news(st)
	switch {
	case n.TakenFrom != "":
		l.log.Info("took over a lease whose holder process is gone", "lease", l.name, "from", n.TakenFrom)
	case n.Taken:
		l.log.Info("lease taken", "lease", l.name, "holder", l.holder)
	case n.Lost:
		l.log.Warn("lease lost to another process; stopped", "lease", l.name)
	}
	if n.WaitFor != "" {
		l.log.Info("lease held by another process; waiting until it is released or expires",
			"lease", l.name, "holder", n.WaitFor, "until", n.Until)
	}
	return st, n, nil
}

// news compares a claim's state with the last one.
func (l *Leased) news(st LeaseState) LeaseNews {
	var n LeaseNews
	switch {
	case st.Held:
		n.Taken, n.TakenFrom, l.waitingFor = !l.held, st.TakenFrom, ""
	case st.Holder != l.waitingFor:
		n.Lost, n.WaitFor, n.Until, l.waitingFor = l.held, st.Holder, st.ExpiresAt, st.Holder
	default:
		n.Lost = l.held
	}
	l.held = st.Held
	return n
}

// Held tells whether the last claim held the lease.
func (l *Leased) Held() bool { return l.held }

// Release gives the lease up, if held, so another replica need not wait for
// it to expire. ctx may be done already (a shutdown): it uses a short
// context of its own.
func (l *Leased) Release(ctx context.Context) {
	if !l.held {
		return
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := l.st.ReleaseLease(rctx, l.name, l.holder); err != nil {
		l.log.Warn("cannot release the lease; another replica waits for it to expire", "lease", l.name, "error", err)
		return
	}
	l.held = false
	l.log.Info("lease released", "lease", l.name)
}

// Run runs fn while the lease is held, renewing it beside fn every third of
// the TTL, so that of several replicas exactly one does the job. fn's
// context ends when a renewal fails; after fn returns the lease is
// released and claimed again from scratch. Run returns fn's error, or nil
// when ctx ends.
func (l *Leased) Run(ctx context.Context, fn func(context.Context) error) error {
	tick := time.NewTicker(l.ttl / 3)
	defer tick.Stop()
	for {
		st, _, err := l.Claim(ctx)
		if err != nil && ctx.Err() == nil {
			l.log.Warn("lease check failed", "lease", l.name, "error", err)
		}
		if st.Held {
			if err := l.hold(ctx, tick.C, fn); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// hold runs fn and renews the lease at each tick; a failed renewal stops fn.
func (l *Leased) hold(ctx context.Context, tick <-chan time.Time, fn func(context.Context) error) error {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- fn(runCtx) }()
	for {
		select {
		case err := <-done:
			l.Release(ctx)
			return err
		case <-tick:
		}
		st, _, err := l.Claim(ctx)
		if err == nil && st.Held {
			continue
		}
		cancel()
		ferr := <-done
		switch {
		case ctx.Err() != nil: // a shutdown, not a lost lease
			l.Release(ctx)
			return ferr
		case err != nil:
			l.held = false
			l.log.Warn("lease renewal failed; stopped", "lease", l.name, "error", err)
		}
		return nil
	}
}
