package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/ganshi/ganshi/bot/telegram"
)

// checkBot asks Telegram who the bot is before serve starts anything. A
// refused token (401) or a server that does not know the bot (404) cannot
// get better by waiting, so serve stops with exit status 2 instead of
// retrying forever behind a green /healthz, saying so in lang. Anything else (network down,
// 5xx, 429) is retried with a doubling wait, each failure logged. A
// shutdown while waiting returns ctx's error.
func checkBot(ctx context.Context, tg *telegram.Client, log *slog.Logger, apiURL, lang string, first time.Duration) error {
	wait := first
	for attempt := 1; ; attempt++ {
		me, err := tg.GetMe(ctx)
		switch {
		case err == nil:
			log.Info("telegram accepted the token", "bot", me.Username, "bot_id", me.ID)
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, tgbot.ErrorUnauthorized):
			return usageT(lang, "cli_token_refused")
		case errors.Is(err, tgbot.ErrorNotFound):
			return usageT(lang, "cli_api_404", apiURL)
		}
		log.Warn("cannot check the bot token with Telegram (getMe); retrying", "attempt", attempt, "retry_in", wait, "error", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
	}
}
