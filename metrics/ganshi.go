package metrics

// Set is the set of metrics Ganshi's parts update. nil-safe: a part given a
// nil *Set, or a Set with nil fields, records nothing.
type Set struct {
	Registry        *Registry
	UpdatesReceived *Counter   // by source: poll, webhook
	UpdatesHandled  *Counter   // by result: done, failed
	HandlerSeconds  *Histogram // from update arrival to handler end
	Sends           *Counter   // by result: sent, retry, failed, lapsed, unreachable, migrated, rate_limited
	TooManyRequests *Counter   // 429 answers from Telegram
}

// NewSet registers Ganshi's metrics in a new registry.
func NewSet() *Set {
	r := New()
	return &Set{
		Registry:        r,
		UpdatesReceived: r.Counter("ganshi_updates_received_total", "Telegram updates stored in the inbox.", "source"),
		UpdatesHandled:  r.Counter("ganshi_updates_handled_total", "Inbox updates handled, by result.", "result"),
		HandlerSeconds:  r.Histogram("ganshi_handler_seconds", "Time from an update's arrival to its handler's commit.", DefBuckets),
		Sends:           r.Counter("ganshi_sends_total", "Outbox send attempts, by result.", "result"),
		TooManyRequests: r.Counter("ganshi_telegram_429_total", "429 Too Many Requests answers from Telegram.", ""),
	}
}
