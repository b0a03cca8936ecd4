package bot

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// BenchmarkInboundLoop: n (GANSHI_BENCH_UPDATES, default 2,000) people not
// on the roster each write once, all at once, against the fake Telegram
// server. "ganshi" is the real path — poller (each batch and its offset
// committed before the next poll), dispatcher, the real router, the reply
// committed to the outbox with the update's done mark, the sender running
// at its default rate — and an update counts when that commit is done;
// "ganshi_bindings" the same for n cadres on the roster opening their
// invitations (/start CODE: binding, audit entry, welcome); "bare" is
// go-telegram/bot's own polling with a handler that only replies, and an
// update counts when its reply arrived. updates/s is n
// over the time taken, cpu-µs/update the process's CPU (the fake server's
// included, for both).
//
//	go test ./bot -run '^$' -bench InboundLoop -benchtime 1x
func BenchmarkInboundLoop(b *testing.B) {
	n := 2000
	if v := envCount("GANSHI_BENCH_UPDATES"); v > 0 {
		n = v
	}
	hello := func(i int) string { return fmt.Sprintf("你好%d", i) }
	b.Run("ganshi", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			st := modelstest.SQLite(b, time.Now)
			srv, users := inboundSetup(b, n)
			ganshiInbound(b, st, srv, users, hello)
		}
	})
	// People on the roster opening their invitations: each update binds a
	// chat, writes the audit log and queues the welcome.
	b.Run("ganshi_bindings", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			st := modelstest.SQLite(b, time.Now)
			srv := telegramtest.New(telegramtest.Options{})
			b.Cleanup(srv.Close)
			users := seedInvitations(b, st, srv, n)
			if err := InstallMenus(context.Background(), st); err != nil {
				b.Fatal(err)
			}
			ganshiInbound(b, st, srv, users, func(i int) string { return "/start " + inviteCode(i) })
		}
	})
	b.Run("bare", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			srv, users := inboundSetup(b, n)
			reply := func(ctx context.Context, api *tgbot.Bot, u *tgmodels.Update) {
				if u.Message == nil {
					return
				}
				if _, err := api.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "您还没有绑定。"}); err != nil && ctx.Err() == nil {
					b.Error(err)
				}
			}
			api, err := tgbot.New(srv.Token(), tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe(), tgbot.WithDefaultHandler(reply),
				tgbot.WithHTTPClient(time.Second, &http.Client{Timeout: 10 * time.Second}))
			if err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			stopped := make(chan struct{})
			b.StartTimer()
			inboundRun(b, srv, users, nil, hello, func() {
				go func() { api.Start(ctx); close(stopped) }()
			})
			b.StopTimer()
			cancel()
			<-stopped
		}
	})
}

// ganshiInbound runs the real inbound path over one message from each
// user, text(i) from the i-th, and reports as inboundRun does.
func ganshiInbound(b *testing.B, st *models.Store, srv *telegramtest.Server, users []telegramtest.User, text func(int) string) {
	n := len(users)
	tg, err := telegram.New(srv.Token(), srv.URL(), 10*time.Second)
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	// The sender at its default rate, as in production; an update
	// counts once its reply is committed to the outbox.
	s := sender.New(st, tg, sender.Config{Logger: log, Render: Renderer(time.UTC)})
	var handled atomic.Int64
	all := make(chan struct{})
	onDone := func() {
		s.Poke()
		if handled.Add(1) == int64(n) {
			close(all)
		}
	}
	d := inbox.NewDispatcher(st, NewRouter(Options{Location: time.UTC}).Handle, inbox.DispatcherConfig{Logger: log, OnDone: onDone})
	p := inbox.NewPoller(st, tg, inbox.PollerConfig{Logger: log, OnStored: d.Poke, Timeout: time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 3)
	b.StartTimer()
	inboundRun(b, srv, users, all, text, func() {
		for _, run := range []func(context.Context) error{s.Run, d.Run, p.Run} {
			go func() { done <- run(ctx) }()
		}
	})
	b.StopTimer()
	cancel()
	for range 3 {
		<-done
	}
}

func inboundSetup(b *testing.B, n int) (*telegramtest.Server, []telegramtest.User) {
	srv := telegramtest.New(telegramtest.Options{})
	b.Cleanup(srv.Close)
	users := make([]telegramtest.User, n)
	for i := range users {
		users[i] = telegramtest.User{ID: int64(30000 + i), FirstName: "U"}
	}
	return srv, users
}

// inboundRun queues one message from each user, text(i) from the i-th,
// starts the bot and waits until handled is closed or, when it is nil,
// every user has an answer at the server; it reports the rate and the CPU.
func inboundRun(b *testing.B, srv *telegramtest.Server, users []telegramtest.User, handled chan struct{}, text func(int) string, start func()) {
	for i, u := range users {
		srv.SendPrivate(u, text(i))
	}
	cpu0, t0 := processCPU(), time.Now()
	start()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if handled != nil {
		select {
		case <-handled:
		case <-ctx.Done():
			b.Fatal("updates not handled in time")
		}
	} else if err := srv.WaitFor(ctx, func(s *telegramtest.Server) bool { return len(s.SentTimes(0)) >= len(users) }); err != nil {
		b.Fatal(err)
	}
	wall, cpu := time.Since(t0), processCPU()-cpu0
	b.ReportMetric(float64(len(users))/wall.Seconds(), "updates/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(len(users)), "cpu-µs/update")
}

func envCount(name string) int {
	v, _ := strconv.Atoi(os.Getenv(name))
	return v
}

// processCPU is the user plus system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
