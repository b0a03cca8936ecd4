package sender_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// textMark starts every test text, so the log check can find leaked ones.
const textMark = "msgtext-"

// eachStore runs fn on SQLite and, when GANSHI_TEST_POSTGRES is set, on
// PostgreSQL. Both use the real clock: the store, the sender and the fake
// server must agree on time, and the sender's waits are real timers.
func eachStore(t *testing.T, fn func(t *testing.T, st *models.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, modelstest.SQLite(t, time.Now)) })
	if modelstest.PostgresDSN() != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, modelstest.Postgres(t, time.Now)) })
	}
}

type env struct {
	t    *testing.T
	st   *models.Store
	srv  *telegramtest.Server
	tg   *telegram.Client
	met  *metrics.Set
	logs *lockedBuffer
}

// newEnv starts a fake Bot API (with Telegram's flood limits enforced
// unless opts says otherwise via noLimits) and the real client for it.
func newEnv(t *testing.T, st *models.Store, opts telegramtest.Options) *env {
	t.Helper()
	srv := telegramtest.New(opts)
	t.Cleanup(srv.Close)
	tg, err := telegram.New(srv.Token(), srv.URL(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, srv: srv, tg: tg, met: metrics.NewSet(), logs: &lockedBuffer{}}
	t.Cleanup(e.checkLogs)
	return e
}

func limits() telegramtest.Options { return telegramtest.Options{EnforceLimits: true} }

// checkLogs fails the test if a log line above debug carries a message
// text or the token, and shows the log when the test failed.
func (e *env) checkLogs() {
	out := e.logs.String()
	if e.t.Failed() {
		e.t.Logf("sender log:\n%s", out)
	}
	if strings.Contains(out, textMark) {
		e.t.Errorf("message text logged above debug:\n%s", out)
	}
	if strings.Contains(out, e.srv.Token()) {
		e.t.Errorf("token logged:\n%s", out)
	}
}

func (e *env) users(ids ...int64) {
	for _, id := range ids {
		e.srv.AddUser(telegramtest.User{ID: id, FirstName: "U"})
	}
}

// enqueue writes a text notification and returns its id.
func (e *env) enqueue(chat int64, key string, m telegram.Message) int64 {
	e.t.Helper()
	payload, err := json.Marshal(m)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.enqueueRaw(chat, key, sender.KindText, string(payload))
}

func (e *env) enqueueRaw(chat int64, key, kind, payload string) int64 {
	e.t.Helper()
	n := &models.Notification{ChatID: chat, Kind: kind, Payload: payload, DedupKey: key}
	if ok, err := e.st.Enqueue(context.Background(), n); err != nil || !ok {
		e.t.Fatalf("enqueue %s: %v %v", key, ok, err)
	}
	return n.ID
}

func (e *env) text(chat int64, key string) int64 {
	return e.enqueue(chat, key, telegram.Message{Text: textMark + key})
}

// config is a Config for tests: quick to notice new rows, logging above
// debug into e.logs, counting into e.met.
func (e *env) config() sender.Config {
	return sender.Config{
		Idle:    20 * time.Millisecond,
		Logger:  slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
		Metrics: e.met,
	}
}

func (e *env) row(id int64) models.Notification {
	e.t.Helper()
	n, err := e.st.GetNotification(context.Background(), id)
	if err != nil {
		e.t.Fatalf("get notification %d: %v", id, err)
	}
	return n
}

// running is a Sender whose Run goroutine the test stops.
type running struct {
	*sender.Sender
	t      *testing.T
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

func (e *env) start(cfg sender.Config) *running {
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{Sender: sender.New(e.st, e.tg, cfg), t: e.t, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- r.Run(ctx) }()
	e.t.Cleanup(func() { r.stop() })
	return r
}

// stop cancels Run and waits for it; Run records the outcome of a send in
// flight before it returns, so the database is settled afterwards. It
// returns how long Run took to return.
func (r *running) stop() time.Duration {
	r.t.Helper()
	var took time.Duration
	r.once.Do(func() {
		start := time.Now()
		r.cancel()
		select {
		case err := <-r.done:
			took = time.Since(start)
			if err != nil {
				r.t.Errorf("Run returned %v", err)
			}
		case <-time.After(10 * time.Second):
			r.t.Fatal("Run did not return within 10s of cancel")
		}
	})
	return took
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// waitMessages waits for n bot messages in chat.
func (e *env) waitMessages(chat int64, n int) []telegramtest.Message {
	e.t.Helper()
	msgs, err := e.srv.WaitBotMessages(waitCtx(e.t), chat, n)
	if err != nil {
		e.t.Fatal(err)
	}
	return msgs
}

func (e *env) waitRequests(n int) {
	e.t.Helper()
	err := e.srv.WaitFor(waitCtx(e.t), func(s *telegramtest.Server) bool { return s.Requests("sendMessage") >= n })
	if err != nil {
		e.t.Fatal(err)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
