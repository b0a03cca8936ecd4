package models

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// Standing is a contest as the live board, the export and the meeting
// chart show it: verified figures only, units only (never a person), and
// outcomes only (never how fast anyone answered).
type Standing struct {
	Contest    Contest
	Tasks      []ContestTask
	Categories []StandingCategory
	UpdatedAt  *time.Time // the latest verification shown; nil: none yet
}

// StandingCategory is one category's groups.
type StandingCategory struct {
	Name   string
	Groups []StandingGroup
}

// StandingGroup is a pair or small group; Units are by progress when the
// contest is Ranked, else by name.
type StandingGroup struct {
	ID    int64
	Name  string
	Units []StandingUnit
}

// StandingUnit is one unit's figures, one Cell per task in task order.
type StandingUnit struct {
	UnitID    int64
	Name      string
	Percent   float64 // weighted completion, 0–100
	Cells     []StandingCell
	UpdatedAt *time.Time
}

// StandingCell is a unit's figure for one task.
type StandingCell struct {
	Has       bool    // a verified figure exists
	Value     float64 // the latest verified figure
	Target    float64
	HasTarget bool
	Percent   float64 // completion toward the target, 0–100
	Week      float64 // change since a week ago
	HasWeek   bool    // a verified figure a week ago (else Week is not shown)
	UpdatedAt *time.Time
}

// completion is how far value is toward target: value/target when higher
// is better; when lower is better, 100% at or below target and
// target/value above it.
func completion(t ContestTask, value, target float64) float64 {
	var p float64
	switch {
	case t.Direction == DirectionLower && value <= target:
		p = 1
	case t.Direction == DirectionLower:
		p = target / value
	case target <= 0:
		p = 1
	default:
		p = value / target
	}
	return min(max(p, 0), 1) * 100
}

type verifiedFigure struct {
	TaskID, UnitID int64
	Value          float64
	ReviewedAt     *time.Time
}

// Standing computes a contest's board in a fixed number of queries, each
// bounded by the contest's units and tasks.
func (s *Store) Standing(ctx context.Context, contestID int64) (Standing, error) {
	var st Standing
	var err error
	if st.Contest, err = s.ContestByID(ctx, contestID); err != nil {
		return st, err
	}
	if st.Tasks, err = s.ContestTasks(ctx, contestID); err != nil {
		return st, err
	}
	var groups []ContestGroup
	if err := s.with(ctx).Where("contest_id = ?", contestID).Order("category, name").Find(&groups).Error; err != nil {
		return st, fmt.Errorf("groups of contest %d: %w", contestID, err)
	}
	var members []struct {
		GroupID, UnitID int64
		Name            string
	}
	if err := s.with(ctx).Table("contest_members").Select("contest_members.group_id, contest_members.unit_id, units.name").
		Joins("JOIN units ON units.id = contest_members.unit_id").Where("contest_members.contest_id = ?", contestID).
		Order("units.name").Scan(&members).Error; err != nil {
		return st, fmt.Errorf("members of contest %d: %w", contestID, err)
	}
	var targets []ContestTarget
	if err := s.with(ctx).Where("task_id IN (?)", s.with(ctx).Model(&ContestTask{}).Select("id").Where("contest_id = ?", contestID)).
		Find(&targets).Error; err != nil {
		return st, fmt.Errorf("targets of contest %d: %w", contestID, err)
	}
	now, weekAgo := s.Now(), s.Now().AddDate(0, 0, -7)
	cur, err := s.verifiedAsOf(ctx, contestID, now)
	if err != nil {
		return st, err
	}
	prev, err := s.verifiedAsOf(ctx, contestID, weekAgo)
	if err != nil {
		return st, err
	}
	tg := map[[2]int64]float64{}
	for _, t := range targets {
		tg[[2]int64{t.TaskID, t.UnitID}] = t.Value
	}
	byGroup := map[int64][]StandingUnit{}
	for _, m := range members {
		u := StandingUnit{UnitID: m.UnitID, Name: m.Name}
		var wsum, wdone float64
		for _, t := range st.Tasks {
			k := [2]int64{t.ID, m.UnitID}
			c := StandingCell{}
			c.Target, c.HasTarget = tg[k]
			if f, ok := cur[k]; ok {
				c.Has, c.Value, c.UpdatedAt = true, f.Value, f.ReviewedAt
				if p, ok := prev[k]; ok {
					c.Week, c.HasWeek = f.Value-p.Value, true
				}
				if u.UpdatedAt == nil || (f.ReviewedAt != nil && f.ReviewedAt.After(*u.UpdatedAt)) {
					u.UpdatedAt = f.ReviewedAt
				}
			}
			if c.HasTarget {
				if c.Has {
					c.Percent = completion(t, c.Value, c.Target)
				}
				w := cmp.Or(t.Weight, 1)
				wsum += w
				wdone += w * c.Percent
			}
			u.Cells = append(u.Cells, c)
		}
		if wsum > 0 {
			u.Percent = wdone / wsum
		}
		if u.UpdatedAt != nil && (st.UpdatedAt == nil || u.UpdatedAt.After(*st.UpdatedAt)) {
			st.UpdatedAt = u.UpdatedAt
		}
		byGroup[m.GroupID] = append(byGroup[m.GroupID], u)
	}
	for _, g := range groups {
		units := byGroup[g.ID]
		if st.Contest.Ranked {
			slices.SortStableFunc(units, func(a, b StandingUnit) int { return cmp.Compare(b.Percent, a.Percent) })
		}
		sg := StandingGroup{ID: g.ID, Name: g.Name, Units: units}
		if n := len(st.Categories); n == 0 || st.Categories[n-1].Name != g.Category {
			st.Categories = append(st.Categories, StandingCategory{Name: g.Category})
		}
		cat := &st.Categories[len(st.Categories)-1]
		cat.Groups = append(cat.Groups, sg)
	}
	return st, nil
}

// verifiedAsOf is each unit's latest verified figure per task reported by
// at: one query over the contest's entries.
func (s *Store) verifiedAsOf(ctx context.Context, contestID int64, at time.Time) (map[[2]int64]verifiedFigure, error) {
	latest := s.with(ctx).Model(&ProgressEntry{}).Select("MAX(progress_entries.id)").
		Joins("JOIN contest_tasks ON contest_tasks.id = progress_entries.task_id").
		Where("contest_tasks.contest_id = ? AND progress_entries.state = ? AND progress_entries.created_at <= ?", contestID, ProgressVerified, at).
		Group("progress_entries.task_id, progress_entries.unit_id")
	var rows []verifiedFigure
	if err := s.with(ctx).Model(&ProgressEntry{}).Select("task_id, unit_id, value, reviewed_at").
		Where("id IN (?)", latest).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("verified figures of contest %d: %w", contestID, err)
	}
	out := make(map[[2]int64]verifiedFigure, len(rows))
	for _, r := range rows {
		out[[2]int64{r.TaskID, r.UnitID}] = r
	}
	return out, nil
}

// Category keeps only the named category; ok is false when there is none.
func (st Standing) Category(name string) (Standing, bool) {
	for _, c := range st.Categories {
		if c.Name == name {
			st.Categories = []StandingCategory{c}
			return st, true
		}
	}
	return st, false
}

// GroupOf finds the group holding a unit.
func (st Standing) GroupOf(unitID int64) (StandingCategory, StandingGroup, bool) {
	for _, c := range st.Categories {
		for _, g := range c.Groups {
			for _, u := range g.Units {
				if u.UnitID == unitID {
					return c, g, true
				}
			}
		}
	}
	return StandingCategory{}, StandingGroup{}, false
}
