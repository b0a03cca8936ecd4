package sender

import (
	"math"
	"time"
)

const (
	// groupWindow is the rolling window of Telegram's per-group limit.
	groupWindow = time.Minute
	// maxWindow bounds the ring of recent send times; above this rate the
	// per-second cap is left to the spacing alone.
	maxWindow = 1000
	// windowGuard keeps the per-second cap from binding to the
	// microsecond: the request starts a little after the limiter's clock
	// read, by an amount that varies.
	windowGuard = time.Millisecond
)

// limiter knows when the next message may go out under Telegram's flood
// limits. It is pure: it never reads a clock, callers pass the time in, so
// tests drive it with plain values. It is not safe for concurrent use; the
// sender's one goroutine owns it.
//
// Global pacing: slots are 1/rate apart, and a send moves the next slot
// to max(slot, send − slack) + 1/rate. Lateness up to slack (a timer
// firing late, a busy CPU) is absorbed instead of pushing every later slot
// back, so the rate does not drift below its target; two sends are still
// never closer than 1/rate − slack. On top, by actual send times, no
// second holds more than ⌈rate⌉ sends: the rate is never exceeded, and
// lateness costs about its mean once per second rather than once per send.
type limiter struct {
	interval time.Duration // between slots; 0 = no global limit
	slack    time.Duration // lateness the schedule absorbs
	perChat  time.Duration // between two sends to one chat
	groupMax int           // sends to one group per groupWindow; 0 = no limit

	slot   time.Time             // earliest time of the next send overall
	window []time.Time           // ring of the latest ⌈rate⌉ send times
	oldest int                   // index in window of the oldest of them
	pause  time.Time             // after a 429 nothing goes out before this
	last   map[int64]time.Time   // latest send to each chat
	groups map[int64][]time.Time // recent sends to each group, oldest first
	takes  int                   // Takes since the maps were last swept
	kept   int                   // entries the last sweep kept
}

// newLimiter makes a limiter. rate ≤ 0 lifts the global limit,
// groupPerMinute ≤ 0 the per-group one.
func newLimiter(rate float64, perChat time.Duration, groupPerMinute int) *limiter {
	l := &limiter{
		perChat:  max(perChat, 0),
		groupMax: max(groupPerMinute, 0),
		last:     make(map[int64]time.Time),
		groups:   make(map[int64][]time.Time),
	}
	if rate > 0 {
		l.interval = time.Duration(float64(time.Second) / rate)
		l.slack = l.interval / 4
		if n := math.Ceil(rate); n <= maxWindow {
			l.window = make([]time.Time, int(n))
		}
	}
	return l
}

// Next is the earliest time at or after now when a message may go to
// chatID: after the global slot, after any 429 pause, and within the
// chat's own limits.
func (l *limiter) Next(chatID int64, now time.Time) time.Time {
	t := later(now, l.slot, l.pause, l.chatReady(chatID))
	if len(l.window) > 0 {
		t = later(t, l.window[l.oldest].Add(time.Second+windowGuard))
	}
	return t
}

// chatReady is when chatID's own limits (per-chat gap, per-group count)
// allow the next message; the zero time when they allow it already.
func (l *limiter) chatReady(chatID int64) time.Time {
	var t time.Time
	if last, ok := l.last[chatID]; ok {
		t = last.Add(l.perChat)
	}
	if chatID < 0 && l.groupMax > 0 {
		if sent := l.groups[chatID]; len(sent) >= l.groupMax {
			// The groupMax-th latest send must leave the window first.
			t = later(t, sent[len(sent)-l.groupMax].Add(groupWindow))
		}
	}
	return t
}

// pausedUntil is the end of the current 429 pause (zero when none was seen).
func (l *limiter) pausedUntil() time.Time { return l.pause }

// Take records a send to chatID at at, which must not be before
// Next(chatID, …).
func (l *limiter) Take(chatID int64, at time.Time) {
	if l.interval > 0 {
		l.slot = later(l.slot, at.Add(-l.slack)).Add(l.interval)
	}
	if len(l.window) > 0 {
		l.window[l.oldest] = at
		l.oldest = (l.oldest + 1) % len(l.window)
	}
	l.last[chatID] = at
	if chatID < 0 && l.groupMax > 0 {
		sent := append(l.groups[chatID], at)
		l.groups[chatID] = dropBefore(sent, at.Add(-groupWindow))
	}
	l.takes++
	if l.takes > l.kept+64 {
		l.sweep(at)
	}
}

// Answered moves chatID's gap to start at at, when Telegram answered the
// send Take recorded. The request reached Telegram somewhere between the
// two, and a slow first request with a quick second one would otherwise
// arrive less than perChat apart (0.9875 s was measured): counted from
// the answer, the next send to the chat starts — and so arrives — at
// least perChat after the previous one arrived, whatever the latency.
func (l *limiter) Answered(chatID int64, at time.Time) {
	if last, ok := l.last[chatID]; ok && at.After(last) {
		l.last[chatID] = at
	}
}

// Pause stops all sending until until (Telegram answered 429).
func (l *limiter) Pause(until time.Time) { l.pause = later(l.pause, until) }

// sweep forgets chats whose limits no longer constrain anything, so the
// maps stay as small as the set of recently used chats. It runs after as
// many Takes as the last sweep kept entries (plus a few), which makes its
// cost O(1) per Take.
func (l *limiter) sweep(now time.Time) {
	l.takes = 0
	for id, t := range l.last {
		if !t.Add(l.perChat).After(now) {
			delete(l.last, id)
		}
	}
	for id, sent := range l.groups {
		if sent = dropBefore(sent, now.Add(-groupWindow)); len(sent) == 0 {
			delete(l.groups, id)
		} else {
			l.groups[id] = sent
		}
	}
	l.kept = len(l.last) + len(l.groups)
}

// dropBefore removes the times at or before cutoff from the sorted slice.
func dropBefore(sent []time.Time, cutoff time.Time) []time.Time {
	i := 0
	for i < len(sent) && !sent[i].After(cutoff) {
		i++
	}
	return sent[i:]
}

// later returns the latest of the times.
func later(t time.Time, more ...time.Time) time.Time {
	for _, u := range more {
		if u.After(t) {
			t = u
		}
	}
	return t
}
