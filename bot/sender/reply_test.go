package sender_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/models"
)

// fanOut writes one reminder to each of chats 1..n in the bulk lane, as a
// job does.
func (e *env) fanOut(n int64) {
	e.t.Helper()
	var ns []models.Notification
	for id := int64(1); id <= n; id++ {
		e.users(id)
		ns = append(ns, models.Notification{ChatID: id, Kind: sender.KindText,
			Payload: fmt.Sprintf(`{"text":"%sremind-%d"}`, textMark, id), DedupKey: fmt.Sprintf("remind-%d", id)})
	}
	if _, err := e.st.EnqueueMany(context.Background(), ns); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) reply(chat int64, key string) {
	e.t.Helper()
	n := &models.Notification{ChatID: chat, Kind: sender.KindText, Payload: fmt.Sprintf(`{"text":"%s%s"}`, textMark, key),
		DedupKey: key, Lane: models.LaneReply}
	if ok, err := e.st.Enqueue(context.Background(), n); err != nil || !ok {
		e.t.Fatalf("enqueue %s: %v %v", key, ok, err)
	}
}

func TestReplyIsNotQueuedBehindAFanOut(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		e := newEnv(t, st, limits())
		e.fanOut(500)
		e.users(9001)
		cfg := e.config()
		cfg.Idle = time.Hour // only the poke can make the sender look
		r := e.start(cfg)
		e.waitRequests(10)
		// Chat 20's reminder is claimed and waiting; chat 9001 has none.
		e.reply(9001, "reply-9001")
		e.reply(20, "reply-20")
		r.Poke()
		before := len(e.srv.AllBotMessages())
		e.waitMessages(20, 2)
		r.stop()

		var after []string
		for _, m := range e.srv.AllBotMessages()[before:] {
			after = append(after, strings.TrimPrefix(m.Text, textMark))
		}
		// At most one reminder was already on its way when the replies
		// were written; the replies take the next two send slots.
		i := 0
		if i < len(after) && strings.HasPrefix(after[i], "remind-") {
			i++
		}
		if len(after) < i+2 || after[i] != "reply-9001" || after[i+1] != "reply-20" {
			t.Fatalf("sent after the replies were written: %v", after[:min(len(after), 5)])
		}
		if got := texts(e.srv.BotMessages(20)); strings.Join(got, " ") != "reply-20 remind-20" {
			t.Errorf("chat 20 got %v", got)
		}
		if ts := e.srv.SentTimes(20); ts[1].Sub(ts[0]) < chatGap {
			t.Errorf("chat 20's reminder %v after the reply", ts[1].Sub(ts[0]))
		}
		if n := e.srv.Count429(); n != 0 {
			t.Errorf("%d answers 429", n)
		}
	})
}
