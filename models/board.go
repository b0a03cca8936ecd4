package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Report states as the board shows them, one per cadre and period.
const (
	StateSigned     = "signed"
	StateSubmitted  = "submitted" // awaiting the principal's signature
	StateReturned   = "returned"
	StateInProgress = "in_progress"
	StateNotStarted = "not_started"
	StateExempt     = "exempt"
)

// BoardRow is one cadre's standing for a period. /reports, the export and
// the digests all read these rows, so their figures always agree.
type BoardRow struct {
	CadreID      int64
	Name         string
	ExternalID   string
	Position     string
	Duty         string
	Role         string
	Lang         string
	ChatID       *int64
	Unreachable  bool
	UnitID       int64
	UnitName     string
	UnitKind     string
	Category     string
	ReportID     *int64
	Status       *string
	Version      *int
	Late         *bool
	DueAt        *time.Time
	SubmittedAt  *time.Time
	SignedAt     *time.Time
	SignedByName *string
	SelfSigned   *bool
	ExemptReason *string
}

// State is the row's standing.
func (b BoardRow) State() string {
	switch {
	case b.ExemptReason != nil:
		return StateExempt
	case b.Status == nil:
		return StateNotStarted
	case *b.Status == ReportSigned:
		return StateSigned
	case *b.Status == ReportSubmitted:
		return StateSubmitted
	case *b.Status == ReportReturned:
		return StateReturned
	}
	return StateInProgress
}

// Board lists every reporting cadre (cadres and leaders with a unit) with
// their report for p, in one query whatever the number of units. unitID
// limits it to one unit.
func (s *Store) Board(ctx context.Context, p Period, unitID *int64) ([]BoardRow, error) {
	q := s.boardQuery(ctx, p).
		Order("u.category, u.name, CASE c.role WHEN 'leader' THEN 0 ELSE 1 END, c.name, c.id")
	if unitID != nil {
		q = q.Where("c.unit_id = ?", *unitID)
	}
	var rows []BoardRow
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("report board for %s: %w", p, err)
	}
	return rows, nil
}

// BoardRowOf is one cadre's row of the board for p, by primary and
// unique keys only; ErrNotFound when the cadre is not on the board (no
// longer reporting: an admin, without a unit, deactivated with no report).
func (s *Store) BoardRowOf(ctx context.Context, p Period, cadreID int64) (BoardRow, error) {
	var rows []BoardRow
	if err := s.boardQuery(ctx, p).Where("c.id = ?", cadreID).Scan(&rows).Error; err != nil {
		return BoardRow{}, fmt.Errorf("report board row of cadre %d for %s: %w", cadreID, p, err)
	}
	if len(rows) == 0 {
		return BoardRow{}, ErrNotFound
	}
	return rows[0], nil
}

// boardQuery selects every board row for p: the one definition of who
// reports and where they stand.
func (s *Store) boardQuery(ctx context.Context, p Period) *gorm.DB {
	return s.with(ctx).Table("cadres c").
		Select(`c.id AS cadre_id, c.name, c.external_id, c.position, c.duty, c.role, c.lang, c.chat_id, c.unreachable,
			u.id AS unit_id, u.name AS unit_name, u.kind AS unit_kind, u.category,
			r.id AS report_id, r.status, r.version, r.late, r.due_at, r.submitted_at, r.signed_at,
			sb.name AS signed_by_name, r.self_signed, e.reason AS exempt_reason`).
		Joins("JOIN units u ON u.id = c.unit_id").
		Joins("LEFT JOIN reports r ON r.cadre_id = c.id AND r.period = ?", p.String()).
		Joins("LEFT JOIN exemptions e ON e.cadre_id = c.id AND e.period = ?", p.String()).
		Joins("LEFT JOIN cadres sb ON sb.id = r.signed_by_id").
		Where("(c.active OR r.id IS NOT NULL) AND c.role IN ?", []string{RoleCadre, RoleLeader})
}

// ReportTally counts one unit's board in the report categories, defined
// here once for the digests, /reports and the export. Every reporting
// cadre is in exactly one of seven: exempt, or one of the five that
// partition Due —
//
//	SignedOnTime + SignedLate + Awaiting + Returned + Missing = Due
//
// On time or late is the first submission against the deadline (a report
// returned and submitted again keeps it); a report reopened after signing
// is being filled in again and counts as Missing until it is submitted.
type ReportTally struct {
	UnitID   int64
	UnitName string
	Category string
	Due      int // cadres expected to report: everyone not exempt

	SignedOnTime int // signed, first submitted by the deadline
	SignedLate   int // signed, first submitted after it
	Awaiting     int // submitted, awaiting the principal's signature
	Returned     int // returned for changes, not yet submitted again
	Missing      int // not submitted: in progress or not started

	Exempt int // exempt this month, apart from Due

	// Sums of the categories above, kept for the views that show them.
	Signed    int // SignedOnTime + SignedLate
	Submitted int // Signed + Awaiting
}

// Parts are the five categories that partition Due, in the order every
// view shows them (TallyParts names them).
func (t ReportTally) Parts() [5]int {
	return [5]int{t.SignedOnTime, t.SignedLate, t.Awaiting, t.Returned, t.Missing}
}

// TallyParts names Parts for the texts catalog: key "tally_" + name.
var TallyParts = [5]string{"signed_on_time", "signed_late", "awaiting", "returned", "missing"}

// Add is the sum of two tallies, for category and county totals.
func (t ReportTally) Add(o ReportTally) ReportTally {
	t.Due += o.Due
	t.SignedOnTime += o.SignedOnTime
	t.SignedLate += o.SignedLate
	t.Awaiting += o.Awaiting
	t.Returned += o.Returned
	t.Missing += o.Missing
	t.Exempt += o.Exempt
	t.Signed += o.Signed
	t.Submitted += o.Submitted
	return t
}

// Tally counts board rows per unit, keeping the board's order.
func Tally(rows []BoardRow) []ReportTally {
	var out []ReportTally
	idx := map[int64]int{}
	for _, r := range rows {
		i, ok := idx[r.UnitID]
		if !ok {
			i = len(out)
			idx[r.UnitID] = i
			out = append(out, ReportTally{UnitID: r.UnitID, UnitName: r.UnitName, Category: r.Category})
		}
		out[i].count(r)
	}
	return out
}

func (t *ReportTally) count(r BoardRow) {
	switch r.State() {
	case StateExempt:
		t.Exempt++
		return
	case StateSigned:
		if r.Late != nil && *r.Late {
			t.SignedLate++
		} else {
			t.SignedOnTime++
		}
		t.Signed++
		t.Submitted++
	case StateSubmitted:
		t.Awaiting++
		t.Submitted++
	case StateReturned:
		t.Returned++
	default:
		t.Missing++
	}
	t.Due++
}
