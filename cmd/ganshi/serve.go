package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot"
	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
)

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseServeConfig(args, getenv, stderr)
	if err != nil {
		return err
	}
	now, err := processClock(getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	for _, w := range cfg.warnings() {
		log.Warn(w)
	}
	tg, err := telegram.New(cfg.Token, cfg.APIURL, 30*time.Second)
	if err != nil {
		return failT(cfg.lang, "cli_serve_failed", err)
	}
	if err := checkBot(ctx, tg, log, cfg.APIURL, cfg.lang, time.Second); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil // stopped before it started: a clean shutdown
		}
		return err
	}
	key, err := reviewKey(getenv, cfg.DB)
	if err != nil {
		return failT(cfg.lang, "cli_serve_db_failed", err)
	}
	st, err := models.Open(ctx, cfg.DB, models.Options{Logger: log, Now: now, ReviewKey: key})
	if err != nil {
		return failT(cfg.lang, "cli_serve_db_failed", err)
	}
	defer st.Close()
	app := newApp(st, tg, cfg, log)
	return app.serve(ctx)
}

// app is one running ganshi process: its parts and how they are wired.
type app struct {
	cfg      config
	log      *slog.Logger
	st       *models.Store
	tg       *telegram.Client
	holder   string
	met      *metrics.Set
	send     *sender.Sender
	dispatch *inbox.Dispatcher
	poller   *inbox.Poller
	engine   *jobs.Engine
	// closeBoards ends the live boards' streams at shutdown (nil: no console).
	closeBoards func()
}

func newApp(st *models.Store, tg *telegram.Client, cfg config, log *slog.Logger) *app {
	a := &app{cfg: cfg, log: log, st: st, tg: tg, holder: models.NewHolder(), met: metrics.NewSet()}
	router := bot.NewRouter(bot.Options{Logger: log, Location: cfg.TZ, Scheduler: chatScheduler{loc: cfg.TZ, log: log}, WebURL: cfg.PublicURL})
	a.engine = engineFor(st, cfg.TZ, log)
	a.send = sender.New(st, tg, sender.Config{Rate: cfg.SendRate, PerChat: cfg.perChat, Now: st.Now, Logger: log, Metrics: a.met, Render: bot.Renderer(cfg.TZ)})
	a.dispatch = inbox.NewDispatcher(st, router.Handle, inbox.DispatcherConfig{
		Logger: log, Metrics: a.met, OnDone: a.send.Poke,
		Apology: func(tx *models.Store, u *tgmodels.Update, reason string) error {
			return router.Apology(context.Background(), tx, u, reason)
		},
	})
	a.poller = inbox.NewPoller(st, tg, inbox.PollerConfig{
		Holder: a.holder, Logger: log, Metrics: a.met, OnStored: a.dispatch.Poke,
	})
	registerGauges(a.met.Registry, st)
	return a
}

// serve runs until ctx ends, then stops taking work, lets handlers finish
// and returns.
func (a *app) serve(ctx context.Context) error {
	if err := bot.InstallMenus(ctx, a.st); err != nil {
		return failT(a.cfg.lang, "cli_serve_failed", err)
	}
	if err := installSchedules(ctx, a.st, a.cfg.TZ); err != nil {
		return failT(a.cfg.lang, "cli_serve_failed", err)
	}
	mux, err := a.httpMux()
	if err != nil {
		return err
	}
	webhook := a.cfg.WebhookURL != ""
	ln, err := net.Listen("tcp", a.cfg.HTTPAddr)
	if err != nil {
		return failT(a.cfg.lang, "cli_listen_failed", err, a.cfg.HTTPAddr)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	if a.closeBoards != nil {
		srv.RegisterOnShutdown(a.closeBoards) // open boards would hold Shutdown up
	}
	a.log.Info("ganshi serving", "http_addr", ln.Addr().String(), "webhook", webhook, "holder", a.holder)

	var wg sync.WaitGroup
	goRun := func(name string, fn func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(ctx); err != nil && !errors.Is(err, context.Canceled) {
				a.log.Error(name+" stopped", "error", err)
			}
		}()
	}
	goRun("http", func(context.Context) error {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	goRun("dispatcher", a.dispatch.Run)
	goRun("retention", a.prune)
	// Every replica ticks: the run ledger lets each fire run once.
	goRun("scheduler", a.engine.Run)
	goRun("sender", func(ctx context.Context) error {
		return models.NewLeased(a.st, "telegram-sender", a.holder, 30*time.Second, a.log).Run(ctx, a.sendAsLeader)
	})
	if webhook {
		goRun("webhook setup", a.setWebhook)
	} else {
		goRun("poller", a.poll)
	}

	<-ctx.Done()
	a.log.Info("ganshi stopping: no new updates, finishing handlers in flight")
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutCtx)
	wg.Wait()
	a.log.Info("ganshi stopped")
	return nil
}

// httpMux routes /healthz, /metrics, the webhook (when configured) and,
// on every other path, the web console (when GANSHI_PUBLIC_URL is set).
func (a *app) httpMux() (*http.ServeMux, error) {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", a.healthHandler())
	mux.Handle("GET /metrics", metricsHandler(a.met.Registry))
	if a.cfg.WebhookURL != "" {
		u, _ := url.Parse(a.cfg.WebhookURL)
		mux.Handle(u.Path, inbox.NewWebhook(a.st, a.cfg.WebhookSecret, a.log, a.met, a.dispatch.Poke))
	}
	console, err := a.webConsole()
	if err != nil {
		return nil, err
	}
	if console != nil {
		mux.Handle("/", console) // every path the routes above do not claim
	}
	return mux, nil
}

// sendAsLeader runs the sender once this replica holds the sender lease,
// first taking back what a previous sender had claimed when it died.
func (a *app) sendAsLeader(ctx context.Context) error {
	if n, err := a.st.ReleaseAll(ctx); err != nil {
		return err
	} else if n > 0 {
		a.log.Info("took back notifications claimed by a previous sender", "count", n)
	}
	return a.send.Run(ctx)
}

// poll removes a webhook left by an earlier deployment (it would make
// getUpdates fail) and runs the poller. Pending updates are kept.
func (a *app) poll(ctx context.Context) error {
	if _, err := a.tg.API().DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
		a.log.Warn("could not delete webhook before polling", "error", a.tg.Redact(err))
	}
	return a.poller.Run(ctx)
}

func (a *app) setWebhook(ctx context.Context) error {
	_, err := a.tg.API().SetWebhook(ctx, &tgbot.SetWebhookParams{URL: a.cfg.WebhookURL, SecretToken: a.cfg.WebhookSecret})
	if err != nil {
		return fmt.Errorf("set webhook: %w", a.tg.Redact(err))
	}
	return nil
}
