// Package bot owns everything a person sees in Telegram: routing a stored
// update to the flow it belongs to, keyboards and their button data, the
// replies, which it writes to the outbox inside the handler's transaction
// so that a reply is never lost and never written twice, and the look of
// every notification a job writes. The words come from package texts, in
// the reader's language; the data and its rules from package models.
//
// Map of the package (one file per command or flow):
//
//	router.go, incoming.go     an update → a command, a tap or a conversation's next answer
//	request.go, args.go        one handled update: the person, their language, the reply helpers
//	commands.go                commandList: every chat command, who it serves, its run func;
//	                           routing, /help and the menus (menus.go) all read it
//	callback.go                button data: named prefixes, typed encode/decode (≤64 bytes)
//	buttons.go                 onTap: which func answers each kind of button
//	conversation.go            multi-step answers, their state kept in models.Conversation
//	render.go                  notices: every notification kind a job writes, its
//	                           payload, its re-check in models and its look
//	report_*.go, reports_list  月度实绩: fill in, check last month's plan, submit, sign, view
//	talk_*.go                  谈心谈话: plan, invite, record, list, remind
//	digest*.go, tally.go       工作提示 (digests) and the figures /reports shows
//	start.go, onboarding.go    binding a chat by invitation code, the first steps
//	exempt.go, holiday.go, due.go, schedules.go, unbind.go, export.go, web.go, me.go
//	                           one command each
//
// Where things go: a chat command is an entry in commandList, its run func
// in a file of its own and its texts (cmd_<name> and what it says) in a
// texts file; README.md must mention /<name> (readme_test.go). A button is
// an action in callback.go and an entry in onTap. A notification kind is an
// entry in notices; the job that writes it lists it in jobs.Registry.
// Spreadsheets it attaches are written by package sheets.
//
// Subpackages carry the I/O and the bot's own helpers: telegram (the Bot
// API client and the plain message value), inbox (updates in), sender (the
// outbox drained under Telegram's limits), telegramtest (a strict fake Bot
// API server for tests, the demo and the simulator) and when (the times
// people type: "明天下午3点").
package bot
