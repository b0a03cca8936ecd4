package browsertest

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot"
	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/web"
	"net/http/httptest"
)

// world is one running Ganshi: database, fake Telegram, bot, console.
type world struct {
	t      *testing.T
	st     *models.Store
	fake   *telegramtest.Server
	web    *httptest.Server
	users  map[string]telegramtest.User
	cadres map[string]models.Cadre
	units  map[string]models.Unit
}

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// storyStart is Thursday 26 November 2026, 10:00 in Shanghai, days
// before November's deadline; the clock runs at real speed from there.
var storyStart = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)

func newWorld(t *testing.T) *world {
	t.Helper()
	began := time.Now()
	now := func() time.Time { return storyStart.Add(time.Since(began)) }
	st, err := models.Open(context.Background(), filepath.Join(t.TempDir(), "ganshi.db"), models.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, st: st, users: map[string]telegramtest.User{}, cadres: map[string]models.Cadre{}, units: map[string]models.Unit{}}
	w.fake = telegramtest.New(telegramtest.Options{Now: now})
	w.web = httptest.NewServer(nil)
	installSchedules(t, st)
	console, err := web.New(web.Options{Store: st, PublicURL: w.web.URL, Location: shanghai, Logger: testLogger(t), Scheduler: nextFires{},
		BotUsername: func(context.Context) (string, error) { return "ganshi_bot", nil }})
	if err != nil {
		t.Fatal(err)
	}
	w.web.Config.Handler = console
	stop := w.runBot(now)
	t.Cleanup(func() {
		stop()
		w.web.Close()
		w.fake.Close()
		st.Close()
	})
	w.seed()
	return w
}

// runBot runs the poller, the dispatcher with the real router, and the
// sender, as `ganshi serve` wires them.
func (w *world) runBot(now func() time.Time) func() {
	tg, err := telegram.New(w.fake.Token(), w.fake.URL(), 10*time.Second)
	if err != nil {
		w.t.Fatal(err)
	}
	router := bot.NewRouter(bot.Options{Location: shanghai, WebURL: w.web.URL})
	send := sender.New(w.st, tg, sender.Config{PerChat: 10 * time.Millisecond, Now: w.st.Now, Render: bot.Renderer(shanghai)})
	dispatch := inbox.NewDispatcher(w.st, router.Handle, inbox.DispatcherConfig{OnDone: send.Poke})
	poller := inbox.NewPoller(w.st, tg, inbox.PollerConfig{Holder: "browsertest", Timeout: time.Second, OnStored: dispatch.Poke})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, run := range []func(context.Context) error{send.Run, dispatch.Run, poller.Run} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = run(ctx)
		}()
	}
	return func() {
		cancel()
		wg.Wait()
	}
}

// testLogger sends warnings and errors to the test's log.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// installSchedules writes the default schedules, as serve does on its
// first start (no engine runs them here).
func installSchedules(t *testing.T, st *models.Store) {
	for _, sc := range jobs.Registry().Defaults() {
		sc.TZ = models.DefaultZone
		if _, err := st.EnsureSchedule(context.Background(), &sc); err != nil {
			t.Fatal(err)
		}
	}
}

// nextFires gives the 日程 page the engine's fire times, as cmd wires it.
type nextFires struct{}

func (nextFires) NextFires(spec, tz string, after time.Time, n int) ([]time.Time, error) {
	return jobs.NextFires(spec, tz, after, n)
}
