package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// demoStart is the moment the demo's story begins: Thursday 26 November
// 2026, 10:00 in Shanghai, two days before November's deadline.
var demoStart = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)

// runDemo plays a scripted story against an in-process fake Bot API
// server and a temporary database, and prints the chat transcript. It needs
// no token and no network.
func runDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cli := cliLang(getenv) // the global --lang, taken out by run
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	lang := fs.String("lang", cli, texts.T(cli, "cli_demo_flag_lang"))
	keepBoard := fs.Bool("board", false, texts.T(cli, "cli_demo_flag_board"))
	setUsage(fs, stderr, cli, "cli_demo_usage")
	if _, err := parseArgs(fs, args, cli); err != nil {
		return err
	}
	if *lang != "zh" && *lang != "en" {
		return usagef("demo: --lang must be zh or en, got %q", *lang)
	}
	dir, err := os.MkdirTemp("", "ganshi-demo-")
	if err != nil {
		return fmt.Errorf("demo: temporary directory: %w", err)
	}
	defer os.RemoveAll(dir)

	fake := telegramtest.New(telegramtest.Options{})
	defer fake.Close()
	d, err := startDemo(ctx, fake, filepath.Join(dir, "demo.db"), stdout, *lang)
	if err != nil {
		return err
	}
	defer d.stop()
	if err := playDemo(ctx, d); err != nil {
		return err
	}
	if d.closeBoard != nil {
		defer d.closeBoard()
	}
	if *keepBoard && d.boardURL != "" {
		fmt.Fprintln(stdout, texts.T(cli, "cli_demo_board_open", d.boardURL))
		<-ctx.Done()
	}
	return nil
}

// startDemo runs the real serve wiring against the fake server. Its clock
// starts at demoStart and runs at real speed, so deadlines in the story
// are always the same.
func startDemo(ctx context.Context, fake *telegramtest.Server, dbPath string, w io.Writer, lang string) (*demo, error) {
	began := time.Now()
	var skipped atomic.Int64 // how far the story jumped ahead, in nanoseconds
	now := func() time.Time { return demoStart.Add(time.Since(began) + time.Duration(skipped.Load())) }
	st, err := models.Open(ctx, dbPath, models.Options{Now: now})
	if err != nil {
		return nil, err
	}
	tg, err := telegram.New(fake.Token(), fake.URL(), 10*time.Second)
	if err != nil {
		st.Close()
		return nil, err
	}
	loc, _ := time.LoadLocation(models.DefaultZone)
	cfg := config{HTTPAddr: "127.0.0.1:0", SendRate: 25, TZ: loc, perChat: 20 * time.Millisecond}
	runCtx, cancel := context.WithCancel(ctx)
	d := &demo{fake: fake, st: st, w: w, lang: lang, loc: loc, cancel: cancel, done: make(chan struct{}), names: map[int64]string{},
		jump: func(to time.Time) { skipped.Add(int64(to.Sub(now()))) }}
	app := newApp(st, tg, cfg, demoLogger())
	go func() {
		defer close(d.done)
		_ = app.serve(runCtx)
	}()
	return d, nil
}

func (d *demo) stop() {
	d.cancel()
	<-d.done
	d.st.Close()
}

func demoLogger() *slog.Logger {
	if os.Getenv("GANSHI_DEMO_DEBUG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}
