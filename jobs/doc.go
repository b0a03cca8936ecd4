// Package jobs owns the scheduler. Schedules are rows (models.Schedule): a
// cron spec, a time zone, on or off, written by admins. Engine.Tick finds
// the fire times that are due and claims each one in the run ledger with
// an insert-or-ignore in the same transaction in which the job writes its
// notifications to the outbox, so a fire runs once across restarts and
// replicas. Fires missed while no engine ran are caught up within a grace
// window and recorded as skipped beyond it.
//
// A Job decides who is told what and when; it never talks to Telegram.
// Deliverable holds what it writes until a workday outside quiet hours.
// Registry lists every kind of job: the schedule kind (Job…), its job, its
// default schedules and the notification kinds it writes; cmd builds the
// engine and installs the defaults from it alone.
//
// Fire times follow the wall clock of the schedule's zone: a local time
// that does not exist (spring forward) fires at the first instant after
// the gap, and a local time that happens twice (fall back) fires once, at
// its first occurrence. robfig/cron alone skips the first and fires the
// second twice; Spec.Next wraps it.
//
// Map of the package:
//
//	registry.go                 Registry: every job kind, its default schedules, what it writes
//	engine.go, tick.go          Engine: the tick, the claims, catch-up and skips
//	spec.go                     Spec: a schedule's cron spec in its zone (DST handled)
//	deliverable.go              holding reminders to a workday outside quiet hours
//	manual.go                   an admin's "run it now", beside the fires
//	report.go, report_targets   月度实绩 reminders and the overdue chain
//	talk.go                     谈心谈话: before a talk, owed talks, unrecorded talks
//	digest.go                   the weekly leader digest and the department's monthly one
//
// Where things go: a new reminder is an entry in Registry (a Job… const,
// its Run in a file of its own here, its default schedules, the
// notification kinds it Writes); each kind is a const and a payload with
// its Refresh re-check in models, and its look is an entry in bot's
// notices table. README.md's schedule table names every default schedule
// (cmd/ganshi/readme_test.go). cmd wires the registry once and never
// names a kind. jobs never imports bot.
package jobs
