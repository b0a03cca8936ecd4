package main

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
)

type health struct {
	Database       string   `json:"database"`
	Schema         int      `json:"schema_version"`
	LastPollAgeSec *float64 `json:"last_poll_age_seconds"`
	LastSendAgeSec *float64 `json:"last_send_age_seconds"`
}

// healthHandler answers 200 when the database answers, 503 otherwise, with
// how long ago this process last polled and sent (null: not this
// replica's job, or nothing yet).
func (a *app) healthHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		h := health{Database: "ok"}
		status := http.StatusOK
		v, err := a.st.SchemaVersionNow(ctx)
		if err != nil {
			h.Database, status = "unreachable", http.StatusServiceUnavailable
			a.log.Warn("health check: database unreachable", "error", err)
		}
		h.Schema = v
		h.LastPollAgeSec = age(a.poller.LastPoll())
		h.LastSendAgeSec = age(a.send.LastSuccess())
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(h)
	})
}

func age(t time.Time) *float64 {
	if t.IsZero() {
		return nil
	}
	s := time.Since(t).Seconds()
	return &s
}

func metricsHandler(reg *metrics.Registry) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		reg.WriteText(w)
	})
}

// registerGauges exposes the backlogs (pending updates, notifications
// pending or being sent), read at scrape time through the status indexes
// (models.Store.Backlog): a scrape costs the same however much history is
// kept. What finished is counted in memory by the counters.
func registerGauges(reg *metrics.Registry, st *models.Store) {
	gauge := func(pick func(in, out map[string]int64) map[string]int64) func() map[string]float64 {
		return func() map[string]float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			in, out, err := st.Backlog(ctx)
			counts := map[string]float64{}
			if err != nil {
				return counts
			}
			for k, v := range pick(in, out) {
				counts[k] = float64(v)
			}
			return counts
		}
	}
	reg.GaugeFunc("ganshi_outbox_notifications", "Outbox notifications not finished, by status (pending = outbox depth).", "status",
		gauge(func(_, out map[string]int64) map[string]int64 { return out }))
	reg.GaugeFunc("ganshi_inbox_updates", "Inbox updates not handled yet.", "status",
		gauge(func(in, _ map[string]int64) map[string]int64 { return in }))
}
