package inbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
)

// DispatcherConfig tunes a Dispatcher. The zero value works.
type DispatcherConfig struct {
	Workers int // handlers running at once, default 4
	// Batch is how many updates (of different chats) one worker handles
	// in one transaction, each in a savepoint of its own: default 16 on
	// SQLite, where one commit for many cuts the inbound path's cost by a
	// fifth, 1 on PostgreSQL (see NewDispatcher). A batch's replies leave
	// when it commits.
	Batch   int
	Idle    time.Duration // rescan interval when not poked, default 1s
	Logger  *slog.Logger
	Metrics *metrics.Set
	Now     func() time.Time // the process clock, for HandlerSeconds; default the store's
	// Apology, when set, runs in the transaction that marks a failed or
	// panicked update failed, e.g. to enqueue "sorry, please try again".
	// Its own failure is logged and does not undo the mark.
	Apology func(tx *models.Store, u *tgmodels.Update, reason string) error
	// DrainTimeout is how long Run waits at shutdown for handlers in
	// flight before cancelling their context; default 10s.
	DrainTimeout time.Duration
	// RetryBackoff is the first wait before retrying an update whose
	// transaction could not commit (database busy or down); it doubles up
	// to 30s. Default 1s.
	RetryBackoff time.Duration
	// OnDone, when set, runs after an update's transaction committed, e.g.
	// to wake the sender for the replies the handler wrote.
	OnDone func()
	// ScanLimit is how many pending updates one scan reads, default 1000.
	// A chat with a longer backlog than this can delay other chats' updates
	// until half of the snapshot is handled.
	ScanLimit int
}

// Dispatcher hands stored updates to a Handler: once each, in update_id
// order per chat, at most Workers at a time.
type Dispatcher struct {
	st   *models.Store
	h    Handler
	cfg  DispatcherConfig
	log  *slog.Logger
	poke chan struct{}
}

// NewDispatcher makes a dispatcher; Run starts it.
func NewDispatcher(st *models.Store, h Handler, cfg DispatcherConfig) *Dispatcher {
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 16
		if st.IsPostgres() {
			// Each savepoint that writes is a subtransaction, and past 64
			// of them in one transaction, released or not, PostgreSQL
			// slows every session; its commits are cheap anyway. One
			// update per transaction.
			cfg.Batch = 1
		}
	}
	if cfg.Idle <= 0 {
		cfg.Idle = time.Second
	}
	if cfg.Now == nil {
		cfg.Now = st.Now
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = 10 * time.Second
	}
	if cfg.RetryBackoff <= 0 {
		cfg.RetryBackoff = time.Second
	}
	if cfg.ScanLimit <= 0 {
		cfg.ScanLimit = 1000
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Dispatcher{st: st, h: h, cfg: cfg, log: log.With("component", "dispatcher"), poke: make(chan struct{}, 1)}
}

// Poke tells the dispatcher new updates were stored. It never blocks;
// pokes arriving while one is pending are merged.
func (d *Dispatcher) Poke() {
	select {
	case d.poke <- struct{}{}:
	default:
	}
}

// outcome is what became of one update's turn.
type outcome int

const (
	handled   outcome = iota // done, committed
	failed                   // marked failed, committed
	retryable                // still pending: the transaction did not commit
	skipped                  // not claimed: another replica has it or finished it
)

type result struct {
	row models.InboxUpdate
	out outcome
}

// batch is what a worker reports: the outcome of each update it was given.
type batch []result

// cancelGrace bounds how long Run waits for handlers after cancelling them.
const cancelGrace = 5 * time.Second

// Run dispatches until ctx is done, then waits for handlers in flight up
// to DrainTimeout, cancels the rest (their transactions roll back and the
// updates stay pending for the next start) and returns.
func (d *Dispatcher) Run(ctx context.Context) error {
	// Handlers get a context of their own so a shutdown lets them finish
	// and commit instead of failing them halfway.
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	q := newQueue(d.cfg.Workers*d.cfg.Batch, d.cfg.ScanLimit)
	results := make(chan batch, d.cfg.Workers) // never blocks a worker
	running := 0                               // workers (batches) in flight
	timer := time.NewTimer(d.cfg.Idle)
	defer timer.Stop()
	scan, scanFails := true, 0
	for {
		if ctx.Err() != nil {
			return d.drain(q, results, cancel)
		}
		if scan {
			scanFails = d.scan(ctx, q, scanFails)
		}
		// Backoff deadlines are real time, not the injected clock: they
		// drive real timers.
		for _, part := range q.batches(time.Now(), d.cfg.Workers-running, d.cfg.Batch) {
			running++
			go func() { results <- d.handle(hctx, part) }()
		}
		wake := q.wake(time.Now(), d.cfg.Idle)
		if scanFails > 0 {
			wake = backoff(d.cfg.RetryBackoff, scanFails)
		}
		timer.Reset(wake)
		select {
		case <-ctx.Done():
			return d.drain(q, results, cancel)
		case <-d.poke:
			scan = true
		case b := <-results:
			running--
			scan = d.settle(q, b)
		case <-timer.C:
			scan = true
		}
	}
}

// scan refreshes the snapshot of pending updates and returns the new count
// of consecutive scan failures. On failure the old snapshot stays: claims
// keep it safe to act on.
func (d *Dispatcher) scan(ctx context.Context, q *queue, fails int) int {
	rows, err := d.st.PendingUpdates(ctx, d.cfg.ScanLimit)
	if err != nil {
		if ctx.Err() == nil && fails == 0 {
			d.log.Warn("cannot scan the inbox; retrying", "error", err)
		}
		return fails + 1
	}
	if fails > 0 {
		d.log.Info("inbox scan works again", "failures", fails)
	}
	q.load(rows)
	return 0
}

// settle records a batch's finished turns and reports whether to rescan.
func (d *Dispatcher) settle(q *queue, b batch) bool {
	rescan := false
	for _, r := range b {
		switch r.out {
		case handled, failed:
			rescan = q.finished(r.row.ChatID, r.row.UpdateID) || rescan
		case retryable:
			q.retry(r.row.ChatID, time.Now(), d.cfg.RetryBackoff)
			if len(b) > 1 {
				// Which update kept the batch from committing is not
				// known: each goes alone until it commits, so one that
				// never can holds back only its own chat.
				q.alone(r.row.ChatID)
			}
		default:
			q.skipped(r.row.ChatID, time.Now(), d.cfg.Idle)
			rescan = true
		}
	}
	return rescan
}

// drain waits for handlers in flight, cancelling them after DrainTimeout.
func (d *Dispatcher) drain(q *queue, results <-chan batch, cancel context.CancelFunc) error {
	if q.inFlight() == 0 {
		return nil
	}
	d.log.Info("waiting for handlers to finish", "in_flight", q.inFlight())
	timer := time.NewTimer(d.cfg.DrainTimeout)
	defer timer.Stop()
	cancelled := false
	for q.inFlight() > 0 {
		select {
		case b := <-results:
			d.settle(q, b)
		case <-timer.C:
			if cancelled {
				return fmt.Errorf("dispatcher: %d handlers still running after cancel", q.inFlight())
			}
			d.log.Warn("handlers did not finish in time; cancelling them", "in_flight", q.inFlight())
			cancel()
			cancelled = true
			timer.Reset(cancelGrace)
		}
	}
	return nil
}

// errNotClaimed keeps a failed claim apart from a handler's own ErrNotFound.
var errNotClaimed = errors.New("update not claimable")

// handle gives a batch of updates (of different chats) their turns in
// one transaction: for each, claim, handle and mark done. A failing or
// panicking handler's writes are rolled back to its savepoint and its
// update is marked failed in the same transaction, so the claim is never
// let go and no other replica runs it in between; the other updates of
// the batch go on. An update another replica holds is skipped. When the
// transaction does not commit, every update of the batch stays pending.
func (d *Dispatcher) handle(ctx context.Context, rows []models.InboxUpdate) batch {
	out := make(batch, len(rows))
	for i, row := range rows {
		out[i] = result{row: row, out: handled}
	}
	reasons := make([]string, len(rows))
	err := d.st.Tx(ctx, func(tx *models.Store) error {
		for i, row := range rows {
			claimed, reason, err := d.turn(ctx, tx, row)
			if err != nil {
				return err
			}
			reasons[i] = reason
			if !claimed {
				out[i].out = skipped
			}
		}
		return nil
	})
	for i, row := range rows {
		log := d.log.With("update_id", row.UpdateID, "chat_id", row.ChatID)
		switch {
		case err != nil:
			out[i].out = d.account(row, "", err, log)
		case out[i].out == skipped:
			out[i].out = d.account(row, "", errNotClaimed, log)
		default:
			out[i].out = d.account(row, reasons[i], nil, log)
		}
	}
	return out
}

// turn is one update's part of a batch's transaction. It reports whether
// the update was claimed and, when its handler failed, why; an error
// undoes the whole batch.
func (d *Dispatcher) turn(ctx context.Context, tx *models.Store, row models.InboxUpdate) (bool, string, error) {
	if err := tx.ClaimUpdate(ctx, row.UpdateID); errors.Is(err, models.ErrNotFound) {
		return false, "", nil
	} else if err != nil {
		return false, "", err
	}
	u, herr := decode(row.Payload)
	if herr == nil {
		log := d.log.With("update_id", row.UpdateID, "chat_id", row.ChatID)
		herr = tx.Tx(ctx, func(sp *models.Store) error {
			return protect(log, "handler", func() error { return d.h(ctx, sp, u) })
		})
	}
	if herr == nil {
		return true, "", tx.FinishUpdate(ctx, row.UpdateID, models.InboxDone, "")
	}
	if ctx.Err() != nil {
		return true, "", herr // cut short by shutdown, not the update's fault: leave it pending
	}
	if errors.Is(herr, models.ErrTxLost) {
		return true, "", herr // the database dropped the batch: write nothing more, retry it
	}
	reason := herr.Error()
	if err := tx.FinishUpdate(ctx, row.UpdateID, models.InboxFailed, reason); err != nil {
		return true, "", err
	}
	if u != nil {
		d.apologise(ctx, tx, u, reason, d.log.With("update_id", row.UpdateID, "chat_id", row.ChatID))
	}
	return true, reason, nil
}

// account logs and counts how a turn ended.
func (d *Dispatcher) account(row models.InboxUpdate, reason string, err error, log *slog.Logger) outcome {
	switch {
	case errors.Is(err, errNotClaimed):
		log.Debug("update already handled or claimed by another replica; skipped")
		return skipped
	case err != nil:
		log.Warn("update left pending; will retry", "error", err)
		return retryable
	}
	secs := d.cfg.Now().Sub(row.ReceivedAt).Seconds()
	if d.cfg.OnDone != nil {
		d.cfg.OnDone()
	}
	if reason != "" {
		log.Warn("update failed", "reason", reason)
		countHandled(d.cfg.Metrics, "failed", secs)
		return failed
	}
	countHandled(d.cfg.Metrics, "done", secs)
	return handled
}

// apologise runs the Apology hook in a savepoint of its own: if it fails,
// only its writes are undone, not the failed mark — otherwise the update
// would stay pending and fail again forever.
func (d *Dispatcher) apologise(ctx context.Context, tx *models.Store, u *tgmodels.Update, reason string, log *slog.Logger) {
	if d.cfg.Apology == nil {
		return
	}
	err := tx.Tx(ctx, func(sp *models.Store) error {
		return protect(log, "apology", func() error { return d.cfg.Apology(sp, u, reason) })
	})
	if err != nil {
		log.Warn("cannot enqueue the apology", "error", err)
	}
}

func decode(payload string) (*tgmodels.Update, error) {
	var u tgmodels.Update
	if err := json.Unmarshal([]byte(payload), &u); err != nil {
		return nil, fmt.Errorf("decode stored update: %w", err)
	}
	return &u, nil
}
