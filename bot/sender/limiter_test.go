package sender

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)

type take struct {
	chat int64
	at   time.Duration // after t0
}

// every is n sends to distinct chats, the first at first, the others on
// 40 ms slots (25/s) after it.
func every(n int, first time.Duration) []take {
	out := []take{{1000, first}}
	for i := 1; i < n; i++ {
		out = append(out, take{int64(1000 + i), time.Duration(i) * 40 * time.Millisecond})
	}
	return out
}

func TestLimiterNext(t *testing.T) {
	// Eighteen sends to group -5, one a second from t0.
	group18 := make([]take, 18)
	for i := range group18 {
		group18[i] = take{-5, time.Duration(i) * time.Second}
	}
	tests := []struct {
		name    string
		rate    float64
		perChat time.Duration
		group   int
		takes   []take
		pause   time.Duration // 0 = none
		chat    int64
		now     time.Duration
		want    time.Duration
	}{
		{"fresh limiter allows now", 25, time.Second, 18, nil, 0, 1, 0, 0},
		{"global spacing 1/rate", 25, time.Second, 18, []take{{1, 0}, {2, 30 * time.Millisecond}}, 0, 3, 30 * time.Millisecond, 70 * time.Millisecond},
		{"first send after idle may be followed 1/rate−slack later", 25, time.Second, 18, []take{{1, 0}}, 0, 2, 0, 30 * time.Millisecond},
		{"slightly late send keeps the schedule", 25, time.Second, 18, []take{{1, 0}, {2, 35 * time.Millisecond}}, 0, 3, 35 * time.Millisecond, 70 * time.Millisecond},
		{"very late send starts a new schedule", 25, time.Second, 18, []take{{1, 0}, {2, 100 * time.Millisecond}}, 0, 3, 100 * time.Millisecond, 130 * time.Millisecond},
		{"never more than rate per second", 25, time.Second, 18, every(25, 5*time.Millisecond), 0, 99, 990 * time.Millisecond, 1006 * time.Millisecond},
		{"negative rate lifts the global limit", -1, time.Second, 18, []take{{1, 0}}, 0, 2, 0, 0},
		{"per-chat gap", -1, time.Second, 18, []take{{1, 0}}, 0, 1, 500 * time.Millisecond, time.Second},
		{"per-chat gap passed", -1, time.Second, 18, []take{{1, 0}}, 0, 1, 2 * time.Second, 2 * time.Second},
		{"other chat unaffected", -1, time.Second, 18, []take{{1, 0}}, 0, 2, 500 * time.Millisecond, 500 * time.Millisecond},
		{"per-chat gap applies to groups", -1, time.Second, 18, []take{{-5, 0}}, 0, -5, 0, time.Second},
		{"group: 18th send fills the minute", -1, time.Second, 18, group18, 0, -5, 18 * time.Second, time.Minute},
		{"group: window rolls", -1, time.Second, 18, group18, 0, -5, 61 * time.Second, 61 * time.Second},
		{"group limit ignores private chats", -1, 0, 18, append(group18[:0:0], take{7, 0}, take{7, 0}), 0, 7, 0, 0},
		{"17 sends leave room", -1, time.Second, 18, group18[:17], 0, -5, 17 * time.Second, 17 * time.Second},
		{"negative group limit lifts it", -1, time.Second, -1, group18, 0, -5, 18 * time.Second, 18 * time.Second},
		{"429 pause holds every chat", 25, time.Second, 18, nil, 3 * time.Second, 9, 0, 3 * time.Second},
		{"pause over", 25, time.Second, 18, nil, 3 * time.Second, 9, 4 * time.Second, 4 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLimiter(tt.rate, tt.perChat, tt.group)
			for _, tk := range tt.takes {
				l.Take(tk.chat, t0.Add(tk.at))
			}
			if tt.pause > 0 {
				l.Pause(t0.Add(tt.pause))
			}
			got := l.Next(tt.chat, t0.Add(tt.now))
			if want := t0.Add(tt.want); !got.Equal(want) {
				t.Fatalf("Next(%d, t0+%v) = t0+%v, want t0+%v", tt.chat, tt.now, got.Sub(t0), tt.want)
			}
		})
	}
}

// simulate sends n messages as soon as the limiter allows, to chat(i),
// each late(i) after its allowed time, and returns the send times.
func simulate(l *limiter, n int, chat func(i int) int64, late func(i int) time.Duration) ([]time.Time, []int64) {
	times, chats := make([]time.Time, n), make([]int64, n)
	now := t0
	for i := range n {
		c := chat(i)
		now = l.Next(c, now).Add(late(i))
		l.Take(c, now)
		times[i], chats[i] = now, c
	}
	return times, chats
}

func onTime(int) time.Duration { return 0 }

// jitter is a deterministic lateness of 0–12 ms, like timers on a busy host.
func jitter(i int) time.Duration { return time.Duration(i*7919%13) * time.Millisecond }

func TestLimiterGlobalRate(t *testing.T) {
	for name, late := range map[string]func(int) time.Duration{"on time": onTime, "late wake-ups": jitter} {
		t.Run(name, func(t *testing.T) {
			l := newLimiter(25, time.Second, 18)
			times, _ := simulate(l, 2000, func(i int) int64 { return int64(i + 1) }, late)
			for i := 25; i < len(times); i++ {
				if d := times[i].Sub(times[i-25]); d < time.Second {
					t.Fatalf("26 sends within %v (sends %d..%d)", d, i-25, i)
				}
				if d := times[i].Sub(times[i-1]); d < 30*time.Millisecond {
					t.Fatalf("sends %d and %d only %v apart", i-1, i, d)
				}
			}
			// Late by 0–12 ms (mean 6 ms, far worse than real timers), the
			// per-second cap still costs only about 1%; strict spacing from
			// each late send would cost 15%.
			rate := float64(len(times)-1) / times[len(times)-1].Sub(times[0]).Seconds()
			if rate < 24.6 || rate > 25.01 {
				t.Fatalf("rate %.3f msg/s, want 25 within 1.5%%", rate)
			}
			if len(l.last) > 100 {
				t.Fatalf("limiter remembers %d chats; old ones should be swept", len(l.last))
			}
		})
	}
}

func TestLimiterMixedChats(t *testing.T) {
	l := newLimiter(25, time.Second, 18)
	// A group, a private chat and many others, interleaved.
	chat := func(i int) int64 {
		switch i % 4 {
		case 0:
			return -5
		case 1:
			return 7
		}
		return int64(1000 + i)
	}
	times, chats := simulate(l, 400, chat, jitter)
	byChat := map[int64][]time.Time{}
	for i, c := range chats {
		byChat[c] = append(byChat[c], times[i])
	}
	for c, ts := range byChat {
		for i := 1; i < len(ts); i++ {
			if ts[i].Sub(ts[i-1]) < time.Second {
				t.Fatalf("chat %d: two sends %v apart", c, ts[i].Sub(ts[i-1]))
			}
		}
		if c >= 0 {
			continue
		}
		for i := 18; i < len(ts); i++ {
			if ts[i].Sub(ts[i-18]) < time.Minute {
				t.Fatalf("group %d: 19 sends within %v", c, ts[i].Sub(ts[i-18]))
			}
		}
	}
	if len(byChat[-5]) != 100 {
		t.Fatalf("group got %d sends", len(byChat[-5]))
	}
}

// A chat's gap counts from the answer to its previous send: a send that
// took 150 ms to reach Telegram holds the next one back by as much.
func TestLimiterChatGapFromAnswer(t *testing.T) {
	l := newLimiter(25, time.Second, 18)
	t0 := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
	l.Take(7, t0)
	if got := l.Next(7, t0); !got.Equal(t0.Add(time.Second)) {
		t.Fatalf("before the answer: next %v", got.Sub(t0))
	}
	l.Answered(7, t0.Add(150*time.Millisecond))
	if got := l.Next(7, t0); !got.Equal(t0.Add(1150 * time.Millisecond)) {
		t.Errorf("after a 150 ms answer: next %v, want 1.15s", got.Sub(t0))
	}
	l.Answered(8, t0.Add(time.Second)) // no send recorded: nothing to move
	if got := l.Next(8, t0); got.After(t0.Add(time.Second)) {
		t.Errorf("an answer without a send held chat 8 until %v", got.Sub(t0))
	}
}
