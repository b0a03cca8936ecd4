package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
)

// A token Telegram refuses stops serve at once with exit status 2 and a
// message naming the variable; nothing is started, not even the database.
func TestServeStopsOnARefusedToken(t *testing.T) {
	fake := telegramtest.New(telegramtest.Options{})
	defer fake.Close()
	db := filepath.Join(t.TempDir(), "ganshi.db")
	wrong := "654321:WRONG-wrong-wrong-wrong-wrong-wrong-x"
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out strings.Builder
	err := run(ctx, []string{"serve"}, env("GANSHI_TELEGRAM_TOKEN", wrong, "GANSHI_TELEGRAM_API_URL", fake.URL(),
		"GANSHI_DB", db, "GANSHI_HTTP_ADDR", "127.0.0.1:0"), &out, &out)
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "GANSHI_TELEGRAM_TOKEN") || !strings.Contains(err.Error(), "401") {
		t.Fatalf("serve with a refused token: %v, want a usage error (exit 2) naming GANSHI_TELEGRAM_TOKEN", err)
	}
	if strings.Contains(err.Error()+out.String(), "WRONG-wrong") {
		t.Errorf("the token appears in the output: %v\n%s", err, out.String())
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("serve created the database before the token was accepted: %v", err)
	}
}

// Telegram failing for a while (5xx) is waited out: getMe is asked again
// until it answers, each failure logged.
func TestCheckBotRetriesUntilTelegramAnswers(t *testing.T) {
	fake := telegramtest.New(telegramtest.Options{})
	defer fake.Close()
	fake.Inject(telegramtest.Fault{Method: "getMe", Status: 502, Count: 2})
	tg, err := telegram.New(fake.Token(), fake.URL(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	log, warns := countingLogger()
	if err := checkBot(context.Background(), tg, log, fake.URL(), "en", time.Millisecond); err != nil {
		t.Fatalf("checkBot: %v", err)
	}
	if n := fake.Requests("getMe"); n != 3 {
		t.Errorf("getMe asked %d times, want 3 (two failures, then the answer)", n)
	}
	if warns.Load() != 2 {
		t.Errorf("%d warnings logged, want one per failure (2)", warns.Load())
	}
}

// With no network at all checkBot keeps trying (and logging) until serve is
// stopped; it never gives up silently nor claims success.
func TestCheckBotWithoutNetworkWaitsForShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	tg, err := telegram.New(telegramtest.DefaultToken, closed, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	log, warns := countingLogger()
	ctx, cancel := context.WithCancel(context.Background())
	warns.after(3, cancel)
	if err := checkBot(ctx, tg, log, closed, "en", time.Millisecond); !errors.Is(err, context.Canceled) {
		t.Fatalf("checkBot without network: %v, want it to wait until cancelled", err)
	}
}

// countingLogger counts warnings logged through it.
func countingLogger() (*slog.Logger, *warnCount) {
	w := &warnCount{}
	return slog.New(countHandler{w}), w
}

// warnCount counts warnings and can call a function at the nth.
type warnCount struct {
	atomic.Int64
	at atomic.Int64
	fn atomic.Pointer[func()]
}

func (w *warnCount) after(n int64, fn func()) { w.at.Store(n); w.fn.Store(&fn) }

type countHandler struct{ w *warnCount }

func (h countHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h countHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Level == slog.LevelWarn {
		if n := h.w.Add(1); n == h.w.at.Load() {
			(*h.w.fn.Load())()
		}
	}
	return nil
}
func (h countHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h countHandler) WithGroup(string) slog.Handler      { return h }
