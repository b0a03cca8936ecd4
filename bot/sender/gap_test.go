package sender_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
)

// Messages to one chat arrive at the server at least 1 s apart even when
// one request is slow to get there and the next is quick: the gap counts
// from the answer, not from the request's start.
func TestPerChatGapAtArrival(t *testing.T) {
	eachStore(t, func(t *testing.T, st *models.Store) {
		// No flood limits at the fake: a gap too short is seen, not refused.
		e := newEnv(t, st, telegramtest.Options{})
		e.users(7)
		// Every other send to chat 7 reaches the server 200 ms late.
		for range 2 {
			e.srv.Inject(telegramtest.Fault{Method: "sendMessage", ChatID: 7, Delay: 200 * time.Millisecond, Count: 1})
			e.srv.Inject(telegramtest.Fault{Method: "sendMessage", ChatID: 7, Count: 1, Delay: time.Microsecond})
		}
		// A text in four parts: they go out as soon as the chat's gap allows.
		e.enqueue(7, "long", telegram.Message{Text: strings.Repeat(textMark+" 一二三四五六七八九十\n", 3*telegram.MaxText/10)})
		e.start(e.config())
		e.waitMessages(7, 4)
		times := e.srv.SentTimes(7)
		for i := 1; i < len(times); i++ {
			if gap := times[i].Sub(times[i-1]); gap < time.Second {
				t.Errorf("messages %d and %d arrived %v apart", i, i+1, gap)
			}
		}
	})
}
