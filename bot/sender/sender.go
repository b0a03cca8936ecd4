package sender

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
)

// Telegram sends one message; *telegram.Client implements it. Errors must
// be go-telegram/bot's typed errors (possibly wrapped), with the token
// redacted.
type Telegram interface {
	Send(ctx context.Context, chatID int64, m telegram.Message) (int, error)
}

// Config tunes a Sender. The zero value gives Telegram's published limits.
type Config struct {
	Rate           float64       // messages per second overall; default 25; negative lifts the limit
	PerChat        time.Duration // min gap between two messages to one chat; default 1s
	GroupPerMinute int           // max messages per rolling minute to one group (chat id < 0); default 18
	Lease          time.Duration // how long claimed rows are held; default 2m
	Batch          int           // rows claimed at once; default 100
	MaxAttempts    int           // ambiguous failures tolerated before a row fails; default 12
	BaseBackoff    time.Duration // wait after the first ambiguous failure, doubling up to 5m; default 1s
	Idle           time.Duration // how often to look for work (while busy: for replies) when not poked; default 1s
	Now            func() time.Time
	Logger         *slog.Logger
	Metrics        *metrics.Set
	// Render turns a notification into the messages to send, in order,
	// just before it is sent; it may read the store to check that the
	// notification still applies. An error wrapping models.ErrLapsed
	// records the row as lapsed, one wrapping ErrUnrenderable fails it for
	// good, any other is retried like an ambiguous send. st is the read
	// pool (models.Store.Reads): a render writes nothing, and a long one
	// (the county's digest) never holds SQLite's one writer. Default:
	// Render for "text" notifications only.
	Render func(ctx context.Context, st *models.Store, n models.Notification) ([]telegram.Message, error)
}

const (
	// sendTimeout bounds one send. Sends are detached from Run's context
	// so that one in flight at shutdown finishes and is recorded.
	sendTimeout = 30 * time.Second
	// writeTimeout bounds one bookkeeping write, detached for the same reason.
	writeTimeout = 30 * time.Second
	// maxHold is how long a claimed row may wait in memory for its chat's
	// limits; longer waits go back to the database so the batch has room.
	maxHold = 5 * time.Second
)

func (c Config) withDefaults() Config {
	if c.Rate == 0 {
		c.Rate = 25
	}
	if c.PerChat == 0 {
		c.PerChat = time.Second
	}
	if c.GroupPerMinute == 0 {
		c.GroupPerMinute = 18
	}
	if c.Lease <= 0 {
		c.Lease = 2 * time.Minute
	}
	if c.Batch <= 0 {
		c.Batch = 100
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 12
	}
	if c.BaseBackoff <= 0 {
		c.BaseBackoff = time.Second
	}
	if c.Idle <= 0 {
		c.Idle = time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Render == nil {
		c.Render = func(_ context.Context, _ *models.Store, n models.Notification) ([]telegram.Message, error) {
			return Render(n)
		}
	}
	return c
}

// Sender drains the outbox. Create it with New and start Run once.
type Sender struct {
	st     *models.Store
	tg     Telegram
	cfg    Config
	log    *slog.Logger
	poke   chan struct{}
	lastOK atomic.Int64 // unix nanoseconds of the latest accepted send

	// Everything below belongs to Run's goroutine.
	lim       *limiter
	hold      time.Duration // see maxHold
	margin    time.Duration // a row goes back this long before its lease ends
	pool      []item        // claimed rows: fast ones first (see add), each part in claim order
	heads     map[int64]head
	barriers  map[int64]*barrier
	more      bool      // the outbox may hold due rows not yet claimed
	nextLook  time.Time // when to look for due rows without being poked
	replies   bool      // a reply may be waiting in the outbox (poked)
	nextReply time.Time // when claimReplies looks without being poked
	timer     *time.Timer

	unrecorded      []sent    // see record.go
	unrecordedSince time.Time // when the oldest of them was sent
}

// item is a claimed row with its rendered parts (nil until its turn).
type item struct {
	n     models.Notification
	parts []telegram.Message
	lease time.Time
}

// New makes a Sender; it does not touch the database or Telegram.
func New(st *models.Store, tg Telegram, cfg Config) *Sender {
	cfg = cfg.withDefaults()
	return &Sender{
		st:       st,
		tg:       tg,
		cfg:      cfg,
		log:      cfg.Logger,
		poke:     make(chan struct{}, 1),
		lim:      newLimiter(cfg.Rate, cfg.PerChat, cfg.GroupPerMinute),
		hold:     min(maxHold, cfg.Lease/4),
		margin:   cfg.Lease / 4,
		heads:    make(map[int64]head),
		barriers: make(map[int64]*barrier),
	}
}

// Poke tells the sender that something was enqueued, so it looks at once
// instead of at its next idle check. It never blocks.
func (s *Sender) Poke() {
	select {
	case s.poke <- struct{}{}:
	default:
	}
}

// LastSuccess is when Telegram last accepted a message from this sender;
// the zero time if never. Safe to call from any goroutine (/healthz).
func (s *Sender) LastSuccess() time.Time {
	ns := s.lastOK.Load()
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns)
}

// Run sends until ctx is done, then hands the rows it claimed but did not
// send back to the outbox and returns nil. Database and Telegram errors
// are logged and retried, never returned.
func (s *Sender) Run(ctx context.Context) error {
	s.timer = time.NewTimer(time.Hour)
	defer s.timer.Stop()
	defer s.releaseAll(ctx)
	s.more = true
	for ctx.Err() == nil {
		if wake, idle := s.step(ctx); idle {
			s.wait(ctx, wake)
		}
	}
	return nil
}

// step does the next thing there is to do: take waiting replies, send the
// row whose time has come, or top the pool up. When nothing can be done
// before some time, it returns that time and idle.
func (s *Sender) step(ctx context.Context) (wake time.Time, idle bool) {
	s.takePoke()
	s.claimReplies(ctx)
	now := s.cfg.Now()
	pick, at := s.plan(ctx, now)
	if pick >= 0 && !at.After(now) {
		s.send(ctx, pick)
		return time.Time{}, false
	}
	// Nothing may go yet. Other database work happens here, in time that
	// is spent waiting anyway, so it never delays a send past its slot.
	if s.wantRows(pick, now) && s.claim(ctx, now) > 0 {
		return time.Time{}, false
	}
	return s.wakeAt(pick, at, now), true
}

// wantRows tells whether topping the pool up could help: it is half
// empty, or its best row waits for its own chat, so rows for other chats
// might go sooner.
func (s *Sender) wantRows(pick int, now time.Time) bool {
	switch {
	case len(s.pool) >= s.cfg.Batch:
		return false
	case pick < 0 || len(s.pool) <= s.cfg.Batch/2:
		return true
	}
	return s.lim.chatReady(s.pool[pick].n.ChatID).After(now)
}

func (s *Sender) takePoke() {
	select {
	case <-s.poke:
		s.more, s.replies = true, true
	default:
	}
}

// claim tops the pool up from the outbox when there may be due rows and no
// 429 pause is on. It returns how many rows it claimed.
func (s *Sender) claim(ctx context.Context, now time.Time) int {
	if (!s.more && now.Before(s.nextLook)) || s.lim.pausedUntil().After(now) {
		return 0
	}
	limit := s.cfg.Batch - len(s.pool)
	if limit <= 0 {
		return 0
	}
	s.flushSent(ctx)
	rows, err := s.st.ClaimNotifications(ctx, limit, s.cfg.Lease)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("claim notifications", "error", err)
		}
		s.more, s.nextLook = false, now.Add(s.cfg.Idle)
		return 0
	}
	s.more = len(rows) == limit
	if !s.more {
		// Every due row was taken, replies first.
		s.nextLook, s.replies, s.nextReply = now.Add(s.cfg.Idle), false, now.Add(s.cfg.Idle)
	}
	s.admitAll(ctx, rows, now)
	return len(rows)
}

// wakeAt is when the loop has something to do again: the chosen row's
// time, or the next look for new rows if that comes first and there is
// room for them, or the next look for replies. A wake time that is not
// after now would be a logic slip; it becomes a millisecond rather than a
// busy spin.
func (s *Sender) wakeAt(pick int, at, now time.Time) time.Time {
	pause := s.lim.pausedUntil()
	look := later(s.nextLook, pause)
	wake := at
	if pick < 0 || (look.After(now) && look.Before(at) && len(s.pool) < s.cfg.Batch) {
		wake = look
	}
	if reply := later(s.nextReply, pause); pick >= 0 && reply.Before(wake) {
		wake = reply
	}
	if !wake.After(now) {
		wake = now.Add(time.Millisecond)
	}
	return wake
}

// wait blocks until wake, or until poked or stopped. Sends not yet
// recorded are recorded first, so an idle sender holds nothing
// unrecorded; the timer is set after that, so the write does not make the
// next send late.
func (s *Sender) wait(ctx context.Context, wake time.Time) {
	s.flushSent(ctx)
	d := wake.Sub(s.cfg.Now())
	if d <= 0 {
		return
	}
	s.timer.Reset(d)
	select {
	case <-ctx.Done():
	case <-s.poke:
		s.more, s.replies = true, true
	case <-s.timer.C:
	}
	s.timer.Stop()
}

// releaseAll hands every row still claimed back to the outbox, due at once.
func (s *Sender) releaseAll(ctx context.Context) {
	s.flushSent(ctx)
	if len(s.pool) == 0 {
		return
	}
	ids := make([]int64, len(s.pool))
	for i, it := range s.pool {
		ids[i] = it.n.ID
	}
	s.pool = nil
	err := s.write(ctx, func(ctx context.Context) error { return s.st.Release(ctx, ids) })
	if err != nil {
		s.log.Error("release claimed notifications; they return when their lease ends",
			"count", len(ids), "error", err)
	}
}

// write runs one bookkeeping write detached from ctx: what Telegram did
// must be recorded even while Run is stopping. Queued sends are recorded
// first, so writes reach the database in the order things happened.
func (s *Sender) write(ctx context.Context, fn func(context.Context) error) error {
	s.flushSent(ctx)
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
	defer cancel()
	return fn(wctx)
}

func (s *Sender) count(result string) {
	if s.cfg.Metrics != nil {
		s.cfg.Metrics.Sends.Inc(result)
	}
}
