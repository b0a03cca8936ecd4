package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// demo is a running demo: the fake Telegram, the database, and where the
// transcript goes.
type demo struct {
	fake    *telegramtest.Server
	st      *models.Store
	w       io.Writer
	lang    string
	loc     *time.Location
	cancel  context.CancelFunc
	done    chan struct{}
	printed int              // bot messages already shown
	names   map[int64]string // chat id → who it is, for the transcript
	jump    func(to time.Time)
	// The live board the contest step serves on loopback.
	boardURL   string
	closeBoard func()
}

// later moves the story's clock forward to a local time and says so.
func (d *demo) later(to time.Time, zh, en string) {
	d.jump(to)
	fmt.Fprintln(d.w)
	d.note(zh, en)
}

// zh picks the transcript's language for the narrator's lines.
func (d *demo) zh(zh, en string) string {
	if d.lang == "en" {
		return en
	}
	return zh
}

func (d *demo) scene(zh, en string) { fmt.Fprintf(d.w, "\n== %s ==\n", d.zh(zh, en)) }

func (d *demo) note(zh, en string) { fmt.Fprintf(d.w, d.zh("（%s）\n", "(%s)\n"), d.zh(zh, en)) }

// button is a button's label in the story's language, from the catalog:
// people tap what the bot showed them.
func (d *demo) button(key string) string { return texts.T(d.lang, key) }

// say sends text as u in their private chat and shows what follows.
func (d *demo) say(ctx context.Context, u telegramtest.User, text string) error {
	fmt.Fprintf(d.w, d.zh("【%s】%s\n", "[%s] %s\n"), u.FirstName, text)
	d.fake.SendPrivate(u, text)
	return d.settle(ctx)
}

// sayIn sends text as u in a group chat.
func (d *demo) sayIn(ctx context.Context, chat int64, u telegramtest.User, text string) error {
	fmt.Fprintf(d.w, d.zh("【%s @ %s】%s\n", "[%s @ %s] %s\n"), u.FirstName, d.names[chat], text)
	d.fake.SendText(chat, u, text)
	return d.settle(ctx)
}

// tap presses the newest button with that label in u's private chat.
func (d *demo) tap(ctx context.Context, u telegramtest.User, label string) error {
	fmt.Fprintf(d.w, d.zh("【%s】点击 [%s]\n", "[%s] taps [%s]\n"), u.FirstName, label)
	if _, err := d.fake.Tap(u.ID, u, label); err != nil {
		return fmt.Errorf("demo: %s cannot tap %q: %w", u.FirstName, label, err)
	}
	return d.settle(ctx)
}

// settle waits until every stored update is handled and every reply is
// sent, then prints the bot's new messages. The demo polls the database:
// it is a show, not a test, and the wait is bounded.
func (d *demo) settle(ctx context.Context) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		if d.fake.PendingUpdates() == 0 && d.quiet(ctx) {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("demo: the bot did not finish answering within 20s")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	msgs := d.fake.AllBotMessages()
	for _, m := range msgs[d.printed:] {
		d.printMessage(m)
	}
	d.printed = len(msgs)
	return nil
}

func (d *demo) quiet(ctx context.Context) bool {
	in, err := d.st.InboxCounts(ctx)
	if err != nil || in[models.InboxPending] > 0 {
		return false
	}
	out, err := d.st.OutboxCounts(ctx)
	return err == nil && out[models.OutboxPending] == 0 && out[models.OutboxSending] == 0
}

var tagRE = regexp.MustCompile(`<[^>]+>`)

func plain(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }

func (d *demo) printMessage(m telegramtest.Message) {
	to := d.names[m.ChatID]
	if to == "" {
		to = fmt.Sprint(m.ChatID)
	}
	text := plain(m.Text)
	if m.Document != nil {
		text = fmt.Sprintf("[%s] %s", m.Document.Name, plain(m.Document.Caption))
	}
	fmt.Fprintf(d.w, d.zh("  【干事 → %s】%s\n", "  [Ganshi → %s] %s\n"), to, strings.ReplaceAll(text, "\n", "\n    "))
	for _, row := range m.Buttons {
		var labels []string
		for _, b := range row {
			labels = append(labels, "["+b.Text+"]")
		}
		fmt.Fprintf(d.w, "    %s\n", strings.Join(labels, " "))
	}
}
