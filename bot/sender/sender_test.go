package sender_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
)

// Telegram's per-chat limit as the fake enforces it: 1 s minus its tolerance.
const chatGap = 900 * time.Millisecond

func texts(msgs []telegramtest.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = strings.TrimPrefix(m.Text, textMark)
	}
	return out
}

func TestDeliversInOrderWithoutHoldingUpOtherChats(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1, 2)
		ids := []int64{e.text(1, "a1"), e.text(1, "a2"), e.text(1, "a3"), e.text(2, "b1")}
		r := e.start(e.config())
		got := e.waitMessages(1, 3)
		e.waitMessages(2, 1)
		r.stop()

		if want := []string{"a1", "a2", "a3"}; strings.Join(texts(got), ",") != strings.Join(want, ",") {
			t.Fatalf("chat 1 got %v, want %v", texts(got), want)
		}
		a, b := e.srv.SentTimes(1), e.srv.SentTimes(2)
		if !b[0].Before(a[1]) {
			t.Errorf("chat 2 waited behind chat 1: b1 at %v, a2 at %v", b[0], a[1])
		}
		for i := 1; i < len(a); i++ {
			if gap := a[i].Sub(a[i-1]); gap < chatGap {
				t.Errorf("two messages to chat 1 only %v apart", gap)
			}
		}
		if n := e.srv.Count429(); n != 0 {
			t.Errorf("%d answers 429", n)
		}
		for _, id := range ids {
			if n := e.row(id); n.Status != models.OutboxSent || n.PartsSent != 1 || n.TelegramMessageID == 0 || n.Attempts != 1 {
				t.Errorf("row %d = %+v", id, n)
			}
		}
		if got := e.met.Sends.Value("sent"); got != 4 {
			t.Errorf("sent metric = %d", got)
		}
		if r.LastSuccess().IsZero() {
			t.Error("LastSuccess not set")
		}
	})
}

func TestPokeWakesIdleSender(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1)
		cfg := e.config()
		cfg.Idle = time.Hour
		r := e.start(cfg)
		e.text(1, "late")
		r.Poke()
		e.waitMessages(1, 1)
	})
}

func TestLongTextGoesOutInParts(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1)
		long := textMark + strings.Repeat("a", telegram.MaxText+1-len(textMark))
		buttons := [][]telegram.Button{{{Text: "OK", Data: "ok:1"}}}
		id := e.enqueue(1, "long", telegram.Message{Text: long, Buttons: buttons})
		r := e.start(e.config())
		got := e.waitMessages(1, 2)
		r.stop()

		if len(got) != 2 || got[0].Text != long[:telegram.MaxText] || got[1].Text != "a" {
			t.Fatalf("got %d messages, lengths %d…", len(got), len(got[0].Text))
		}
		if len(got[0].Buttons) != 0 || len(got[1].Buttons) != 1 {
			t.Errorf("buttons should be on the last part only: %v / %v", got[0].Buttons, got[1].Buttons)
		}
		if ts := e.srv.SentTimes(1); ts[1].Sub(ts[0]) < chatGap {
			t.Errorf("parts %v apart", ts[1].Sub(ts[0]))
		}
		if n := e.row(id); n.Status != models.OutboxSent || n.PartsSent != 2 || n.TelegramMessageID != got[1].MessageID {
			t.Errorf("row = %+v", n)
		}
	})
}

func TestResumesTextAfterCrashBetweenParts(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1)
		e.users(2)
		long := textMark + strings.Repeat("a", telegram.MaxText+1-len(textMark))
		id := e.enqueue(1, "long", telegram.Message{Text: long})
		// A sender sent part 1, recorded it, and died.
		if err := st.MarkPartSent(context.Background(), id, 1); err != nil {
			t.Fatal(err)
		}
		r := e.start(e.config())
		got := e.waitMessages(1, 1)
		r.stop()

		if len(got) != 1 || got[0].Text != "a" {
			t.Fatalf("got %d messages, first %q; want only part 2", len(got), got[0].Text[:min(20, len(got[0].Text))])
		}
		if n := e.row(id); n.Status != models.OutboxSent || n.PartsSent != 2 {
			t.Errorf("row = %+v", n)
		}
	})
}

func TestStopReleasesClaimedRows(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1)
		first, second := e.text(1, "a1"), e.text(1, "a2")
		r := e.start(e.config())
		e.waitMessages(1, 1)
		// a2 is claimed and waiting out chat 1's one-second gap.
		if took := r.stop(); took > 500*time.Millisecond {
			t.Errorf("Run took %v to return", took)
		}
		if n := len(e.srv.BotMessages(1)); n != 1 {
			t.Fatalf("%d messages sent; a2 should not have gone", n)
		}
		if n := e.row(first); n.Status != models.OutboxSent {
			t.Errorf("a1 = %+v", n)
		}
		if n := e.row(second); n.Status != models.OutboxPending || n.LeaseUntil != nil || n.Attempts != 0 {
			t.Errorf("a2 not released: %+v", n)
		}
	})
}

func TestUnknownKindFails(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1, 2)
		bad := e.enqueueRaw(1, "photo", "photo", `{}`)
		e.text(2, "after")
		r := e.start(e.config())
		e.waitMessages(2, 1)
		r.stop()

		n := e.row(bad)
		if n.Status != models.OutboxFailed || n.LastError != `render: unknown notification kind "photo"` {
			t.Errorf("row = %+v", n)
		}
		if got := e.srv.Requests("sendMessage"); got != 1 {
			t.Errorf("%d sendMessage requests", got)
		}
	})
}

func TestWaitingChatGoesBackToOutbox(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.users(1, 2)
		cfg := e.config()
		// Chat 1 must wait 2 s between messages, longer than the 1 s a
		// row may wait in memory with a 4 s lease: a2 goes back to the
		// outbox instead of holding the batch, and b1 is not held up.
		cfg.PerChat, cfg.Lease = 2*time.Second, 4*time.Second
		e.text(1, "a1")
		a2 := e.text(1, "a2")
		e.text(2, "b1")
		r := e.start(cfg)
		e.waitMessages(2, 1)
		e.waitMessages(1, 2)
		r.stop()

		ts := e.srv.SentTimes(1)
		if gap := ts[1].Sub(ts[0]); gap < 2*time.Second {
			t.Errorf("a2 %v after a1", gap)
		}
		if b := e.srv.SentTimes(2); !b[0].Before(ts[1]) {
			t.Error("b1 waited behind a2")
		}
		if n := e.row(a2); n.Status != models.OutboxSent || n.Attempts != 1 {
			t.Errorf("a2 = %+v; waiting must not count as an attempt", n)
		}
	})
}

func TestBackToBackSendsAreAllRecorded(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, telegramtest.Options{})
		const n = 50 // more than one batch of records
		for id := int64(1); id <= n; id++ {
			e.users(id)
			e.text(id, "m"+strconv.FormatInt(id, 10))
		}
		cfg := e.config()
		cfg.Rate, cfg.Batch = -1, 20
		r := e.start(cfg)
		err := e.srv.WaitFor(waitCtx(t), func(s *telegramtest.Server) bool { return len(s.AllBotMessages()) >= n })
		if err != nil {
			t.Fatal(err)
		}
		r.stop()

		counts, err := st.OutboxCounts(context.Background())
		if err != nil || counts[models.OutboxSent] != n || len(counts) != 1 {
			t.Fatalf("outbox = %v, %v", counts, err)
		}
		if got := len(e.srv.AllBotMessages()); got != n {
			t.Fatalf("%d messages for %d rows", got, n)
		}
	})
}
