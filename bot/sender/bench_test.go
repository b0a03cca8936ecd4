package sender_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// benchSetup starts a fake Bot API with users 1..n and, when st is not
// nil, enqueues one text for each of them.
func benchSetup(b *testing.B, st *models.Store, n int, enforce bool) *telegramtest.Server {
	b.Helper()
	srv := telegramtest.New(telegramtest.Options{EnforceLimits: enforce})
	b.Cleanup(srv.Close)
	for id := int64(1); id <= int64(n); id++ {
		srv.AddUser(telegramtest.User{ID: id, FirstName: "U"})
		if st == nil {
			continue
		}
		n := &models.Notification{ChatID: id, Kind: sender.KindText,
			Payload: fmt.Sprintf(`{"text":"第%d条 本月完成征收 35 户"}`, id), DedupKey: "bench:" + strconv.FormatInt(id, 10)}
		if _, err := st.Enqueue(context.Background(), n); err != nil {
			b.Fatal(err)
		}
	}
	return srv
}

// drain runs a sender until Telegram accepted n messages and returns when
// each request started, the wall time and the process CPU time it took.
func drain(b *testing.B, st *models.Store, srv *telegramtest.Server, cfg sender.Config, n int) (started []time.Time, wall, cpu time.Duration) {
	b.Helper()
	client, err := telegram.New(srv.Token(), srv.URL(), 10*time.Second)
	if err != nil {
		b.Fatal(err)
	}
	tg := &countingTelegram{Telegram: client, done: make(chan struct{})}
	tg.left.Store(int64(n))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	s := sender.New(st, tg, cfg)
	cpu0, start := cpuTime(), time.Now()
	go func() { done <- s.Run(ctx) }()
	select {
	case <-tg.done:
	case <-time.After(10 * time.Minute):
		b.Error("timed out")
	}
	wall, cpu = time.Since(start), cpuTime()-cpu0
	cancel()
	<-done
	if got := len(srv.SentTimes(0)); got != n {
		b.Fatalf("%d messages accepted, want %d (429s: %d)", got, n, srv.Count429())
	}
	return tg.started, wall, cpu
}

// countingTelegram closes done once n sends have succeeded. The benchmark
// waits on it rather than on the fake's WaitFor, whose watcher wakes on
// every request and would bill the sender for CPU the bare loop does not
// spend.
// It also notes when each request started, which is what the sender's
// limiter controls; the fake's acceptance times add HTTP latency jitter.
type countingTelegram struct {
	sender.Telegram
	left    atomic.Int64
	done    chan struct{}
	started []time.Time // written by Run's goroutine only; read after Run returns
}

func (c *countingTelegram) Send(ctx context.Context, chatID int64, m telegram.Message) (int, error) {
	c.started = append(c.started, time.Now())
	id, err := c.Telegram.Send(ctx, chatID, m)
	if err == nil && c.left.Add(-1) == 0 {
		close(c.done)
	}
	return id, err
}

// BenchmarkSenderRate25 sends 2,000 messages (GANSHI_BENCH_MESSAGES
// overrides) to as many chats at the default 25 msg/s against a fake that
// enforces Telegram's limits. It takes about 80 s. cpu-µs/msg is what each
// message costs at this rate, where every send is recorded in its own
// transaction (record.go); BenchmarkBareLibraryRate25 is the same pace
// without a database.
func BenchmarkSenderRate25(b *testing.B) {
	n := envInt("GANSHI_BENCH_MESSAGES", 2000)
	for range b.N {
		b.StopTimer()
		st := modelstest.SQLite(b, time.Now)
		srv := benchSetup(b, st, n, true)
		b.StartTimer()
		started, _, cpu := drain(b, st, srv, sender.Config{Logger: quietLogger()}, n)
		times := srv.SentTimes(0)
		rate := float64(len(times)-1) / times[len(times)-1].Sub(times[0]).Seconds()
		b.ReportMetric(rate, "msg/s")
		b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/msg")
		b.ReportMetric(float64(srv.Count429()), "429s")
		b.ReportMetric(float64(maxInWindow(started, time.Second)), "max-sent/1s")
		b.ReportMetric(float64(maxInWindow(times, time.Second)), "max-accepted/1s")
		if rate < 0.95*25 || srv.Count429() > 0 {
			b.Fatalf("achieved %.2f msg/s (want ≥ %.2f) with %d answers 429", rate, 0.95*25, srv.Count429())
		}
	}
}

// BenchmarkSenderUnlimited drains b.N messages to as many chats with the
// rate limit lifted, so ns/op is the sender's wall time per message and
// cpu-µs/msg its cost: database round trips, rendering, bookkeeping. The
// fake server runs in this process, so its CPU is included, as it is in
// BenchmarkBareLibrary. Use -benchtime=2000x for a fixed count.
func BenchmarkSenderUnlimited(b *testing.B) {
	st := modelstest.SQLite(b, time.Now)
	srv := benchSetup(b, st, b.N, false)
	b.ResetTimer()
	_, wall, cpu := drain(b, st, srv, sender.Config{Rate: -1, Logger: quietLogger()}, b.N)
	report(b, b.N, wall, cpu)
}

// BenchmarkBareLibrary is the baseline: go-telegram/bot's SendMessage in
// a plain loop against the same fake, no database; one message per op.
func BenchmarkBareLibrary(b *testing.B) {
	srv := benchSetup(b, nil, b.N, false)
	api, err := tgbot.New(srv.Token(), tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(10*time.Second, &http.Client{Timeout: 10 * time.Second}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	cpu0, start := cpuTime(), time.Now()
	for id := int64(1); id <= int64(b.N); id++ {
		_, err := api.SendMessage(ctx, &tgbot.SendMessageParams{
			ChatID: id, Text: fmt.Sprintf("第%d条 本月完成征收 35 户", id), ParseMode: tgmodels.ParseModeHTML,
			LinkPreviewOptions: &tgmodels.LinkPreviewOptions{IsDisabled: tgbot.True()},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	report(b, b.N, time.Since(start), cpuTime()-cpu0)
}

// BenchmarkBareLibraryRate25 is BenchmarkSenderRate25's baseline: the
// library's SendMessage paced at 25 msg/s by a ticker, no database, the
// same number of messages; cpu-µs/msg is a bare send's cost at that rate.
func BenchmarkBareLibraryRate25(b *testing.B) {
	n := envInt("GANSHI_BENCH_MESSAGES", 2000)
	for range b.N {
		b.StopTimer()
		srv := benchSetup(b, nil, n, true)
		api, err := tgbot.New(srv.Token(), tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe(),
			tgbot.WithHTTPClient(10*time.Second, &http.Client{Timeout: 10 * time.Second}))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		tick := time.NewTicker(40 * time.Millisecond)
		b.StartTimer()
		cpu0, start := cpuTime(), time.Now()
		for id := int64(1); id <= int64(n); id++ {
			<-tick.C
			_, err := api.SendMessage(ctx, &tgbot.SendMessageParams{
				ChatID: id, Text: fmt.Sprintf("第%d条 本月完成征收 35 户", id), ParseMode: tgmodels.ParseModeHTML,
				LinkPreviewOptions: &tgmodels.LinkPreviewOptions{IsDisabled: tgbot.True()},
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		tick.Stop()
		report(b, n, time.Since(start), cpuTime()-cpu0)
	}
}

func report(b *testing.B, n int, wall, cpu time.Duration) {
	b.ReportMetric(float64(n)/wall.Seconds(), "msg/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/msg")
}

// cpuTime is the user plus system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxInWindow is the most sends in any window of length w.
func maxInWindow(times []time.Time, w time.Duration) int {
	most, j := 0, 0
	for i := range times {
		for times[i].Sub(times[j]) >= w {
			j++
		}
		most = max(most, i-j+1)
	}
	return most
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
