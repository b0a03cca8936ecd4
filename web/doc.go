// Package web is Ganshi's second edge, beside bot: the web console where
// the organization department and unit principals do their desk work in
// a browser — review and sign reports, read the talk ledger, fix the
// roster, run the schedules. It calls the same models functions and the
// same authorization rules as the bot, and tells people in chat only by
// writing notifications to the outbox, which the bot renders and sends.
// web and bot never import each other.
//
// Map of the package (one handler per file, as in miniflux's internal/ui):
//
//	server.go, routes.go       Options, New, the route table and the nav
//	middleware.go              security headers (a strict CSP), recovery, body limits
//	session.go, csrf.go        the session cookie → the visitor; CSRF on every POST
//	ratelimit.go, clientip.go  a token bucket per client on the login path
//	render.go, page.go         html/template: a layout, one template per page
//	errors.go, flash.go        the error pages; one-line notices after a POST
//	params.go                  months, ids and pages from the URL
//	static.go                  embedded CSS and JS under content-hashed names
//	tally_cache.go             the county's figures for 总览, briefly cached
//	login_*.go, logout.go      the one-time link from /web, the session, logout
//	overview.go                总览
//	report_*.go, posting.go    月度实绩: lists, one report, sign/return/reopen, 公示
//	talk_*.go                  谈心谈话: what is due, the ledger, one talk
//	roster_*.go, invite_*.go   名册: units, cadres, upload → preview → apply, invitations
//	schedule_*.go, calendar_*  日程: schedules and the holiday calendar
//
// Where things go: a page is a route and a nav entry in routes.go, a
// handler in a file of its own, a template in templates/ and its words in
// texts/web_pages.go; "may this person" questions are answered by
// models/authz.go, never here; a spreadsheet download is written by
// package sheets. Tests: newEnv in helpers_test.go; what a person sees in
// a real browser, in browsertest.
//
// Login has no passwords: /web in chat sends a link valid for ten minutes
// and once; opening it shows a page with a button (link previews and mail
// scanners fetch links with GET, so GET never spends it), and the POST
// starts a session stored in the database (models.WebSession), so it
// survives restarts and works on any replica. Only hashes of the link and
// the cookie are stored.
package web
