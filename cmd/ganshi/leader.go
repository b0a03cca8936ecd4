package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/ganshi/ganshi/models"
)

// runLeased runs fn only while this process holds the named lease, so that
// of several replicas exactly one does the job (sending, for Telegram's
// rate limits are per bot). fn's context ends when the lease is lost.
func runLeased(ctx context.Context, st *models.Store, log *slog.Logger, name, holder string, ttl time.Duration, fn func(context.Context) error) error {
	tick := time.NewTicker(ttl / 3)
	defer tick.Stop()
	var notes models.LeaseNotes
	for {
		state, err := st.ClaimLease(ctx, name, holder, ttl)
		if err != nil && ctx.Err() == nil {
			log.Warn("lease check failed", "lease", name, "err", err)
		}
		if msg, attrs := notes.Note(name, state); msg != "" {
			log.Info(msg, attrs...)
		}
		if state.Held {
			log.Info("lease taken", "lease", name, "holder", holder)
			if err := holdAndRun(ctx, st, log, name, holder, ttl, fn); err != nil {
				return err
			}
			if ctx.Err() == nil {
				log.Warn("lease lost", "lease", name)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// holdAndRun runs fn and renews the lease beside it; a failed renewal
// stops fn. On the way out the lease is released so another replica need
// not wait for it to expire.
func holdAndRun(ctx context.Context, st *models.Store, log *slog.Logger, name, holder string, ttl time.Duration, fn func(context.Context) error) error {
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- fn(runCtx) }()
	tick := time.NewTicker(ttl / 3)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			cancel()
			releaseLease(st, log, name, holder)
			return err
		case <-tick.C:
			held, err := st.AcquireLease(ctx, name, holder, ttl)
			if err != nil || !held {
				cancel()
				<-done
				return nil
			}
		}
	}
}

func releaseLease(st *models.Store, log *slog.Logger, name, holder string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := st.ReleaseLease(ctx, name, holder); err != nil {
		log.Warn("could not release lease", "lease", name, "err", err)
	}
}
