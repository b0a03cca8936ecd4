package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/ganshi/ganshi/models"
)

// simClock is the simulation's one clock. It moves only when the
// simulation moves it; every part reads it.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *simClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *simClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t.UTC()
	c.mu.Unlock()
}

// maxStep bounds a jump of the clock well inside the scheduler's grace
// window (6 h), so every fire is caught up, never recorded as missed.
const maxStep = 3 * time.Hour

// loop moves the clock from event to event — a held message coming due, a
// person's planned action, a schedule's fire that writes something, the
// start of a day — to the window's end, and settles everything each event
// causes before moving on.
func (s *sim) loop(ctx context.Context) error {
	end := s.o.to.Add(-time.Second) // fires at the next midnight belong to the next day
	last, at := s.o.from.Add(-time.Second), s.o.from
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		stop, err := s.tick(ctx, last, at)
		if err != nil {
			return err
		}
		if !stop.IsZero() {
			at = stop
			continue
		}
		if err := s.settle(ctx); err != nil {
			return err
		}
		for a, ok := s.takeAction(at); ok; a, ok = s.takeAction(at) {
			if err := a.do(ctx, s, a.who); err != nil {
				return fmt.Errorf("%s, %s: %w", a.who.c.Name, at.In(s.loc).Format("2006-01-02 15:04"), err)
			}
		}
		if err := s.errs.err(); err != nil {
			return err
		}
		if !at.Before(end) {
			return nil
		}
		last = at
		if at, err = s.next(ctx, at, end); err != nil {
			return err
		}
	}
}

// errTooFar undoes a tick that ran past a fire which wrote something.
var errTooFar = errors.New("a fire before the tick's time wrote notifications")

// tick runs the real scheduler at to, which runs every fire in (from, to]
// as a restarted server catches up, in one transaction. If a fire before
// to wrote notifications, the transaction is undone and that fire's time
// returned: the clock must stop there, so its messages carry their true
// time. Between events nothing else changes, so the fires before it write
// nothing either way. A fresh engine keeps no memory of undone fires.
func (s *sim) tick(ctx context.Context, from, to time.Time) (stop time.Time, err error) {
	s.clock.Set(to)
	err = s.st.Tx(ctx, func(tx *models.Store) error {
		eng := engineFor(tx, s.loc, slog.New(s.errs)) // the store runs on the simulated clock
		if err := eng.Tick(ctx); err != nil {
			return err
		}
		var first models.RunRecord
		err := tx.DB().WithContext(ctx).Where("produced > 0 AND fire_at > ? AND fire_at < ?", from.UTC(), to.UTC()).
			Order("fire_at").Limit(1).Find(&first).Error
		if err == nil && first.ID != 0 {
			stop = first.FireAt
			return errTooFar
		}
		return err
	})
	if errors.Is(err, errTooFar) {
		return stop, nil
	}
	return time.Time{}, err
}

// next is the next moment the clock must stop after now: a planned action,
// a held message coming due, the next local midnight (a job's "today"
// must not change inside a jump), or maxStep ahead; at most end.
func (s *sim) next(ctx context.Context, now, end time.Time) (time.Time, error) {
	next := end
	earlier := func(t time.Time) {
		if !t.IsZero() && t.After(now) && t.Before(next) {
			next = t
		}
	}
	l := now.In(s.loc)
	earlier(now.Add(maxStep))
	earlier(time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, s.loc))
	due, err := s.st.NextDue(ctx)
	if err != nil {
		return next, err
	}
	earlier(due)
	for _, a := range s.actions {
		earlier(a.at)
	}
	return next, nil
}

// errStuck means the sender stopped before the outbox was empty.
var errStuck = errors.New("the sender did not deliver the due messages within a minute")

// settle records what the last step wrote, lets the sender deliver all
// that is due now, and records and acts on what was delivered.
func (s *sim) settle(ctx context.Context) error {
	if err := s.collect(ctx); err != nil {
		return err
	}
	s.send.Poke()
	// Real time bounds the wait only as a safeguard against a stuck
	// sender; progress comes from the sender's own clock reads.
	limit := time.NewTimer(time.Minute)
	defer limit.Stop()
	for {
		done, err := s.drained(ctx)
		if err != nil || done {
			if err == nil {
				err = s.resolve(ctx)
			}
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-limit.C:
			return errStuck
		case <-s.stir:
		}
	}
}

// drained tells whether nothing due now is waiting or being sent. Both
// reads see one snapshot: between two separate reads the sender could
// move a row from pending to sending and hide it from both. Both use the
// outbox's (status, next attempt) index: a month's outbox is not counted
// over and over.
func (s *sim) drained(ctx context.Context) (bool, error) {
	var busy bool
	err := s.st.Tx(ctx, func(tx *models.Store) error {
		var sending []models.Notification
		if err := tx.DB().WithContext(ctx).Select("id").Where("status = ?", models.OutboxSending).Limit(1).Find(&sending).Error; err != nil {
			return err
		}
		due, err := tx.NextDue(ctx)
		busy = len(sending) > 0 || (!due.IsZero() && !due.After(s.clock.Now()))
		return err
	})
	return !busy, err
}

// errorLog keeps what the scheduler and the sender log at error level: in
// a simulation each is a failure to report, not to log and carry on past.
type errorLog struct {
	mu    sync.Mutex
	first string
}

func (h *errorLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }

func (h *errorLog) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.first == "" {
		var b strings.Builder
		b.WriteString(r.Message)
		r.Attrs(func(a slog.Attr) bool {
			fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
			return true
		})
		h.first = b.String()
	}
	return nil
}

func (h *errorLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *errorLog) WithGroup(string) slog.Handler      { return h }

func (h *errorLog) err() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.first == "" {
		return nil
	}
	return errors.New(h.first)
}
