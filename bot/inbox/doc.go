// Package inbox owns the inbound half of the bot: it takes Telegram updates
// in (a getUpdates poller guarded by a lease, or a webhook), stores each one
// in the models inbox before anything acts on it, and dispatches stored
// updates to a Handler once each, in update_id order per chat, with bounded
// concurrency and panic recovery.
//
// The rule it keeps (DESIGN.md, "Inbound"): Telegram is told an update was
// received only after the update was committed — the poller asks for the
// next offset only after SaveUpdates returned, the webhook answers 200 only
// after SaveUpdate returned — and an update is marked done in the same
// transaction as its handler's writes. A crash at any point therefore loses
// nothing; at worst an update is received twice and stored once, or a
// handler runs again after its transaction failed to commit — its database
// writes land once, so handlers must act only through them (the outbox).
//
// A worker handles a batch of updates of different chats in one
// transaction, each handler in a savepoint of its own: a failing one is
// rolled back and marked failed while the rest commit, and a batch that
// cannot commit leaves all of its updates pending. One commit for many is
// what keeps the inbound path's cost near a bare bot's on SQLite.
//
// Order holds per chat in update_id order as stored. The poller stores in
// Telegram's order; a webhook with max_connections > 1 may store a later
// update of a chat before an earlier one, and the later one may then be
// handled first.
//
// Map of the package:
//
//	poller.go      getUpdates under the poller lease; stores, then asks for the next offset
//	webhook.go     the webhook: secret checked in constant time, stored, then 200
//	dispatcher.go  stored updates → Handler, per chat in order, in batches, bounded concurrency
//	queue.go       the dispatcher's view of pending updates
//	recover.go     a panic in a handler becomes that update's error
//	inbox.go       Handler and what the parts share
package inbox
