// Package jobs will own the scheduler: schedules stored as rows, a tick
// that claims each due fire time in a run ledger, and one file per job
// kind that decides who is told what and when by writing notifications to
// the outbox. It never imports Telegram. It is empty until the scheduling
// issue lands; the package exists so the layout DESIGN.md describes holds.
package jobs
