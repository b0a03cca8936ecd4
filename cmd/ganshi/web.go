package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/ganshi/ganshi/web"
)

// webConsole builds the web console when GANSHI_PUBLIC_URL is set (nil
// otherwise): the same store and zone as the bot, the job engine's fire
// times for 日程, and the bot's username for invitation links.
func (a *app) webConsole() (http.Handler, error) {
	if a.cfg.PublicURL == "" {
		return nil, nil
	}
	console, err := web.New(web.Options{Store: a.st, PublicURL: a.cfg.PublicURL, Location: a.cfg.TZ, Logger: a.log,
		Scheduler: chatScheduler{loc: a.cfg.TZ, log: a.log}, BotUsername: a.botUsername()})
	if err != nil {
		return nil, fmt.Errorf("web console: %w", err)
	}
	a.closeBoards = console.CloseBoards
	return console, nil
}

// botUsername asks Telegram for the bot's username once it is first
// needed, and remembers it; a failure is tried again next time.
func (a *app) botUsername() func(context.Context) (string, error) {
	var (
		mu   sync.Mutex
		name string
	)
	return func(ctx context.Context) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		if name != "" {
			return name, nil
		}
		me, err := a.tg.GetMe(ctx)
		if err != nil {
			return "", fmt.Errorf("ask Telegram for the bot's username: %w", err)
		}
		name = me.Username
		return name, nil
	}
}
