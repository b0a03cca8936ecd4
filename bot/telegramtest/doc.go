// Package telegramtest owns a strict fake of the Telegram Bot API served
// over net/http/httptest. It answers the methods the Ganshi bot uses with
// Telegram's envelopes, validation rules and error texts, simulates users and
// groups talking to the bot, records a transcript of every chat, and can
// inject faults (429, 5xx, delays) or enforce Telegram's flood limits.
//
// It is used by unit tests, by process-level tests that run the bot binary
// against URL(), and by the demo command at runtime, so it never imports
// the testing package.
//
// Map of the package:
//
//	server.go, params.go, wire.go   the server, request parsing, Telegram's JSON shapes
//	methods.go, methods_more.go     the Bot API methods Ganshi calls, with Telegram's checks
//	text.go, html.go, markup.go     text and HTML entities, keyboards (64-byte callback data)
//	users.go, taps.go, state.go     simulated users and groups: messages, taps, edits
//	updates.go                      getUpdates as Telegram serves it
//	faults.go, limits.go            injected failures; Telegram's flood limits
//	transcript.go                   what each chat shows, for tests and the demo
package telegramtest
