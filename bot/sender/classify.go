package sender

import (
	"errors"
	"log/slog"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// action is what the sender does about a failed send.
type action int

const (
	// retryLater: the request may or may not have reached Telegram
	// (timeout, 5xx, network). Retried with backoff: at-least-once.
	retryLater action = iota
	// pauseAll: 429 (or 401). Nothing goes out until retry_after has passed; the
	// row is retried without counting an attempt.
	pauseAll
	// unreachable: 403. The person blocked the bot or left; stop trying.
	unreachable
	// migrate: the group became a supergroup with a new id; resend there.
	migrate
	// failNow: Telegram refused the message itself (400, 404);
	// sending it again cannot help.
	failNow
	// alreadyDone: an edit that changes nothing. The chat already shows
	// what we wanted, so it counts as delivered.
	alreadyDone
)

// verdict is classify's answer: a plain value the sender carries out.
type verdict struct {
	action     action
	retryAfter time.Duration // pauseAll
	migrateTo  int64         // migrate
	reason     string        // Telegram's description, for LastError and logs
	level      slog.Level    // how loudly the failure is logged
}

// unauthorizedPause is how long sending stops after a 401 before trying again.
const unauthorizedPause = 5 * time.Minute

// minRetryAfter stands in when a 429 arrives without retry_after.
const minRetryAfter = time.Second

// classify decides what a send error means. It uses errors.As/Is
// throughout because the client wraps the library's errors, which defeats
// the library's own IsTooManyRequestsError and IsMigrateError.
func classify(err error) verdict {
	var tooMany *tgbot.TooManyRequestsError
	var moved *tgbot.MigrateError
	switch {
	case errors.As(err, &tooMany):
		wait := max(time.Duration(tooMany.RetryAfter)*time.Second, minRetryAfter)
		return verdict{action: pauseAll, retryAfter: wait, reason: describe(tooMany.Message, tgbot.ErrorTooManyRequests), level: slog.LevelWarn}
	case errors.As(err, &moved):
		return verdict{action: migrate, migrateTo: int64(moved.MigrateToChatID),
			reason: describe(moved.Message, tgbot.ErrorBadRequest), level: slog.LevelInfo}
	case errors.Is(err, tgbot.ErrorForbidden):
		return verdict{action: unreachable, reason: describe(err.Error(), tgbot.ErrorForbidden), level: slog.LevelInfo}
	case errors.Is(err, tgbot.ErrorBadRequest):
		reason := describe(err.Error(), tgbot.ErrorBadRequest)
		if strings.Contains(reason, "message is not modified") {
			return verdict{action: alreadyDone, reason: reason, level: slog.LevelDebug}
		}
		return verdict{action: failNow, reason: reason, level: slog.LevelWarn}
	case errors.Is(err, tgbot.ErrorNotFound):
		return verdict{action: failNow, reason: describe(err.Error(), tgbot.ErrorNotFound), level: slog.LevelWarn}
	case errors.Is(err, tgbot.ErrorUnauthorized):
		// A bad or revoked token: every send fails until an operator acts.
		// Failing each row would throw the whole outbox away at full speed;
		// pausing keeps it until the token is fixed.
		return verdict{action: pauseAll, retryAfter: unauthorizedPause, reason: describe(err.Error(), tgbot.ErrorUnauthorized), level: slog.LevelError}
	}
	return verdict{action: retryLater, reason: err.Error(), level: slog.LevelWarn}
}

// describe cuts Telegram's description out of the library's error text,
// which reads "<sentinel>, <description>" (or "<sentinel>: <description>"
// for MigrateError), after whatever our client put in front.
func describe(msg string, sentinel error) string {
	for _, sep := range []string{", ", ": "} {
		if _, desc, ok := strings.Cut(msg, sentinel.Error()+sep); ok && desc != "" {
			return desc
		}
	}
	return msg
}
