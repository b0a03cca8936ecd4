package inbox

import (
	"slices"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

func rows(pairs ...int64) []models.InboxUpdate {
	var out []models.InboxUpdate
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, models.InboxUpdate{UpdateID: pairs[i], ChatID: pairs[i+1]})
	}
	return out
}

func ids(rs []models.InboxUpdate) []int64 {
	var out []int64
	for _, r := range rs {
		out = append(out, r.UpdateID)
	}
	return out
}

func TestQueueStartsOnlyTheLowestUpdateOfIdleChats(t *testing.T) {
	now := time.Unix(0, 0)
	q := newQueue(3, 100)
	//          id chat
	q.load(rows(1, 7, 2, 7, 3, 0, 4, 8, 5, 0, 6, 9, 7, 10))
	if got := ids(q.next(now)); !slices.Equal(got, []int64{1, 3, 4}) {
		t.Fatalf("first pick %v, want [1 3 4] (lowest per chat, 3 workers)", got)
	}
	if got := ids(q.next(now)); len(got) != 0 {
		t.Fatalf("picked %v with every worker busy", got)
	}
	q.finished(7, 1)
	if got := ids(q.next(now)); !slices.Equal(got, []int64{2}) {
		t.Fatalf("after chat 7 finished: %v, want [2]", got)
	}
	// Chat 0 (updates without a chat) is serialised like any chat.
	q.finished(0, 3)
	if got := ids(q.next(now)); !slices.Equal(got, []int64{5}) {
		t.Fatalf("after chat 0 finished: %v, want [5]", got)
	}
}

func TestQueueRetryKeepsTheChatWaiting(t *testing.T) {
	now := time.Unix(0, 0)
	q := newQueue(4, 100)
	q.load(rows(1, 7, 2, 7, 3, 8))
	q.next(now)
	d := q.retry(7, now, time.Second)
	if d != time.Second {
		t.Fatalf("first retry waits %v", d)
	}
	if got := ids(q.next(now.Add(500 * time.Millisecond))); len(got) != 0 {
		t.Fatalf("picked %v while chat 7 backs off (and 8 is busy)", got)
	}
	if w := q.wake(now.Add(500*time.Millisecond), time.Minute); w != 500*time.Millisecond {
		t.Fatalf("wake in %v, want 500ms", w)
	}
	if got := ids(q.next(now.Add(time.Second))); !slices.Equal(got, []int64{1}) {
		t.Fatalf("after the backoff: %v, want [1] again, never 2 first", got)
	}
	if d := q.retry(7, now, time.Second); d != 2*time.Second {
		t.Fatalf("second retry waits %v, want 2s", d)
	}
}

func TestQueueSkippedUpdateStaysFirstInLine(t *testing.T) {
	now := time.Unix(0, 0)
	q := newQueue(4, 100)
	q.load(rows(1, 7, 2, 7))
	q.next(now)
	q.skipped(7, now, time.Second)
	if got := ids(q.next(now.Add(time.Second))); !slices.Equal(got, []int64{1}) {
		t.Fatalf("got %v, want [1]: 2 must wait until 1 is seen finished", got)
	}
}

func TestQueueAsksForRescanWhenATruncatedSnapshotRunsLow(t *testing.T) {
	q := newQueue(1, 4)
	q.load(rows(1, 1, 2, 1, 3, 1, 4, 1))
	q.next(time.Unix(0, 0))
	if q.finished(1, 1) {
		t.Fatal("rescan asked with 3 of 4 rows left")
	}
	q.next(time.Unix(0, 0))
	if !q.finished(1, 2) {
		t.Fatal("no rescan asked with 2 of 4 rows left of a truncated snapshot")
	}
}

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 6: 30 * time.Second, 100: 30 * time.Second} {
		if got := backoff(time.Second, n); got != want {
			t.Errorf("backoff(1s, %d) = %v, want %v", n, got, want)
		}
	}
}

func TestQueueBatchesShareAndKeepLoneChatsApart(t *testing.T) {
	now := time.Unix(0, 0)
	q := newQueue(8, 100)
	//          id chat
	q.load(rows(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7))
	var sizes []int
	for _, b := range q.batches(now, 2, 4) {
		sizes = append(sizes, len(b))
	}
	if !slices.Equal(sizes, []int{4, 3}) {
		t.Fatalf("batches of %v, want [4 3] (seven updates shared by two workers)", sizes)
	}
	q = newQueue(8, 100)
	q.load(rows(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7))
	q.alone(2)
	q.alone(5)
	got := q.batches(now, 2, 4)
	if len(got) != 2 || !slices.Equal(ids(got[0]), []int64{2}) || !slices.Equal(ids(got[1]), []int64{5}) {
		t.Fatalf("two lone chats, two workers: %v", got)
	}
	if q.inFlight() != 2 {
		t.Fatalf("%d updates marked in flight, want the 2 started", q.inFlight())
	}
	q.finished(2, 2)
	q.finished(5, 5)
	if got := q.batches(now, 1, 4); len(got) != 1 || !slices.Equal(ids(got[0]), []int64{1, 3, 4, 6}) {
		t.Fatalf("after the lone chats committed: %v, want one batch [1 3 4 6]", got)
	}
}
