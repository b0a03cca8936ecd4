package web

import (
	"context"
	"sync"
	"time"

	"github.com/ganshi/ganshi/models"
)

// tallyCache keeps the county's figures for a month (models.BoardTally)
// for a few seconds. Counting 100,000 cadres takes SQLite a good part of
// a second's worth of the one connection the bot shares; office screens
// reloading 总览 must not each pay it. The console forgets the figures
// whenever it changes a report; a change made in chat shows within the
// TTL, and the page says when its figures were counted.
type tallyCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	now     func() time.Time
	entries map[string]tallyEntry
}

type tallyEntry struct {
	at     time.Time
	tallys []models.ReportTally
}

func newTallyCache(ttl time.Duration, now func() time.Time) *tallyCache {
	return &tallyCache{ttl: ttl, now: now, entries: map[string]tallyEntry{}}
}

// get returns the month's figures and when they were counted. The lock is
// held while counting, so requests arriving meanwhile wait for that count
// instead of starting their own.
func (c *tallyCache) get(ctx context.Context, st *models.Store, p models.Period) ([]models.ReportTally, time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if e, ok := c.entries[p.String()]; ok && now.Sub(e.at) < c.ttl && !now.Before(e.at) {
		return e.tallys, e.at, nil
	}
	ts, err := st.BoardTally(ctx, p)
	if err != nil {
		return nil, time.Time{}, err
	}
	if len(c.entries) > 24 { // months people look at; never grows without bound
		clear(c.entries)
	}
	c.entries[p.String()] = tallyEntry{at: now, tallys: ts}
	return ts, now, nil
}

// forget drops every cached month after the console changed a report.
func (c *tallyCache) forget() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}
