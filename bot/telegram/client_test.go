package telegram_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
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

// net/http shows a request's URL escaped, so a token with a space or a
// plus sign appears as %20 or %2B in a network error; the library only
// redacts the raw form. Every spelling must go.
func TestErrorsNeverShowAnEscapedToken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	token := "123456:AAH-very secret+part_with\"odd<chars"
	c, err := telegram.New(token, closed, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, sendErr := c.Send(ctx, 5, telegram.Message{Text: "hi"})
	_, pollErr := c.GetUpdates(ctx, 0, 10, 0)
	_, meErr := c.GetMe(ctx)
	for _, err := range []error{sendErr, pollErr, meErr} {
		if err == nil {
			t.Fatal("expected an error")
		}
		for _, part := range []string{"very", "secret", "part_with", "odd"} {
			if strings.Contains(err.Error(), part) {
				t.Errorf("error shows part of the token (%q): %v", part, err)
			}
		}
	}
	// errors.Is and errors.As still see through the redaction.
	wrapped := c.Redact(fmt.Errorf("call %s: %w", url.PathEscape(token), context.DeadlineExceeded))
	if !errors.Is(wrapped, context.DeadlineExceeded) || strings.Contains(wrapped.Error(), "secret") {
		t.Errorf("redacted = %v", wrapped)
	}
}

func TestCheckToken(t *testing.T) {
	for token, ok := range map[string]bool{
		"110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw": true,
		telegramtest.DefaultToken:                      true,
		":AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw":          false,
		"123456:":                                      false,
		"123456:ABC":                                   false,
		"1234:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw":      false,
		"110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PAL saw": false,
		"110201543AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw":  false,
		"": false,
	} {
		err := telegram.CheckToken(token)
		if (err == nil) != ok {
			t.Errorf("CheckToken(%q) = %v, want ok %v", token, err, ok)
		}
		if err != nil && len(token) > 10 && strings.Contains(err.Error(), token[7:]) {
			t.Errorf("CheckToken repeats the token: %v", err)
		}
	}
}
