package telegramtest

import (
	"math"
	"time"
)

// Telegram's documented flood limits for sending messages.
const (
	globalPerSecond = 30
	groupPerMinute  = 20
	// chatInterval is 1 message/s per chat minus the tolerance the fake
	// grants for client clock jitter.
	chatInterval = time.Second - 100*time.Millisecond
)

// checkLimits returns a 429 if sending to chatID now would exceed a flood
// limit; callers hold s.mu and record the send with recordSend when it is
// performed.
func (s *Server) checkLimits(chatID int64, now time.Time) *apiError {
	if !s.opts.EnforceLimits {
		return nil
	}
	var wait time.Duration
	var inSecond, inMinute []time.Time
	var lastToChat time.Time
	for _, e := range s.state.sends {
		if now.Sub(e.at) < time.Second {
			inSecond = append(inSecond, e.at)
		}
		if e.chatID == chatID {
			lastToChat = e.at
			if now.Sub(e.at) < time.Minute {
				inMinute = append(inMinute, e.at)
			}
		}
	}
	if len(inSecond) >= globalPerSecond {
		wait = max(wait, inSecond[len(inSecond)-globalPerSecond].Add(time.Second).Sub(now))
	}
	if !lastToChat.IsZero() && now.Sub(lastToChat) < chatInterval {
		wait = max(wait, lastToChat.Add(time.Second).Sub(now))
	}
	if chatID < 0 && len(inMinute) >= groupPerMinute {
		wait = max(wait, inMinute[len(inMinute)-groupPerMinute].Add(time.Minute).Sub(now))
	}
	if wait <= 0 {
		return nil
	}
	return tooMany(retryAfter(wait))
}

// retryAfter rounds a wait up to whole seconds, at least 1, as Telegram does.
func retryAfter(wait time.Duration) int {
	return max(1, int(math.Ceil(wait.Seconds())))
}

// recordSend notes an accepted send; callers hold s.mu.
func (s *Server) recordSend(chatID int64, now time.Time) {
	s.state.sends = append(s.state.sends, sendEntry{chatID: chatID, at: now})
}
