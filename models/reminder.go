package models

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
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
// A stored value that does not read (written before the check was strict)
// counts as the default, which /quiet then shows: a bad setting must not
// stop every reminder.
func (s *Store) QuietHours(ctx context.Context) (start, end time.Duration, err error) {
	v, err := s.GetKV(ctx, keyQuietHours)
	if err == ErrNotFound {
		return DefaultQuietStart, DefaultQuietEnd, nil
	}
	if err != nil {
		return 0, 0, err
	}
	if start, end, err = parseQuietHours(v); err != nil {
		return DefaultQuietStart, DefaultQuietEnd, nil
	}
	return start, end, nil
}

// The default quiet hours: nobody is reminded between 21:00 and 08:00.
const (
	DefaultQuietStart = 21 * time.Hour
	DefaultQuietEnd   = 8 * time.Hour
)

// SetQuietHours stores quiet hours written "21:00-08:00" (full-width
// digits, colon and dash, "至" and spaces around the dash are read too),
// in that plain form.
func (s *Store) SetQuietHours(ctx context.Context, v string) error {
	start, end, err := parseQuietHours(v)
	if err != nil {
		return err
	}
	hm := func(d time.Duration) string { return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60) }
	return s.PutKV(ctx, keyQuietHours, hm(start)+"-"+hm(end))
}

// ErrQuietHours is what SetQuietHours refuses: anything but HH:MM-HH:MM.
var ErrQuietHours = errors.New("quiet hours: write them like 21:00-08:00")

var (
	reQuiet   = regexp.MustCompile(`^(\d{1,2}):(\d{2})\s*(?:-|~|至|到)\s*(\d{1,2}):(\d{2})$`)
	quietDash = strings.NewReplacer("–", "-", "—", "-", "−", "-", "〜", "-")
)

// parseQuietHours reads HH:MM-HH:MM strictly: hours 0–23, minutes 00–59,
// nothing else (no signs, no seconds, no words).
func parseQuietHours(v string) (time.Duration, time.Duration, error) {
	m := reQuiet.FindStringSubmatch(quietDash.Replace(strings.TrimSpace(norm.NFKC.String(v))))
	if m == nil {
		return 0, 0, fmt.Errorf("%q: %w", v, ErrQuietHours)
	}
	n := func(i int) int { x, _ := strconv.Atoi(m[i]); return x }
	if n(1) > 23 || n(3) > 23 || n(2) > 59 || n(4) > 59 {
		return 0, 0, fmt.Errorf("%q: %w", v, ErrQuietHours)
	}
	return time.Duration(n(1))*time.Hour + time.Duration(n(2))*time.Minute, time.Duration(n(3))*time.Hour + time.Duration(n(4))*time.Minute, nil
}
