package models

import (
	"context"
	"errors"
	"time"
)

// ErrEmptyReport is returned when a report is submitted without
// achievements or without a plan.
var ErrEmptyReport = errors.New("the report needs at least one achievement and one plan item")

// Submit hands the report to the principal. The first submission decides
// whether it was on time; a late report is recorded as late, never blocked.
func (s *Store) Submit(ctx context.Context, id int64, actor int64) (Report, error) {
	return s.changeReport(ctx, id, &actor, "submitted", "", func(tx *Store, r Report) error {
		if !r.Editable() {
			return ErrLocked
		}
		n, err := tx.countSections(ctx, id)
		if err != nil {
			return err
		}
		if n[SectionAchievement] == 0 || n[SectionPlan] == 0 {
			return ErrEmptyReport
		}
		return nil
	}, func(r *Report, now time.Time) {
		r.Status = ReportSubmitted
		if r.SubmittedAt == nil {
			r.SubmittedAt, r.Late = &now, now.After(r.DueAt)
		}
	})
}

// Sign locks a submitted report. version is what the signer saw (0: any).
func (s *Store) Sign(ctx context.Context, id int64, version int, signer int64) (Report, error) {
	return s.changeReport(ctx, id, &signer, "signed", "", versionCheck(version, func(r Report) error {
		if r.Status != ReportSubmitted {
			return ErrConflict
		}
		return nil
	}), func(r *Report, now time.Time) {
		r.Status, r.SignedAt, r.SignedByID, r.SelfSigned = ReportSigned, &now, &signer, signer == r.CadreID
	})
}

// Return sends a submitted report back to the cadre with a comment.
func (s *Store) Return(ctx context.Context, id int64, version int, signer int64, comment string) (Report, error) {
	return s.changeReport(ctx, id, &signer, "returned", comment, versionCheck(version, func(r Report) error {
		if r.Status != ReportSubmitted {
			return ErrConflict
		}
		if comment == "" {
			return errors.New("a return needs a comment")
		}
		return nil
	}), func(r *Report, _ time.Time) { r.Status = ReportReturned })
}

// Reopen unlocks a signed report for a correction; the reason is kept.
func (s *Store) Reopen(ctx context.Context, id int64, actor int64, reason string) (Report, error) {
	return s.changeReport(ctx, id, &actor, "reopened", reason, func(_ *Store, r Report) error {
		if r.Status != ReportSigned {
			return ErrConflict
		}
		return nil
	}, func(r *Report, _ time.Time) {
		r.Status, r.SignedAt, r.SignedByID, r.SelfSigned = ReportReturned, nil, nil, false
	})
}

// SetDiscussed records the date the leadership group discussed the report.
func (s *Store) SetDiscussed(ctx context.Context, id int64, actor int64, date string) (Report, error) {
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return Report{}, errors.New("the date must look like 2026-11-25")
	}
	return s.changeReport(ctx, id, &actor, "discussed", date, func(*Store, Report) error { return nil },
		func(r *Report, _ time.Time) { r.DiscussedOn = date })
}

// ReturnedCount is how many times a report was returned.
func (s *Store) ReturnedCount(ctx context.Context, reportID int64) (int64, error) {
	var n int64
	err := s.with(ctx).Model(&ReportEvent{}).Where("report_id = ? AND kind = ?", reportID, "returned").Count(&n).Error
	return n, err
}
