package models

import "time"

// Notification kinds that jobs write; the bot renders them in the
// reader's language when they are sent.
const (
	KindReportReminder = "report_reminder" // to a cadre: the report is due or overdue
	KindReportMissing  = "report_missing"  // to a principal: who has still not reported
)

// Reminder stages.
const (
	StageBefore  = "before"  // some workdays before the deadline
	StageDueDay  = "due_day" // on the deadline's day
	StageOverdue = "overdue" // after the deadline
)

// ReportReminder is the payload of KindReportReminder: everything the
// message needs, so rendering reads nothing else.
type ReportReminder struct {
	Lang     string    `json:"lang"`
	Name     string    `json:"name"`
	Period   string    `json:"period"`
	DueAt    time.Time `json:"due_at"`
	Stage    string    `json:"stage"`
	Missing  []string  `json:"missing"`  // "achievements", "plan", "submit", "returned"
	ReportID int64     `json:"report_id"` // 0 when not started
}

// ReportMissing is the payload of KindReportMissing, sent privately to a
// unit's principal once the nudges to the cadres have run out.
type ReportMissing struct {
	Lang   string    `json:"lang"`
	Unit   string    `json:"unit"`
	Period string    `json:"period"`
	DueAt  time.Time `json:"due_at"`
	Names  []string  `json:"names"`
}
