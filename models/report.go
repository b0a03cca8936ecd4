package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Report statuses. A draft or returned report can be edited; a submitted
// one waits for the principal; a signed one is locked.
const (
	ReportDraft     = "draft"
	ReportSubmitted = "submitted"
	ReportReturned  = "returned"
	ReportSigned    = "signed"
)

// Errors of the report rules.
var (
	ErrLocked = errors.New("the report is submitted or signed and cannot be edited")
	ErrStale  = errors.New("the report changed since this button was shown")
)

// Report is one cadre's monthly performance report (月度实绩) for a period.
type Report struct {
	ID          int64  `gorm:"primaryKey"`
	CadreID     int64  `gorm:"not null;uniqueIndex:idx_report_cadre_period,priority:1;index:idx_reports_tally,priority:2"`
	Period      string `gorm:"size:7;not null;uniqueIndex:idx_report_cadre_period,priority:2;index;index:idx_reports_tally,priority:1"`
	UnitID      int64  `gorm:"not null;index"`
	Status      string `gorm:"size:10;not null;index:idx_reports_tally,priority:3"`
	Version     int    `gorm:"not null;default:1"` // bumped at each state change; buttons carry it
	DueAt       time.Time
	SubmittedAt *time.Time // the first submission: it decides on time or late
	Late        bool       `gorm:"index:idx_reports_tally,priority:4"`
	SignedAt    *time.Time
	SignedByID  *int64
	SelfSigned  bool
	DiscussedOn string `gorm:"size:10"` // 班子集体讨论 date, 2006-01-02, optional
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Editable tells whether the cadre may still change the report.
func (r Report) Editable() bool { return r.Status == ReportDraft || r.Status == ReportReturned }

// ReportEvent is the history of a report: submissions, returns with their
// comments, signatures and reopenings.
type ReportEvent struct {
	ID       int64 `gorm:"primaryKey"`
	ReportID int64 `gorm:"not null;index"`
	At       time.Time
	ActorID  *int64
	Kind     string `gorm:"size:16;not null"` // submitted, returned, signed, reopened, discussed
	Comment  string `gorm:"type:text"`
}

// OpenReport returns the cadre's report for p, creating a draft due at due
// when there is none. A report never submitted takes the current due date:
// an admin's change of the rule or the calendar applies to it at once.
func (s *Store) OpenReport(ctx context.Context, c Cadre, p Period, due time.Time) (Report, error) {
	if c.UnitID == nil {
		return Report{}, fmt.Errorf("open report of cadre %d: no unit", c.ID)
	}
	r := Report{CadreID: c.ID, Period: p.String(), UnitID: *c.UnitID, Status: ReportDraft, Version: 1, DueAt: due.UTC()}
	err := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&r).Error
	if err != nil {
		return Report{}, fmt.Errorf("open report of cadre %d for %s: %w", c.ID, p, err)
	}
	err = s.with(ctx).Model(&Report{}).Where("cadre_id = ? AND period = ? AND submitted_at IS NULL AND due_at <> ?", c.ID, p.String(), due.UTC()).
		Update("due_at", due.UTC()).Error
	if err != nil {
		return Report{}, fmt.Errorf("update due date of cadre %d for %s: %w", c.ID, p, err)
	}
	return s.ReportFor(ctx, c.ID, p)
}

// ReportFor reads the cadre's report for p.
func (s *Store) ReportFor(ctx context.Context, cadreID int64, p Period) (Report, error) {
	var r Report
	err := s.with(ctx).Where("cadre_id = ? AND period = ?", cadreID, p.String()).Take(&r).Error
	return r, translate(err)
}

// GetReport reads a report by id.
func (s *Store) GetReport(ctx context.Context, id int64) (Report, error) {
	var r Report
	return r, translate(s.with(ctx).Where("id = ?", id).Take(&r).Error)
}

// lockReport reads a report for a state change inside a transaction.
func (s *Store) lockReport(ctx context.Context, id int64) (Report, error) {
	q := s.with(ctx).Where("id = ?", id)
	if s.IsPostgres() {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var r Report
	return r, translate(q.Take(&r).Error)
}

// ReportEvents lists a report's history, oldest first.
func (s *Store) ReportEvents(ctx context.Context, reportID int64) ([]ReportEvent, error) {
	var es []ReportEvent
	err := s.with(ctx).Where("report_id = ?", reportID).Order("id").Find(&es).Error
	return es, err
}

// changeReport applies a state change with its event in one transaction.
// check refuses the change by returning an error; set edits the row.
func (s *Store) changeReport(ctx context.Context, id int64, actor *int64, kind, comment string,
	check func(*Store, Report) error, set func(*Report, time.Time)) (Report, error) {
	var out Report
	err := s.Tx(ctx, func(tx *Store) error {
		r, err := tx.lockReport(ctx, id)
		if err != nil {
			return err
		}
		if err := check(tx, r); err != nil {
			return err
		}
		now := tx.Now()
		set(&r, now)
		r.Version++
		if err := tx.with(ctx).Select("*").Omit("created_at").Save(&r).Error; err != nil {
			return err
		}
		out = r
		return tx.with(ctx).Create(&ReportEvent{ReportID: id, At: now, ActorID: actor, Kind: kind, Comment: comment}).Error
	})
	if err != nil {
		return Report{}, fmt.Errorf("%s report %d: %w", kind, id, err)
	}
	return out, nil
}

func versionCheck(version int, next func(Report) error) func(*Store, Report) error {
	return func(_ *Store, r Report) error {
		if version != 0 && r.Version != version {
			return ErrStale
		}
		return next(r)
	}
}
