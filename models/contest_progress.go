package models

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Progress entry states.
const (
	ProgressPending  = "pending"  // reported, awaiting the department
	ProgressVerified = "verified" // 已核实: shown on the board
	ProgressQueried  = "queried"  // 有疑问: back with the reporter
)

// ProgressEntry is one cumulative figure a unit reported for a task. Entries
// are never changed but for their review: a correction is a new entry, so
// the history with its authors stays.
type ProgressEntry struct {
	ID         int64   `gorm:"primaryKey"`
	TaskID     int64   `gorm:"not null;index:idx_entry_task_unit"`
	UnitID     int64   `gorm:"not null;index:idx_entry_task_unit"`
	Value      float64 `gorm:"not null"`
	Raw        string  `gorm:"size:100"` // as typed: 1.2亿元, 三十五户
	Note       string  `gorm:"size:500"`
	Backward   bool    `gorm:"not null"` // below the last figure, confirmed by the reporter
	AuthorID   int64   `gorm:"not null"`
	State      string  `gorm:"size:10;not null;index"`
	Question   string  `gorm:"size:500"`
	ReviewerID *int64
	ReviewedAt *time.Time
	CreatedAt  time.Time `gorm:"not null"`
}

// Why a progress report is not taken.
var (
	ErrNotReporter  = errors.New("not the unit's progress reporter")
	ErrTaskNotUnits = errors.New("task is not in the unit's contest")
	ErrBackward     = errors.New("figure goes backwards: confirm with a note")
)

// ProgressInput is a reporter's figure for one task.
type ProgressInput struct {
	ReporterID int64
	TaskID     int64
	Value      float64
	Raw, Note  string
	// Confirmed says the reporter confirmed a figure below the last one;
	// a note saying why is then required too.
	Confirmed bool
}

// ReportProgress records a reporter's figure, pending verification. The
// reporter must be the unit's (MayReportProgress) and the task in the
// unit's contest. A figure that goes backwards (below the last one not
// queried, or above it for a lower-is-better task) needs Confirmed and a
// note, else ErrBackward with the last entry.
func (s *Store) ReportProgress(ctx context.Context, in ProgressInput) (ProgressEntry, *ProgressEntry, error) {
	if utf8.RuneCountInString(in.Note) > 500 {
		return ProgressEntry{}, nil, ErrNoteTooLong
	}
	c, err := s.GetCadre(ctx, in.ReporterID)
	if err != nil || c.UnitID == nil {
		return ProgressEntry{}, nil, ErrNotReporter
	}
	u, err := s.GetUnit(ctx, *c.UnitID)
	if err != nil {
		return ProgressEntry{}, nil, fmt.Errorf("unit of reporter %d: %w", c.ID, err)
	}
	uc, err := s.ContestOfUnit(ctx, u.ID)
	if err != nil {
		return ProgressEntry{}, nil, err
	}
	if !c.MayReportProgress(u, uc.Member) {
		return ProgressEntry{}, nil, ErrNotReporter
	}
	var task *ContestTask
	for i := range uc.Tasks {
		if uc.Tasks[i].ID == in.TaskID {
			task = &uc.Tasks[i]
		}
	}
	if task == nil {
		return ProgressEntry{}, nil, ErrTaskNotUnits
	}
	last, err := s.LastProgress(ctx, task.ID, u.ID)
	if err != nil {
		return ProgressEntry{}, nil, err
	}
	back := last != nil && ((task.Direction == DirectionLower) != (in.Value < last.Value)) && in.Value != last.Value
	if back && (!in.Confirmed || in.Note == "") {
		return ProgressEntry{}, last, ErrBackward
	}
	e := ProgressEntry{TaskID: task.ID, UnitID: u.ID, Value: in.Value, Raw: in.Raw, Note: in.Note, Backward: back,
		AuthorID: c.ID, State: ProgressPending, CreatedAt: s.Now()}
	if err := s.with(ctx).Create(&e).Error; err != nil {
		return ProgressEntry{}, nil, fmt.Errorf("record progress of unit %d task %d: %w", u.ID, task.ID, err)
	}
	return e, last, nil
}

// LastProgress is the unit's latest entry for a task that was not queried;
// nil when there is none.
func (s *Store) LastProgress(ctx context.Context, taskID, unitID int64) (*ProgressEntry, error) {
	var e ProgressEntry
	err := s.with(ctx).Where("task_id = ? AND unit_id = ? AND state <> ?", taskID, unitID, ProgressQueried).
		Order("id DESC").Take(&e).Error
	if err = translate(err); errors.Is(err, ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("last progress of unit %d task %d: %w", unitID, taskID, err)
	}
	return &e, nil
}

// ProgressHistory lists a unit's entries for a task, oldest first.
func (s *Store) ProgressHistory(ctx context.Context, contestID int64) ([]ProgressEntry, error) {
	var es []ProgressEntry
	err := s.with(ctx).Joins("JOIN contest_tasks ON contest_tasks.id = progress_entries.task_id").
		Where("contest_tasks.contest_id = ?", contestID).Order("progress_entries.id").Find(&es).Error
	if err != nil {
		return nil, fmt.Errorf("progress history of contest %d: %w", contestID, err)
	}
	return es, nil
}

// GetProgress reads an entry.
func (s *Store) GetProgress(ctx context.Context, id int64) (ProgressEntry, error) {
	var e ProgressEntry
	if err := s.with(ctx).Where("id = ?", id).Take(&e).Error; err != nil {
		return e, fmt.Errorf("progress entry %d: %w", id, translate(err))
	}
	return e, nil
}

// PendingProgress lists entries awaiting verification, oldest first.
func (s *Store) PendingProgress(ctx context.Context, limit int) ([]ProgressEntry, error) {
	var es []ProgressEntry
	if err := s.with(ctx).Where("state = ?", ProgressPending).Order("id").Limit(limit).Find(&es).Error; err != nil {
		return nil, fmt.Errorf("pending progress: %w", err)
	}
	return es, nil
}

// ReviewProgress verifies (question "") or queries an entry as the
// department. A pending entry can be verified or queried; a verified one
// can still be queried (the board then falls back to the figure before).
// The contest's Version is raised so the board updates.
func (s *Store) ReviewProgress(ctx context.Context, entryID, reviewerID int64, question string) (ProgressEntry, error) {
	rv, err := s.GetCadre(ctx, reviewerID)
	if err != nil || !rv.MayVerifyProgress() {
		return ProgressEntry{}, ErrNotReporter
	}
	if utf8.RuneCountInString(question) > 500 {
		return ProgressEntry{}, ErrNoteTooLong
	}
	var out ProgressEntry
	err = s.Tx(ctx, func(tx *Store) error {
		e, err := tx.GetProgress(ctx, entryID)
		if err != nil {
			return err
		}
		state, from := ProgressVerified, []string{ProgressPending}
		if question != "" {
			state, from = ProgressQueried, []string{ProgressPending, ProgressVerified}
		}
		now := tx.Now()
		res := tx.with(ctx).Model(&ProgressEntry{}).Where("id = ? AND state IN ?", e.ID, from).
			Updates(map[string]any{"state": state, "question": question, "reviewer_id": reviewerID, "reviewed_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("entry %d is %s: %w", e.ID, e.State, ErrConflict)
		}
		var task ContestTask
		if err := tx.with(ctx).Where("id = ?", e.TaskID).Take(&task).Error; err != nil {
			return translate(err)
		}
		if err := tx.touchContest(ctx, task.ContestID); err != nil {
			return err
		}
		e.State, e.Question, e.ReviewerID, e.ReviewedAt = state, question, &reviewerID, &now
		out = e
		return tx.Audit(ctx, &reviewerID, "contest.review", fmt.Sprint(e.ID), state)
	})
	if err != nil {
		return ProgressEntry{}, fmt.Errorf("review progress %d: %w", entryID, err)
	}
	return out, nil
}

// ProgressReporter is the cadre who reports for a unit now: the delegate,
// else the principal; ErrNotFound when there is neither.
func (s *Store) ProgressReporter(ctx context.Context, unitID int64) (Cadre, error) {
	uc, err := s.ContestOfUnit(ctx, unitID)
	if err != nil {
		return Cadre{}, err
	}
	id := uc.Member.ReporterID
	if id == nil {
		u, err := s.GetUnit(ctx, unitID)
		if err != nil {
			return Cadre{}, err
		}
		id = u.PrincipalID
	}
	if id == nil {
		return Cadre{}, ErrNotFound
	}
	return s.GetCadre(ctx, *id)
}

// ProgressRow is an entry with the names an export shows.
type ProgressRow struct {
	ProgressEntry
	UnitName, TaskName, Measure, Author, Reviewer string
}

// ProgressRows lists every entry of a contest with its names, oldest
// first: the export's history sheet.
func (s *Store) ProgressRows(ctx context.Context, contestID int64) ([]ProgressRow, error) {
	var rows []ProgressRow
	err := s.with(ctx).Table("progress_entries").
		Select("progress_entries.*, units.name AS unit_name, contest_tasks.name AS task_name, contest_tasks.measure, "+
			"authors.name AS author, COALESCE(reviewers.name, '') AS reviewer").
		Joins("JOIN contest_tasks ON contest_tasks.id = progress_entries.task_id").
		Joins("JOIN units ON units.id = progress_entries.unit_id").
		Joins("JOIN cadres authors ON authors.id = progress_entries.author_id").
		Joins("LEFT JOIN cadres reviewers ON reviewers.id = progress_entries.reviewer_id").
		Where("contest_tasks.contest_id = ?", contestID).Order("progress_entries.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("progress rows of contest %d: %w", contestID, err)
	}
	return rows, nil
}
