// Package bot owns everything a person sees in Telegram: routing a stored
// update to the flow it belongs to, keyboards and their button data
// (callback.go), the replies, which it writes to the outbox inside the
// handler's transaction so that a reply is never lost and never written
// twice, and the look of every notification a job writes (render.go). The
// words come from package texts, in the reader's language.
//
// Its subpackages carry the I/O: telegram (the Bot API client), inbox
// (updates in), sender (the outbox drained under Telegram's limits) and
// telegramtest (a strict fake Bot API server for tests and the demo).
package bot
