package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// CorrectionMeasure is one correction (纠错) step a case sets: what is to
// be done, by whom, by when. The scheduler follows it up until done.
type CorrectionMeasure struct {
	ID        int64  `gorm:"primaryKey"`
	CaseID    int64  `gorm:"not null;index"`
	Text      string `gorm:"type:text;not null"`
	OwnerID   int64  `gorm:"not null;index"`
	Deadline  string `gorm:"size:10;not null"` // 2006-01-02
	DoneOn    string `gorm:"size:10"`
	CreatedAt time.Time
}

// AddMeasure sets a correction measure on a decided case.
func (s *Store) AddMeasure(ctx context.Context, actor *int64, caseID, ownerID int64, deadline, text string) (CorrectionMeasure, error) {
	if _, err := time.Parse("2006-01-02", deadline); err != nil {
		return CorrectionMeasure{}, fmt.Errorf("%w: deadline %q", ErrBadInput, deadline)
	}
	if strings.TrimSpace(text) == "" {
		return CorrectionMeasure{}, fmt.Errorf("%w: the measure is empty", ErrBadInput)
	}
	c, err := s.GetCase(ctx, caseID)
	if err != nil {
		return CorrectionMeasure{}, err
	}
	if c.Decision == "" {
		return CorrectionMeasure{}, fmt.Errorf("%w: case %d is not decided yet", ErrConflict, caseID)
	}
	if _, err := s.GetCadre(ctx, ownerID); err != nil {
		return CorrectionMeasure{}, fmt.Errorf("owner %d: %w", ownerID, err)
	}
	m := CorrectionMeasure{CaseID: caseID, Text: strings.TrimSpace(text), OwnerID: ownerID, Deadline: deadline}
	err = s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Create(&m).Error; err != nil {
			return fmt.Errorf("add measure to case %d: %w", caseID, err)
		}
		return tx.Audit(ctx, actor, "tolerance.measure.add", fmt.Sprintf("case:%d", caseID), deadline)
	})
	return m, err
}

// MeasureDone records a measure done on a day; by is its owner or an
// admin (ErrForbidden otherwise), ErrConflict when done already.
func (s *Store) MeasureDone(ctx context.Context, by Cadre, id int64, day string) (CorrectionMeasure, error) {
	var m CorrectionMeasure
	if err := s.with(ctx).Where("id = ?", id).Take(&m).Error; err != nil {
		return m, translate(err)
	}
	if by.ID != m.OwnerID && !by.AtLeast(RoleAdmin) {
		return m, ErrForbidden
	}
	if m.DoneOn != "" {
		return m, ErrConflict
	}
	day, err := s.caseDay(day)
	if err != nil {
		return m, err
	}
	m.DoneOn = day
	if err := s.with(ctx).Model(&m).Update("done_on", day).Error; err != nil {
		return m, fmt.Errorf("measure %d done: %w", id, err)
	}
	return m, s.Audit(ctx, &by.ID, "tolerance.measure.done", fmt.Sprintf("case:%d", m.CaseID), day)
}

// Measures lists a case's measures by deadline.
func (s *Store) Measures(ctx context.Context, caseID int64) ([]CorrectionMeasure, error) {
	var out []CorrectionMeasure
	if err := s.with(ctx).Where("case_id = ?", caseID).Order("deadline, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("measures of case %d: %w", caseID, err)
	}
	return out, nil
}

// CorrectionNotice is the payload of KindCorrectionRemind. It names the
// measure only, not the case's matter or decision.
type CorrectionNotice struct {
	OwnerID   int64  `json:"owner_id"`
	Lang      string `json:"lang"`
	MeasureID int64  `json:"measure_id"`
	Text      string `json:"text"`
	Deadline  string `json:"deadline"`
	Overdue   bool   `json:"overdue"`
}

// CorrectionReminders remind each owner of a measure not done whose
// deadline is within daysBefore days or past: once before it, once after,
// never twice a month for one measure.
func (s *Store) CorrectionReminders(ctx context.Context, today time.Time, daysBefore int) ([]Notification, error) {
	day := today.Format("2006-01-02")
	var ms []CorrectionMeasure
	if err := s.with(ctx).Where("done_on = '' AND deadline <= ?", today.AddDate(0, 0, daysBefore).Format("2006-01-02")).
		Order("id").Find(&ms).Error; err != nil {
		return nil, fmt.Errorf("measures due: %w", err)
	}
	var out []Notification
	for _, m := range ms {
		o, err := s.GetCadre(ctx, m.OwnerID)
		if err != nil || !o.Active || o.ChatID == nil {
			continue
		}
		stage := "due"
		if day > m.Deadline {
			stage = "overdue"
		}
		ok, err := s.claimCare(ctx, o.ID, fmt.Sprint("corr:", m.ID), stage, today.Format("2006-01"))
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, note(*o.ChatID, KindCorrectionRemind, fmt.Sprintf("correction:%d:%s", m.ID, stage),
				CorrectionNotice{OwnerID: o.ID, Lang: o.Lang, MeasureID: m.ID, Text: m.Text, Deadline: m.Deadline, Overdue: stage == "overdue"}))
		}
	}
	return out, nil
}

// RefreshCorrection lapses once the measure is done or removed.
func (s *Store) RefreshCorrection(ctx context.Context, rc Recheck, p CorrectionNotice) (CorrectionNotice, error) {
	o, err := s.reader(ctx, p.OwnerID, rc.ChatID)
	if err != nil {
		return p, err
	}
	var m CorrectionMeasure
	err = translate(s.with(ctx).Where("id = ? AND owner_id = ?", p.MeasureID, o.ID).Take(&m).Error)
	switch {
	case errors.Is(err, ErrNotFound):
		return p, lapsed("the measure was removed or given to someone else")
	case err != nil:
		return p, err
	case m.DoneOn != "":
		return p, lapsed("the measure is done")
	}
	p.Lang, p.Text, p.Deadline = o.Lang, m.Text, m.Deadline
	return p, nil
}
