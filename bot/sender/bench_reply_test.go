package sender_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// Reply chats are numbered from here, above every reminder's chat.
const replyChats = 1_000_000

// BenchmarkReplyLatencyDuringFanOut is how long a person waits for the
// bot's answer while a fan-out of 10,000 reminders (GANSHI_BENCH_REMINDERS)
// drains at the default 25 msg/s against a fake that enforces Telegram's
// limits. Once the drain runs, a reply to a new chat is written every
// 300 ms for 30 s (GANSHI_BENCH_WINDOW_S) and the sender poked, as the
// dispatcher does; the latency is from the reply's commit to Telegram's
// answer accepting it. The benchmark waits for every reply, so without
// lanes it lasts as long as the whole backlog (10,000/25 = 400 s). Run
// with -benchtime=1x; with lanes it takes about 35 s.
func BenchmarkReplyLatencyDuringFanOut(b *testing.B) {
	reminders := envInt("GANSHI_BENCH_REMINDERS", 10000)
	window := time.Duration(envInt("GANSHI_BENCH_WINDOW_S", 30)) * time.Second
	const every = 300 * time.Millisecond
	replies := int(window / every)
	for range b.N {
		b.StopTimer()
		st := modelstest.SQLite(b, time.Now)
		srv := telegramtest.New(telegramtest.Options{EnforceLimits: true})
		b.Cleanup(srv.Close)
		fanOut(b, st, srv, reminders, replies)
		client, err := telegram.New(srv.Token(), srv.URL(), 10*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		tg := &acceptTimes{Telegram: client, at: make(map[int64]time.Time), want: replies, all: make(chan struct{})}
		s := sender.New(st, tg, sender.Config{Logger: quietLogger()})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		b.StartTimer()
		go func() { done <- s.Run(ctx) }()

		wctx, wcancel := context.WithTimeout(context.Background(), 30*time.Minute)
		if err := srv.WaitFor(wctx, func(s *telegramtest.Server) bool { return s.Requests("sendMessage") >= 25 }); err != nil {
			b.Fatal(err)
		}
		written := writeReplies(b, st, s, replies, every)
		select {
		case <-tg.all:
		case <-wctx.Done():
			b.Fatal("replies not all sent within 30 minutes")
		}
		b.StopTimer()
		wcancel()
		cancel()
		<-done
		reportLatency(b, written, tg.times())
		times := srv.SentTimes(0)
		b.ReportMetric(float64(srv.Count429()), "429s")
		b.ReportMetric(float64(maxInWindow(tg.started, time.Second)), "max-sent/1s")
		b.ReportMetric(float64(len(times)-1)/times[len(times)-1].Sub(times[0]).Seconds(), "msg/s")
	}
}

// fanOut adds the people and writes one reminder each, as a job does.
func fanOut(b *testing.B, st *models.Store, srv *telegramtest.Server, reminders, replies int) {
	ns := make([]models.Notification, 0, reminders)
	for id := int64(1); id <= int64(reminders); id++ {
		srv.AddUser(telegramtest.User{ID: id, FirstName: "U"})
		ns = append(ns, models.Notification{ChatID: id, Kind: sender.KindText,
			Payload: fmt.Sprintf(`{"text":"第%d条 本月报告请于30日前提交"}`, id), DedupKey: fmt.Sprintf("remind:%d", id)})
	}
	for k := range replies {
		srv.AddUser(telegramtest.User{ID: replyChats + int64(k), FirstName: "R"})
	}
	if _, err := st.EnqueueMany(context.Background(), ns); err != nil {
		b.Fatal(err)
	}
}

// writeReplies writes n replies, one every interval, and returns when
// each was committed.
func writeReplies(b *testing.B, st *models.Store, s *sender.Sender, n int, interval time.Duration) map[int64]time.Time {
	written := make(map[int64]time.Time, n)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for k := range n {
		<-tick.C
		chat := replyChats + int64(k)
		r := &models.Notification{ChatID: chat, Kind: sender.KindText, Payload: `{"text":"您的身份：干部"}`,
			DedupKey: fmt.Sprintf("reply:%d", k), Lane: models.LaneReply}
		if _, err := st.Enqueue(context.Background(), r); err != nil {
			b.Fatal(err)
		}
		written[chat] = time.Now()
		s.Poke()
	}
	return written
}

func reportLatency(b *testing.B, written, accepted map[int64]time.Time) {
	lat := make([]time.Duration, 0, len(written))
	for chat, w := range written {
		lat = append(lat, accepted[chat].Sub(w))
	}
	slices.Sort(lat)
	pct := func(p int) float64 { return float64(lat[(len(lat)*p+99)/100-1].Microseconds()) / 1000 }
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(99), "p99-ms")
	b.ReportMetric(pct(100), "max-ms")
	b.ReportMetric(float64(len(lat)), "replies")
}

// acceptTimes notes when each request started (what the limiter
// controls) and when Telegram accepted the message to each reply chat, and
// closes all once want replies were.
type acceptTimes struct {
	sender.Telegram
	want    int
	all     chan struct{}
	mu      sync.Mutex
	at      map[int64]time.Time
	started []time.Time
}

func (a *acceptTimes) Send(ctx context.Context, chatID int64, m telegram.Message) (int, error) {
	a.mu.Lock()
	a.started = append(a.started, time.Now())
	a.mu.Unlock()
	id, err := a.Telegram.Send(ctx, chatID, m)
	if err != nil || chatID < replyChats {
		return id, err
	}
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, seen := a.at[chatID]; !seen {
		a.at[chatID] = now
		if len(a.at) == a.want {
			close(a.all)
		}
	}
	return id, err
}

func (a *acceptTimes) times() map[int64]time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.at
}
