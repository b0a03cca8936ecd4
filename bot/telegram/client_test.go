package telegram_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
)

const secret = "AAH-very-secret-part"

// The library puts the token in every request URL; no error we return may
// carry it, whether the network failed or Telegram refused.
func TestErrorsNeverShowTheToken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close() // nothing listens here any more: connection refused

	fake := telegramtest.New(telegramtest.Options{Token: "123:" + secret})
	defer fake.Close()
	fake.AddUser(telegramtest.User{ID: 5, FirstName: "x"})
	fake.Inject(telegramtest.Fault{Status: 500})

	for name, url := range map[string]string{"network": closed, "refusal": fake.URL(), "timeout": fake.URL()} {
		t.Run(name, func(t *testing.T) {
			c, err := telegram.New("123:"+secret, url, 2*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			if name == "timeout" {
				fake.ClearFaults()
				fake.Inject(telegramtest.Fault{Delay: 5 * time.Second})
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			_, sendErr := c.Send(ctx, 5, telegram.Message{Text: "hi"})
			_, pollErr := c.GetUpdates(ctx, 0, 10, time.Second)
			_, meErr := c.GetMe(ctx)
			for _, err := range []error{sendErr, pollErr, meErr} {
				if err == nil {
					t.Fatal("expected an error")
				}
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("error shows the token: %v", err)
				}
			}
		})
	}
}
