package sender

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/ganshi/ganshi/bot/telegram"
)

func TestClassify(t *testing.T) {
	client, err := telegram.New("123:SECRET", "http://127.0.0.1:1", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// Errors built the way go-telegram/bot builds them, then wrapped as our
	// client wraps them.
	tooMany := &tgbot.TooManyRequestsError{Message: "too many requests, Too Many Requests: retry after 3", RetryAfter: 3}
	blocked := fmt.Errorf("%w, %s", tgbot.ErrorForbidden, "Forbidden: bot was blocked by the user")
	moved := &tgbot.MigrateError{Message: "bad request: Bad Request: group chat was upgraded to a supergroup chat", MigrateToChatID: -100}
	badData := fmt.Errorf("%w, %s", tgbot.ErrorBadRequest, "Bad Request: BUTTON_DATA_INVALID")
	tests := []struct {
		name   string
		err    error
		want   action
		reason string
		level  slog.Level
	}{
		{"429", fmt.Errorf("send: %w", tooMany), pauseAll, "Too Many Requests: retry after 3", slog.LevelWarn},
		{"403 blocked", fmt.Errorf("send: %w", blocked), unreachable, "Forbidden: bot was blocked by the user", slog.LevelInfo},
		{"403 redacted by our client", client.Redact(fmt.Errorf("send via 123:SECRET: %w", blocked)), unreachable, "Forbidden: bot was blocked by the user", slog.LevelInfo},
		{"migrated", fmt.Errorf("send: %w", moved), migrate, "Bad Request: group chat was upgraded to a supergroup chat", slog.LevelInfo},
		{"other 400", fmt.Errorf("send: %w", badData), failNow, "Bad Request: BUTTON_DATA_INVALID", slog.LevelWarn},
		{"edit changes nothing", fmt.Errorf("send: %w, %s", tgbot.ErrorBadRequest, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same"), alreadyDone, "", slog.LevelDebug},
		{"404", fmt.Errorf("send: %w, %s", tgbot.ErrorNotFound, "Not Found"), failNow, "Not Found", slog.LevelWarn},
		{"401 bad token", fmt.Errorf("send: %w, %s", tgbot.ErrorUnauthorized, "Unauthorized"), pauseAll, "Unauthorized", slog.LevelError},
		{"502", fmt.Errorf("send: %w", errors.New("error response from telegram for method sendMessage, 502 Bad Gateway")), retryLater, "", slog.LevelWarn},
		{"timeout", fmt.Errorf("send: error do request for method sendMessage, %w", &url.Error{Op: "Post", URL: "http://x", Err: context.DeadlineExceeded}), retryLater, "", slog.LevelWarn},
		{"409 is not ours to judge", fmt.Errorf("send: %w, %s", tgbot.ErrorConflict, "Conflict"), retryLater, "", slog.LevelWarn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := classify(tt.err)
			if v.action != tt.want {
				t.Fatalf("action = %d, want %d", v.action, tt.want)
			}
			if tt.reason != "" && v.reason != tt.reason {
				t.Errorf("reason = %q, want %q", v.reason, tt.reason)
			}
			if v.level != tt.level {
				t.Errorf("level = %v, want %v", v.level, tt.level)
			}
		})
	}
}

func TestClassifyDetails(t *testing.T) {
	v := classify(fmt.Errorf("send: %w", &tgbot.TooManyRequestsError{RetryAfter: 3}))
	if v.retryAfter != 3*time.Second {
		t.Errorf("retry_after 3 → %v", v.retryAfter)
	}
	// Telegram always sends retry_after; if it ever does not, still pause.
	if v := classify(&tgbot.TooManyRequestsError{}); v.retryAfter != time.Second {
		t.Errorf("missing retry_after → %v", v.retryAfter)
	}
	if v := classify(fmt.Errorf("send: %w", &tgbot.MigrateError{MigrateToChatID: -1001234})); v.migrateTo != -1001234 {
		t.Errorf("migrate_to = %d", v.migrateTo)
	}
	if v := classify(errors.New("connection reset")); v.reason != "connection reset" {
		t.Errorf("ambiguous reason = %q", v.reason)
	}
	if v := classify(fmt.Errorf("send: %w", &tgbot.TooManyRequestsError{RetryAfter: 3})); v.action != pauseAll {
		t.Error("wrapped 429 missed")
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{{1, time.Second}, {2, 2 * time.Second}, {3, 4 * time.Second}, {9, 256 * time.Second}, {10, maxBackoff}, {40, maxBackoff}}
	for _, tt := range tests {
		got := backoff(time.Second, tt.attempt)
		if got < tt.want || got > tt.want+tt.want/10 {
			t.Errorf("backoff(1s, %d) = %v, want %v plus ≤10%%", tt.attempt, got, tt.want)
		}
	}
	// A large base must not overflow into a negative wait.
	if got := backoff(time.Hour, 29); got < maxBackoff || got > maxBackoff+maxBackoff/10 {
		t.Errorf("backoff(1h, 29) = %v", got)
	}
}
