package inbox

import (
	"slices"
	"time"

	"github.com/ganshi/ganshi/models"
)

// queue is the dispatcher's view of the inbox: the last scan of pending
// updates plus which chats are busy. It decides what may start; it does no
// I/O and is owned by the dispatcher's Run goroutine.
type queue struct {
	workers int                  // updates in flight at most
	limit   int                  // rows asked for per scan
	rows    []models.InboxUpdate // pending at the last scan, in update_id order
	full    bool                 // the last scan hit its limit: more rows wait in the database
	busy    map[int64]int64      // chat → update_id being handled
	blocked map[int64]time.Time  // chat → when it may be tried again
	fails   map[int64]int        // chat → consecutive retries, for the backoff
	solo    map[int64]bool       // chats whose batch could not commit: alone until they do
}

func newQueue(workers, limit int) *queue {
	return &queue{
		workers: workers,
		limit:   limit,
		busy:    make(map[int64]int64),
		blocked: make(map[int64]time.Time),
		fails:   make(map[int64]int),
		solo:    make(map[int64]bool),
	}
}

// load replaces the snapshot with a fresh scan.
func (q *queue) load(rows []models.InboxUpdate) {
	q.rows, q.full = rows, len(rows) >= q.limit
}

// next returns the updates that may start now, and marks their chats busy.
// Only the lowest pending update of a chat is eligible, and only while no
// update of that chat is in flight: handling it could change how the next
// one must be handled, so per chat they run strictly one after another.
func (q *queue) next(now time.Time) []models.InboxUpdate { return q.take(now, q.workers) }

// take is next for at most n updates.
func (q *queue) take(now time.Time, n int) []models.InboxUpdate {
	var out []models.InboxUpdate
	seen := make(map[int64]bool)
	for _, r := range q.rows {
		if len(q.busy) >= q.workers || len(out) >= n {
			break
		}
		if seen[r.ChatID] {
			continue
		}
		seen[r.ChatID] = true
		if _, ok := q.busy[r.ChatID]; ok {
			continue
		}
		if until, ok := q.blocked[r.ChatID]; ok && now.Before(until) {
			continue
		}
		delete(q.blocked, r.ChatID)
		q.busy[r.ChatID] = r.UpdateID
		out = append(out, r)
	}
	return out
}

// batches is what may start now for up to free workers, as batches of
// at most size updates: shared evenly, so that a few updates still run
// side by side rather than in one batch, and a chat marked alone in a
// batch of its own. What does not fit waits for the next turn.
func (q *queue) batches(now time.Time, free, size int) [][]models.InboxUpdate {
	if free <= 0 {
		return nil
	}
	var out [][]models.InboxUpdate
	var shared []models.InboxUpdate
	for _, r := range q.take(now, free*size) {
		switch {
		case !q.solo[r.ChatID]:
			shared = append(shared, r)
		case len(out) < free:
			out = append(out, []models.InboxUpdate{r})
		default:
			delete(q.busy, r.ChatID) // not started after all
		}
	}
	left := free - len(out)
	for _, r := range shared[min(len(shared), left*size):] {
		delete(q.busy, r.ChatID)
	}
	shared = shared[:min(len(shared), left*size)]
	per := (len(shared) + left - 1) / max(left, 1)
	for len(shared) > 0 {
		n := min(per, len(shared))
		out = append(out, shared[:n])
		shared = shared[n:]
	}
	return out
}

// alone marks a chat to run in a batch of its own until an update of it
// commits.
func (q *queue) alone(chat int64) { q.solo[chat] = true }

// finished records that an update left pending (done or failed) and
// reports whether the snapshot should be refreshed from the database.
func (q *queue) finished(chat, id int64) bool {
	delete(q.busy, chat)
	delete(q.fails, chat)
	delete(q.solo, chat)
	q.drop(id)
	// A truncated snapshot may hide updates of idle chats behind a chat
	// with a long backlog; refresh it once half of it is used up rather
	// than after every update.
	return q.full && len(q.rows) <= q.limit/2
}

// retry records that an update is still pending (its commit failed) and
// keeps its chat waiting for a backoff; the row stays first in line.
func (q *queue) retry(chat int64, now time.Time, base time.Duration) time.Duration {
	delete(q.busy, chat)
	q.fails[chat]++
	d := backoff(base, q.fails[chat])
	q.blocked[chat] = now.Add(d)
	return d
}

// skipped records that the update could not be claimed: another replica
// holds it or just finished it. The row stays first in line for its chat —
// the chat's next update must not start while another replica may still
// be handling this one — until a fresh scan shows it is no longer pending.
func (q *queue) skipped(chat int64, now time.Time, pause time.Duration) {
	delete(q.busy, chat)
	q.blocked[chat] = now.Add(pause)
}

func (q *queue) drop(id int64) {
	q.rows = slices.DeleteFunc(q.rows, func(r models.InboxUpdate) bool { return r.UpdateID == id })
}

// wake is how long until the earliest blocked chat may be tried, capped at idle.
func (q *queue) wake(now time.Time, idle time.Duration) time.Duration {
	d := idle
	for _, until := range q.blocked {
		d = min(d, max(until.Sub(now), time.Millisecond))
	}
	return d
}

func (q *queue) inFlight() int { return len(q.busy) }
