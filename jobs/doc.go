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
package jobs
