package models

import (
	"context"
	"fmt"
	"time"
)

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
	CadreID  int64     `json:"cadre_id,omitempty"` // the reader; 0 in payloads written before it was added
	Lang     string    `json:"lang"`
	Name     string    `json:"name"`
	Period   string    `json:"period"`
	DueAt    time.Time `json:"due_at"`
	Stage    string    `json:"stage"`
	Missing  []string  `json:"missing"`   // "achievements", "plan", "submit", "returned"
	ReportID int64     `json:"report_id"` // 0 when not started
}

// ReportMissing is the payload of KindReportMissing, sent privately to a
// unit's principal once the nudges to the cadres have run out.
type ReportMissing struct {
	ReaderID int64     `json:"reader_id,omitempty"` // the principal; 0 in older payloads
	UnitID   int64     `json:"unit_id,omitempty"`   // 0 in older payloads: Unit names it
	Lang     string    `json:"lang"`
	Unit     string    `json:"unit"`
	Period   string    `json:"period"`
	DueAt    time.Time `json:"due_at"`
	Names    []string  `json:"names"`
}

// Owing tells whether a board row still owes its report: not submitted,
// not signed, not exempt.
func (b BoardRow) Owing() bool {
	switch b.State() {
	case StateNotStarted, StateInProgress, StateReturned:
		return true
	}
	return false
}

// ToldToPrincipal tells whether the principal's list of who has still not
// reported names this row: owing, and not a leader (a principal is not
// told about themself).
func (b BoardRow) ToldToPrincipal() bool { return b.Owing() && b.Role != RoleLeader }

// Missing says what a row still lacks, for the reminder's text.
func (b BoardRow) Missing(sections map[string]int64) []string {
	switch b.State() {
	case StateNotStarted:
		return []string{"not_started"}
	case StateReturned:
		return []string{"returned"}
	}
	var out []string
	if sections[SectionAchievement] == 0 {
		out = append(out, "achievements")
	}
	if sections[SectionPlan] == 0 {
		out = append(out, "plan")
	}
	if len(out) == 0 {
		out = append(out, "submit")
	}
	return out
}

// SectionCounts counts the items of every report of a period by section,
// in one query: report id → section → count.
func (s *Store) SectionCounts(ctx context.Context, p Period) (map[int64]map[string]int64, error) {
	var rows []struct {
		ReportID int64
		Section  string
		N        int64
	}
	err := s.with(ctx).Table("report_items i").Select("i.report_id, i.section, COUNT(*) AS n").
		Joins("JOIN reports r ON r.id = i.report_id").Where("r.period = ?", p.String()).
		Group("i.report_id, i.section").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count report items for %s: %w", p, err)
	}
	out := map[int64]map[string]int64{}
	for _, r := range rows {
		if out[r.ReportID] == nil {
			out[r.ReportID] = map[string]int64{}
		}
		out[r.ReportID][r.Section] = r.N
	}
	return out, nil
}

const keyQuietHours = "quiet_hours"

// QuietHours are when no reminder is delivered (held until they end), as
// offsets from local midnight; default 21:00–08:00. Equal values mean none.
func (s *Store) QuietHours(ctx context.Context) (start, end time.Duration, err error) {
	v, err := s.GetKV(ctx, keyQuietHours)
	if err == ErrNotFound {
		return 21 * time.Hour, 8 * time.Hour, nil
	}
	if err != nil {
		return 0, 0, err
	}
	return parseQuietHours(v)
}

// SetQuietHours stores quiet hours written "21:00-08:00".
func (s *Store) SetQuietHours(ctx context.Context, v string) error {
	if _, _, err := parseQuietHours(v); err != nil {
		return err
	}
	return s.PutKV(ctx, keyQuietHours, v)
}

func parseQuietHours(v string) (time.Duration, time.Duration, error) {
	var h1, m1, h2, m2 int
	if _, err := fmt.Sscanf(v, "%d:%d-%d:%d", &h1, &m1, &h2, &m2); err != nil || h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59 {
		return 0, 0, fmt.Errorf("quiet hours %q: write them like 21:00-08:00", v)
	}
	return time.Duration(h1)*time.Hour + time.Duration(m1)*time.Minute, time.Duration(h2)*time.Hour + time.Duration(m2)*time.Minute, nil
}
