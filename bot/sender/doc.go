// Package sender owns delivery of the outbox: one goroutine claims due
// notifications from models.Store, renders them into Telegram messages and
// sends them under Telegram's flood limits, then records each outcome.
//
// Limits (see DESIGN.md, "Rules that keep data safe"): sends are spaced
// evenly at Config.Rate per second overall, at least Config.PerChat apart
// to one chat (the parts of a split text too) and at most
// Config.GroupPerMinute per rolling minute to one group. A row whose chat
// must wait does not hold up rows for other chats. Rows of one chat go out
// in the order they were claimed, retries included: a row sent back to the
// database for a later attempt keeps every newer row of its chat behind it.
//
// Rendering: a row is rendered by Config.Render when its turn to be sent
// comes, not when it is claimed, so a notification a job wrote hours ago
// is checked against the data of now. A render error wrapping
// models.ErrLapsed records the row as lapsed (its reason is gone) and
// sends nothing; one that is ErrUnrenderable fails it for good; any other
// (the database did not answer) is retried like an ambiguous send.
//
// Outcomes: 429 pauses all sending for retry_after plus up to 250 ms of
// jitter and retries the row without counting an attempt; 403 marks the
// chat unreachable, which also fails its other waiting rows; a group
// migrated to a supergroup has its rows moved to the new id and the row is
// resent there; any other 400, 404 or 401 fails the row for good with
// Telegram's description. Timeouts, 5xx and network errors are ambiguous —
// Telegram may have delivered the message — and are retried with
// exponential backoff up to Config.MaxAttempts.
//
// Delivery is therefore at-least-once, not exactly-once, in two cases: an
// ambiguous failure that Telegram in fact delivered, and a crash (or a
// failed database write) between Telegram's answer and the row being
// marked sent; the row is sent again when its lease runs out. While the
// sender works back to back it records up to 16 sends (100 ms) in one
// transaction, so such a crash can repeat up to that many; at Telegram's
// 25 msg/s every send is recorded before the next one (see record.go). A
// split text records each part as it goes, so a retry resumes with the
// next part and repeats at most the part in flight. A send in flight when
// Run is stopped is allowed to finish and be recorded, so a normal
// shutdown sends nothing twice.
//
// Run is meant to be the only sender of a deployment: the limits are kept
// in its memory.
package sender
