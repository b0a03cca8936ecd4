package main

import (
	"context"
	"time"

	"github.com/ganshi/ganshi/models"
)

// pruneEvery is how often serve applies the retention; each run deletes
// and clears in small batches, so the writer is never held for long.
const pruneEvery = time.Hour

// prune applies the configured retention now and then every pruneEvery
// (models.Store.Prune). Every replica may run it: deletes and clears are
// idempotent.
func (a *app) prune(ctx context.Context) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		start := time.Now()
		p, err := a.st.Prune(ctx, a.st.Now(), a.cfg.Retention)
		if err != nil {
			a.log.Error("retention", "error", err)
		} else if p != (models.Pruned{}) {
			a.log.Info("retention", "updates_deleted", p.Updates, "notifications_deleted", p.Notifications,
				"updates_cleared", p.UpdatesCleared, "notifications_cleared", p.NotificationsCleared, "took", time.Since(start))
		}
		t.Reset(pruneEvery)
	}
}
