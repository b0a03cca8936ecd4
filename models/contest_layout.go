package models

import (
	"context"
	"fmt"
)

// ContestLayout is how a contest is set up, as the console's edit page
// shows it: its tasks, its groups, the units in them and their targets.
type ContestLayout struct {
	Contest Contest
	Tasks   []ContestTask
	Groups  []ContestGroup // by category, then name
	Members []LayoutMember // by unit name
	Targets map[[2]int64]float64
}

// LayoutMember is a unit of a contest with its roster category.
type LayoutMember struct {
	UnitID, GroupID int64
	Name, Category  string
}

// ContestLayout reads a contest's set-up.
func (s *Store) ContestLayout(ctx context.Context, contestID int64) (ContestLayout, error) {
	var l ContestLayout
	var err error
	if l.Contest, err = s.ContestByID(ctx, contestID); err != nil {
		return l, err
	}
	if l.Tasks, err = s.ContestTasks(ctx, contestID); err != nil {
		return l, err
	}
	if err := s.with(ctx).Where("contest_id = ?", contestID).Order("category, name").Find(&l.Groups).Error; err != nil {
		return l, fmt.Errorf("groups of contest %d: %w", contestID, err)
	}
	if err := s.with(ctx).Table("contest_members").
		Select("contest_members.unit_id, contest_members.group_id, units.name, units.category").
		Joins("JOIN units ON units.id = contest_members.unit_id").Where("contest_members.contest_id = ?", contestID).
		Order("units.name").Scan(&l.Members).Error; err != nil {
		return l, fmt.Errorf("members of contest %d: %w", contestID, err)
	}
	var ts []ContestTarget
	if err := s.with(ctx).Where("task_id IN (?)", s.with(ctx).Model(&ContestTask{}).Select("id").Where("contest_id = ?", contestID)).
		Find(&ts).Error; err != nil {
		return l, fmt.Errorf("targets of contest %d: %w", contestID, err)
	}
	l.Targets = make(map[[2]int64]float64, len(ts))
	for _, t := range ts {
		l.Targets[[2]int64{t.TaskID, t.UnitID}] = t.Value
	}
	return l, nil
}

// task finds a task of the contest; the zero task when it is not one.
func (l ContestLayout) task(id int64) ContestTask {
	for _, t := range l.Tasks {
		if t.ID == id {
			return t
		}
	}
	return ContestTask{}
}

// member finds a member unit; the zero member when the unit is not one.
func (l ContestLayout) member(unitID int64) LayoutMember {
	for _, m := range l.Members {
		if m.UnitID == unitID {
			return m
		}
	}
	return LayoutMember{}
}
