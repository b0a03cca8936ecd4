// Package sender owns delivery of the outbox: one goroutine claims due
// notifications from models.Store, renders them into Telegram messages and
// sends them under Telegram's flood limits, then records each outcome.
//
// Limits (see DESIGN.md, "Rules that keep data safe"): sends are spaced
// evenly at Config.Rate per second overall, at least Config.PerChat apart
// to one chat (the parts of a split text too) and at most
// Config.GroupPerMinute per rolling minute to one group. A row whose chat
// must wait does not hold up rows for other chats. A chat's gap counts
// from Telegram's answer to its previous send, not from the request's
// start, so messages also arrive at least Config.PerChat apart however
// long a request took to get there.
//
// Lanes: replies go ahead of bulk. The outbox has two lanes
// (models.LaneReply, models.LaneBulk). The bot writes replies — its
// answer to what a person just did, and what that action tells someone
// else — and jobs write bulk: reminders and digests, up to thousands at a
// time. The sender claims replies first and puts them at the front of its
// pool of claimed rows, so a reply takes the next free send slot instead
// of waiting for the pool (4 s at 25 msg/s) or the backlog (minutes) to
// drain. It looks for replies when poked, even with a full pool, and once
// per Config.Idle while busy, which finds replies written by another
// process. Lanes change only the order: every send still passes the one
// limiter above.
//
// Order within one chat:
//   - Rows of one lane go out in the order they were claimed (oldest
//     first, then by id), so several replies to one update arrive in order.
//   - A reply overtakes its chat's bulk rows that have not begun: the
//     person just acted, so the answer comes first and the reminder a
//     second later.
//   - A row that has had its turn is never overtaken. A text sent in parts
//     moves to the reply lane with its first part, in memory and in the
//     outbox, so nothing lands between its parts; a row sent back to the
//     outbox (an ambiguous failure, a wait too long to hold) moves there
//     too, keeps every newer row of its chat behind it, and returns when
//     due rather than behind the bulk backlog.
//   - Edits and callback answers come from the bot only, in the reply lane,
//     in order among themselves; jobs write none. The message an edit
//     changes went out before the person could act on it, so a reply
//     overtaking bulk never puts an edit before its message.
//
// A sender started after a crash knows nothing of its predecessor's
// sent-back rows: a row written since may overtake one of them that is
// still waiting out its backoff, as any new row could before lanes existed.
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
// marked sent; the row is sent again when its lease runs out. At
// Telegram's rates (up to 30 msg/s) every send is recorded before the
// next one, so a crash repeats at most the message in flight; above them
// (a local Bot API server) the sender records up to 16 sends (100 ms) in
// one transaction while it works back to back, so such a crash can repeat
// up to that many (see record.go). A
// split text records each part as it goes, so a retry resumes with the
// next part and repeats at most the part in flight. A send in flight when
// Run is stopped is allowed to finish and be recorded, so a normal
// shutdown sends nothing twice.
//
// Cost of recording: each send is claimed (a transaction that marks the
// row sending), rendered from the read pool and marked sent. At the
// default 25 msg/s the sender waits before every send, so every record is
// a transaction of its own; working back to back, up to 16 share one
// (record.go). Measured on SQLite with the fake server in the same process
// (its CPU included on both sides):
//
//	at 25 msg/s  BenchmarkSenderRate25       1.31 ms CPU/msg, 24.4 msg/s, 0×429
//	             BenchmarkBareLibraryRate25  0.95 ms CPU/msg (a bare send, same pace)
//	unlimited    BenchmarkSenderUnlimited    0.37 ms CPU/msg, 1,880 msg/s
//	             BenchmarkBareLibrary        0.22 ms CPU/msg, 4,400 msg/s
//
// so at the default rate the bookkeeping adds about 0.36 ms per message,
// under 1% of one core, and the whole sender costs about 3% of one core.
// Commands: GANSHI_BENCH_MESSAGES=500 go test ./bot/sender -run '^$'
// -bench Rate25 -benchtime 1x; go test ./bot/sender -run '^$' -bench
// 'SenderUnlimited|BareLibrary$' -benchtime 2000x.
//
// Run is meant to be the only sender of a deployment: the limits are kept
// in its memory.
package sender
