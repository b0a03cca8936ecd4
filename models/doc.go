// Package models owns Ganshi's data: the GORM entities, opening the
// database (SQLite by default, PostgreSQL by DSN), the ordered migrations,
// the queries, and the domain rules that change state. Nothing here knows
// about Telegram types; chat ids are plain int64. It is the ground floor:
// every other package may import it, and it imports none of them but its
// own subpackage items.
//
// Every method takes a context first and returns ErrNotFound or ErrConflict
// instead of GORM's own errors. Times are stored in UTC and read from the
// injected clock, which is also GORM's NowFunc.
//
// Map of the package (one file per entity: its struct, its state changes,
// its queries):
//
//	db.go, store.go, migrate.go   Open, Store, Tx; the migrations, appended in order
//	cadre.go, unit.go, roster.go  people, roles and units; applying an imported roster
//	authz.go                      "may this person see or do this": one rule for bot and web
//	report*.go, period.go         月度实绩: a report, its items, submit/sign/return, the month
//	board*.go, export.go          the month's board, models.Tally, rows for the spreadsheets
//	talk*.go                      谈心谈话: talks, plans, records, who may read them
//	digest*.go                    the digests' figures and each leader's digest time
//	schedule.go, run_ledger.go    schedules as rows; the claims of each fire
//	cron_spec.go, zone.go         parsing cron specs safely; DefaultZone, LoadZone
//	calendar.go, calendar_cn.csv  holidays and make-up workdays; quiet hours
//	outbox.go, inbox.go           notifications out, updates in
//	reminder*.go, report_notice,  notification kinds: each a Kind… const, its payload and
//	returned_twice.go, lapse.go   its Refresh re-check (ErrLapsed when the reason is gone)
//	conversation.go, kv.go        chat conversation state; small settings
//	lease*.go                     leases: one holder of a role (the poller, the engine)
//	invite.go, invitations.go,    binding codes, login links, web sessions: random,
//	login_link.go, web_session.go stored hashed, expiring
//	audit.go                      who read what confidential record
//	event.go, exemption.go        life events that owe a talk; leave that excuses a report
//	backup.go, importfile.go      backups; the small CSV imports (events, calendar) and their problems
//
// Where things go: an entity is a file here with its Store methods; a new
// column or table is a migration appended in migrate.go; a rule both
// edges apply goes in authz.go; a notification kind is a const, a payload
// type and a Refresh… in the file of its feature. Tests use modelstest
// (a fresh database per test, SQLite, and PostgreSQL when
// GANSHI_TEST_POSTGRES is set); items reads the report text people type.
package models
