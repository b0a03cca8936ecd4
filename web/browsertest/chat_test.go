package browsertest

import (
	"context"
	"regexp"
	"strings"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

// say sends a private message to the bot as name.
func (w *world) say(name, text string) {
	w.fake.SendPrivate(w.users[name], text)
}

// heard waits until the bot has written to chat a message containing
// want, and returns it.
func (w *world) heard(chat int64, want string) telegramtest.Message {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var found telegramtest.Message
	err := w.fake.WaitFor(ctx, func(s *telegramtest.Server) bool {
		for _, m := range s.BotMessages(chat) {
			if strings.Contains(m.Plain, want) {
				found = m
				return true
			}
		}
		return false
	})
	if err != nil {
		var got []string
		for _, m := range w.fake.BotMessages(chat) {
			got = append(got, m.Plain)
		}
		w.t.Fatalf("chat %d never heard %q; it has:\n%s", chat, want, strings.Join(got, "\n---\n"))
	}
	return found
}

// told is heard for a person's private chat.
func (w *world) told(name, want string) telegramtest.Message {
	w.t.Helper()
	return w.heard(w.users[name].ID, want)
}

var linkRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+/login/[A-Za-z0-9_-]{43}`)

// loginLink sends /web as name and returns the link the bot sent back.
func (w *world) loginLink(name string) string {
	w.t.Helper()
	before := len(w.fake.BotMessages(w.users[name].ID))
	w.say(name, "/web")
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	msgs, err := w.fake.WaitBotMessages(ctx, w.users[name].ID, before+1)
	if err != nil {
		w.t.Fatal(err)
	}
	link := linkRE.FindString(msgs[len(msgs)-1].Plain)
	if link == "" {
		w.t.Fatalf("/web sent no login link: %q", msgs[len(msgs)-1].Plain)
	}
	return link
}

// login opens a tab for name and logs in through the link /web sends in
// chat, pressing the page's button as a person does.
func (w *world) login(name string) *tab {
	w.t.Helper()
	tb := w.browser(name)
	if status := tb.open(w.loginLink(name)); status != 200 {
		w.t.Fatalf("the login link answered %d: %s", status, tb.text())
	}
	tb.sees("confirmation page", name, "登录")
	if status := tb.press("button.primary"); status != 200 {
		w.t.Fatalf("logging in answered %d: %s", status, tb.text())
	}
	tb.sees("after logging in", "总览", name)
	return tb
}
