// Command ganshi runs the Ganshi bot and its operator tools. main only
// turns signals into a context and an error into an exit status; run does
// the rest and is what tests call. This package is wiring: flags, the
// environment, opening the store and starting the parts; what the program
// does lives in the packages it wires. Nothing imports it.
//
// Map of the command:
//
//	run.go, lang.go, table.go    commands(): the subcommands; --lang; usage and tables
//	config.go, serve.go          serve: settings from flags and GANSHI_*, the running process
//	getme.go, http.go, web.go    the token check, /healthz and /metrics, the web console
//	jobs.go                      the job engine built from jobs.Registry alone
//	import.go, invite.go (and unbind), events.go, calendar.go, schedule.go
//	                             one operator task each
//	export.go, talks_export.go   ganshi export reports|talks: flags, reading, audit; sheets writes
//	backup.go, restore.go        copies of the database
//	demo*.go                     ganshi demo: demo_story.go's steps, one demo_<feature>.go each
//	simulate*.go                 ganshi simulate: a month played against a copy of the data
//	clock.go                     the process clock (process tests swap it by build tag)
//
// Where things go: a subcommand is an entry in commands() with a texts key
// cli_sum_<name>, its texts in texts/cli_*.go (the CLI speaks Chinese by
// default). A new export is a sheets function and a case in export.go. A
// demo step goes in demo_<feature>.go and the steps list. Every `ganshi …`
// line in a README code block is run by readme_test.go, in order, against
// a fresh database.
package main
