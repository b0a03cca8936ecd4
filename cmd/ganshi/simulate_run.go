package main

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/ganshi/ganshi/bot"
	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
)

// sim is one simulation: the real scheduler, router and sender over a
// scratch database, the fake Telegram, the people and what they were sent.
type sim struct {
	o      simOptions
	loc    *time.Location
	clock  *simClock
	st     *models.Store
	cal    models.Calendar
	router *bot.Router
	fake   *telegramtest.Server
	tg     *telegram.Client
	send   *sender.Sender
	stir   chan struct{} // the sender read its clock: it may have finished a round
	errs   *errorLog     // what the scheduler and the sender logged as errors
	rng    *rand.Rand

	people []*person
	byChat map[int64]*person
	groups map[int64]string // group chat → unit name

	actions []action
	seq     int
	offset  int64   // getUpdates offset
	actor   *person // whose update is being handled; nil while jobs run

	seen      int64 // highest notification id recorded
	log       []*delivery
	unsettled map[int64]*delivery // written, neither sent nor given up yet
	newBound  int
}

// simulate runs the whole simulation and returns what happened.
func simulate(ctx context.Context, o simOptions) (*simResult, error) {
	s := &sim{o: o, loc: o.loc, clock: &simClock{}, stir: make(chan struct{}, 1), errs: &errorLog{}, rng: newRand(o.seed),
		byChat: map[int64]*person{}, groups: map[int64]string{}, unsettled: map[int64]*delivery{}}
	// Setup happens a quarter before the window, so the people are on
	// the roster and bound before the months the window looks back on.
	s.clock.Set(o.from.AddDate(0, -3, 0))
	st, closeScratch, err := openScratch(ctx, o, s.clock)
	if err != nil {
		return nil, err
	}
	defer closeScratch()
	s.st = st
	s.fake = telegramtest.New(telegramtest.Options{Now: s.clock.Now})
	defer s.fake.Close()
	if err := s.setUp(ctx); err != nil {
		return nil, err
	}
	stop := s.startSender(ctx)
	err = s.loop(ctx)
	if serr := stop(); err == nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}
	return s.result(ctx)
}

// setUp wires the parts over the scratch database and the people into it.
func (s *sim) setUp(ctx context.Context) error {
	cal, err := s.st.LoadCalendar(ctx)
	if err != nil {
		return err
	}
	s.cal = cal
	// The schedules stand as they are from the window's first second:
	// no fire before it is caught up, none of it is missed.
	err = s.st.DB().WithContext(ctx).Model(&models.Schedule{}).Where("1 = 1").
		Update("changed_at", s.o.from.Add(-time.Second).UTC()).Error
	if err != nil {
		return fmt.Errorf("schedules: %w", err)
	}
	quiet := slog.New(slog.DiscardHandler)
	s.router = bot.NewRouter(bot.Options{Logger: quiet, Location: s.loc, Scheduler: chatScheduler{loc: s.loc, log: quiet}})
	if s.tg, err = telegram.New(s.fake.Token(), s.fake.URL(), 10*time.Second); err != nil {
		return err
	}
	if s.newBound, err = s.bindEveryone(ctx); err != nil {
		return fmt.Errorf("bind the people: %w", err)
	}
	s.assignProfiles()
	if err := s.planReports(ctx); err != nil {
		return fmt.Errorf("the months before the window: %w", err)
	}
	s.clock.Set(s.o.from)
	return nil
}

// startSender runs the real sender on the simulated clock. Its flood
// limits are lifted (a negative rate is documented as no limit; a
// negative gap per chat and count per group are none to the limiter).
// The clock stands still while the outbox drains, so every wait the
// limiter asks for would be spent in real time — a second per reply to
// one chat, a month in real minutes — and a wait for a gap on a clock
// that stands still would never end. At Telegram's 25 messages a second
// the limits only spread one fan-out over a few seconds, below the minute
// the report shows. Every clock read stirs the drain loop, which then
// looks whether the outbox is empty.
func (s *sim) startSender(ctx context.Context) (stop func() error) {
	now := func() time.Time {
		select {
		case s.stir <- struct{}{}:
		default:
		}
		return s.clock.Now()
	}
	s.send = sender.New(s.st, s.tg, sender.Config{
		Rate: -1, PerChat: -1, GroupPerMinute: -1, // lifted, see above
		Now: now, Logger: slog.New(s.errs), Render: bot.Renderer(s.loc),
	})
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- s.send.Run(runCtx) }()
	return func() error {
		cancel()
		return <-done
	}
}
