package models

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// Task directions: which way progress goes.
const (
	DirectionHigher = "higher" // 越高越好: houses demolished, funds raised
	DirectionLower  = "lower"  // 越低越好: complaints, days to approve
)

// Contest is a paired competition (结对打擂) of one year: units of one
// category compete in pairs or small groups on the same tasks.
type Contest struct {
	ID     int64  `gorm:"primaryKey"`
	Name   string `gorm:"size:200;not null;uniqueIndex:idx_contest_name_year"`
	Year   int    `gorm:"not null;uniqueIndex:idx_contest_name_year"`
	Active bool   `gorm:"not null"`
	// Ranked orders each group on the board by progress; admins may turn
	// it off so the board lists units by name only.
	Ranked bool `gorm:"not null"`
	// Version grows with every change the board shows (a verification, a
	// query, a setting), so the board's broadcaster notices changes with
	// one small query.
	Version   int64 `gorm:"not null"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ContestTask is one key task of a contest with its unit of measure.
type ContestTask struct {
	ID        int64   `gorm:"primaryKey"`
	ContestID int64   `gorm:"not null;uniqueIndex:idx_task_name"`
	Seq       int     `gorm:"not null"` // the number reporters type: /progress 1 …
	Name      string  `gorm:"size:200;not null;uniqueIndex:idx_task_name"`
	Measure   string  `gorm:"size:20;not null"` // 户, 亿元, 个, %
	Direction string  `gorm:"size:10;not null"`
	Weight    float64 `gorm:"not null"`
}

// ContestGroup is a pair or small group of units of one category.
type ContestGroup struct {
	ID        int64  `gorm:"primaryKey"`
	ContestID int64  `gorm:"not null;uniqueIndex:idx_group_name"`
	Name      string `gorm:"size:100;not null;uniqueIndex:idx_group_name"`
	Category  string `gorm:"size:100;not null"`
}

// ContestMember puts a unit in a group; a unit is in at most one group of
// a contest. ReporterID is the cadre the principal delegated reporting
// to; nil: the principal reports.
type ContestMember struct {
	ID         int64 `gorm:"primaryKey"`
	ContestID  int64 `gorm:"not null;uniqueIndex:idx_member_unit"`
	UnitID     int64 `gorm:"not null;uniqueIndex:idx_member_unit"`
	GroupID    int64 `gorm:"not null;index"`
	ReporterID *int64
}

// ContestTarget is a unit's target for a task.
type ContestTarget struct {
	ID     int64   `gorm:"primaryKey"`
	TaskID int64   `gorm:"not null;uniqueIndex:idx_target"`
	UnitID int64   `gorm:"not null;uniqueIndex:idx_target"`
	Value  float64 `gorm:"not null"`
}

// ContestResult is a unit's result for a contest's year, kept for the
// annual profile: its weighted completion and its place in its group.
type ContestResult struct {
	ID        int64   `gorm:"primaryKey"`
	ContestID int64   `gorm:"not null;uniqueIndex:idx_result"`
	UnitID    int64   `gorm:"not null;uniqueIndex:idx_result"`
	Year      int     `gorm:"not null"`
	Percent   float64 `gorm:"not null"`
	GroupRank int     `gorm:"not null"`
	CreatedAt time.Time
}

// ContestByID reads a contest.
func (s *Store) ContestByID(ctx context.Context, id int64) (Contest, error) {
	var c Contest
	if err := s.with(ctx).Where("id = ?", id).Take(&c).Error; err != nil {
		return Contest{}, fmt.Errorf("contest %d: %w", id, translate(err))
	}
	return c, nil
}

// ContestByName reads a contest by name and year.
func (s *Store) ContestByName(ctx context.Context, name string, year int) (Contest, error) {
	var c Contest
	if err := s.with(ctx).Where("name = ? AND year = ?", name, year).Take(&c).Error; err != nil {
		return Contest{}, fmt.Errorf("contest %s %d: %w", name, year, translate(err))
	}
	return c, nil
}

// Contests lists every contest, newest year first.
func (s *Store) Contests(ctx context.Context) ([]Contest, error) {
	var cs []Contest
	if err := s.with(ctx).Order("year DESC, id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("list contests: %w", err)
	}
	return cs, nil
}

// ContestTasks lists a contest's tasks by number.
func (s *Store) ContestTasks(ctx context.Context, contestID int64) ([]ContestTask, error) {
	var ts []ContestTask
	if err := s.with(ctx).Where("contest_id = ?", contestID).Order("seq").Find(&ts).Error; err != nil {
		return nil, fmt.Errorf("tasks of contest %d: %w", contestID, err)
	}
	return ts, nil
}

// SetContestRanked turns ordering by progress on the board on or off.
func (s *Store) SetContestRanked(ctx context.Context, contestID int64, ranked bool) error {
	res := s.with(ctx).Model(&Contest{}).Where("id = ?", contestID).
		Updates(map[string]any{"ranked": ranked, "version": bumpVersion, "updated_at": s.Now()})
	if res.Error != nil {
		return fmt.Errorf("set ranking of contest %d: %w", contestID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("set ranking of contest %d: %w", contestID, ErrNotFound)
	}
	return nil
}

// bumpVersion raises a contest's Version in an update.
var bumpVersion = gorm.Expr("version + 1")

// touchContest marks a contest changed for the board.
func (s *Store) touchContest(ctx context.Context, contestID int64) error {
	return s.with(ctx).Model(&Contest{}).Where("id = ?", contestID).
		Updates(map[string]any{"version": bumpVersion, "updated_at": s.Now()}).Error
}

// UnitContest is what a unit competes in: the active contest it is a
// member of, its group and its tasks.
type UnitContest struct {
	Contest Contest
	Member  ContestMember
	Group   ContestGroup
	Tasks   []ContestTask
}

// ErrNoContest is a unit that is in no active contest.
var ErrNoContest = errors.New("unit is in no active contest")

// ContestOfUnit finds the active contest a unit competes in (the newest
// when several are).
func (s *Store) ContestOfUnit(ctx context.Context, unitID int64) (UnitContest, error) {
	var out UnitContest
	err := s.with(ctx).Joins("JOIN contests ON contests.id = contest_members.contest_id").
		Where("contest_members.unit_id = ? AND contests.active", unitID).
		Order("contests.year DESC, contests.id DESC").Take(&out.Member).Error
	if err = translate(err); errors.Is(err, ErrNotFound) {
		return out, ErrNoContest
	} else if err != nil {
		return out, fmt.Errorf("contest of unit %d: %w", unitID, err)
	}
	if out.Contest, err = s.ContestByID(ctx, out.Member.ContestID); err != nil {
		return out, err
	}
	if err := s.with(ctx).Where("id = ?", out.Member.GroupID).Take(&out.Group).Error; err != nil {
		return out, fmt.Errorf("group of unit %d: %w", unitID, translate(err))
	}
	out.Tasks, err = s.ContestTasks(ctx, out.Contest.ID)
	return out, err
}

// TaskBySeq finds the task numbered seq in uc.
func (uc UnitContest) TaskBySeq(seq int) (ContestTask, bool) {
	for _, t := range uc.Tasks {
		if t.Seq == seq {
			return t, true
		}
	}
	return ContestTask{}, false
}

// Delegate makes cadreID report progress for unitID in its contest; nil
// gives reporting back to the principal. The cadre must be of the unit.
func (s *Store) Delegate(ctx context.Context, unitID int64, cadreID *int64) error {
	uc, err := s.ContestOfUnit(ctx, unitID)
	if err != nil {
		return err
	}
	if cadreID != nil {
		c, err := s.GetCadre(ctx, *cadreID)
		if err != nil {
			return fmt.Errorf("delegate to cadre %d: %w", *cadreID, err)
		}
		if !c.Active || c.UnitID == nil || *c.UnitID != unitID {
			return fmt.Errorf("delegate to cadre %d of another unit: %w", *cadreID, ErrConflict)
		}
	}
	return s.with(ctx).Model(&ContestMember{}).Where("id = ?", uc.Member.ID).Update("reporter_id", cadreID).Error
}

// UnitTargets is a unit's target per task id in a contest.
func (s *Store) UnitTargets(ctx context.Context, contestID, unitID int64) (map[int64]float64, error) {
	var ts []ContestTarget
	err := s.with(ctx).Where("unit_id = ? AND task_id IN (?)", unitID,
		s.with(ctx).Model(&ContestTask{}).Select("id").Where("contest_id = ?", contestID)).Find(&ts).Error
	if err != nil {
		return nil, fmt.Errorf("targets of unit %d: %w", unitID, err)
	}
	out := make(map[int64]float64, len(ts))
	for _, t := range ts {
		out[t.TaskID] = t.Value
	}
	return out, nil
}

// FormatFigure writes a figure with its measure as people write it:
// 60户, 1.2亿元, 92%.
func FormatFigure(v float64, measure string) string {
	return strconv.FormatFloat(v, 'f', -1, 64) + measure
}
