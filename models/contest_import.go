package models

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/texts"
)

// ContestRow is one line of a contest file: a unit's target for a task,
// with its group and the task's measure.
type ContestRow struct {
	Line                        int
	Category, Group, Unit, Task string
	Measure, Direction          string
	Weight, Target              float64
}

// contestColumns name the columns of a contest file, Chinese first.
var contestColumns = map[string]string{
	"类别": "category", "组别": "group", "分组": "group", "单位": "unit", "任务": "task", "计量单位": "measure",
	"方向": "direction", "权重": "weight", "目标": "target",
	"category": "category", "group": "group", "unit": "unit", "task": "task", "measure": "measure",
	"direction": "direction", "weight": "weight", "target": "target",
}

// contestRequired are the columns a file must have; 方向 and 权重 may be
// left out (higher is better, weight 1).
var contestRequired = []string{"category", "group", "unit", "task", "measure", "target"}

// ParseDirection reads 越高越好 / 越低越好 (or higher / lower); "" is higher.
func ParseDirection(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "越高越好", "高", "higher", "up":
		return DirectionHigher, true
	case "越低越好", "低", "lower", "down":
		return DirectionLower, true
	}
	return "", false
}

// ParseContestRecords checks a contest file as a whole: the first record is
// the header, each other record comes with the line it starts on. Every
// problem is listed with its line: a unit in two groups, a group mixing
// categories, a task whose measure differs between lines, a figure that
// is not a number, a group of one.
func ParseContestRecords(recs [][]string, lines []int) ([]ContestRow, LineProblems) {
	if len(recs) == 0 {
		return nil, LineProblems{Problem(0, "contest_empty")}
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		if k, ok := contestColumns[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))]; ok {
			col[k] = i
		}
	}
	var probs LineProblems
	for _, k := range contestRequired {
		if _, ok := col[k]; !ok {
			probs = append(probs, Problem(lines[0], "contest_no_column", texts.M("contest_col_"+k)))
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	cell := func(rec []string, k string) string {
		i, ok := col[k]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	var rows []ContestRow
	for n, rec := range recs[1:] {
		line := lines[n+1]
		r, msg := contestRow(line, func(k string) string { return cell(rec, k) })
		if msg.Key != "" {
			probs = append(probs, LineProblem{Line: line, Msg: msg})
			continue
		}
		rows = append(rows, r)
	}
	probs = append(probs, crossCheck(rows)...)
	if len(rows) == 0 && len(probs) == 0 {
		probs = append(probs, Problem(0, "contest_empty"))
	}
	if len(probs) > 0 {
		return nil, GroupLineProblems(probs)
	}
	return rows, nil
}

func contestRow(line int, cell func(string) string) (ContestRow, texts.Msg) {
	r := ContestRow{Line: line, Category: cell("category"), Group: cell("group"), Unit: cell("unit"),
		Task: cell("task"), Measure: cell("measure")}
	for _, k := range []string{"category", "group", "unit", "task", "measure", "target"} {
		if cell(k) == "" {
			return r, texts.M("contest_blank", texts.M("contest_col_"+k))
		}
	}
	var ok bool
	if r.Direction, ok = ParseDirection(cell("direction")); !ok {
		return r, texts.M("contest_bad_direction", cell("direction"))
	}
	var err error
	if r.Target, err = strconv.ParseFloat(strings.ReplaceAll(cell("target"), ",", ""), 64); err != nil || r.Target < 0 {
		return r, texts.M("contest_bad_number", texts.M("contest_col_target"), cell("target"))
	}
	r.Weight = 1
	if w := cell("weight"); w != "" {
		if r.Weight, err = strconv.ParseFloat(w, 64); err != nil || r.Weight <= 0 {
			return r, texts.M("contest_bad_number", texts.M("contest_col_weight"), w)
		}
	}
	return r, texts.Msg{}
}

// crossCheck finds what is wrong between lines.
func crossCheck(rows []ContestRow) LineProblems {
	var probs LineProblems
	groupCat := map[string]ContestRow{}
	unitGroup := map[string]ContestRow{}
	task := map[string]ContestRow{}
	pair := map[string]int{}
	groupUnits := map[string]map[string]bool{}
	for _, r := range rows {
		if g, ok := groupCat[r.Group]; ok && g.Category != r.Category {
			probs = append(probs, Problem(r.Line, "contest_group_mixes", r.Group, g.Category, g.Line, r.Category))
		} else if !ok {
			groupCat[r.Group] = r
		}
		if u, ok := unitGroup[r.Unit]; ok && u.Group != r.Group {
			probs = append(probs, Problem(r.Line, "contest_unit_two_groups", r.Unit, u.Group, u.Line, r.Group))
		} else if !ok {
			unitGroup[r.Unit] = r
		}
		if t, ok := task[r.Task]; ok && (t.Measure != r.Measure || t.Direction != r.Direction || t.Weight != r.Weight) {
			probs = append(probs, Problem(r.Line, "contest_task_differs", r.Task, t.Line))
		} else if !ok {
			task[r.Task] = r
		}
		k := r.Unit + "\x00" + r.Task
		if l, ok := pair[k]; ok {
			probs = append(probs, Problem(r.Line, "contest_dup", r.Unit, r.Task, l))
		} else {
			pair[k] = r.Line
		}
		if groupUnits[r.Group] == nil {
			groupUnits[r.Group] = map[string]bool{}
		}
		groupUnits[r.Group][r.Unit] = true
	}
	for g, us := range groupUnits {
		if len(us) < 2 {
			probs = append(probs, Problem(groupCat[g].Line, "contest_group_alone", g))
		}
	}
	return probs
}

// ContestImported says what an import did.
type ContestImported struct {
	Contest                       Contest
	Tasks, Groups, Units, Targets int
}

// ImportContest checks rows against the roster (every unit exists and is
// of the category its line names) and, when all are right, writes the
// contest in one transaction: tasks and groups by name, members and
// targets replaced. A delegate a unit had is kept. Nothing is written when
// any line is wrong: the error is LineProblems.
func (s *Store) ImportContest(ctx context.Context, name string, year int, rows []ContestRow) (ContestImported, error) {
	units := map[string]Unit{}
	var probs LineProblems
	for _, r := range rows {
		u, err := s.UnitByName(ctx, r.Unit)
		switch {
		case errors.Is(err, ErrNotFound):
			probs = append(probs, Problem(r.Line, "contest_no_unit", r.Unit))
			continue
		case err != nil:
			return ContestImported{}, fmt.Errorf("import contest: %w", err)
		case u.Category != r.Category:
			probs = append(probs, Problem(r.Line, "contest_unit_category", r.Unit, orNone(u.Category), r.Category))
		}
		units[r.Unit] = u
	}
	if len(probs) > 0 {
		return ContestImported{}, GroupLineProblems(probs)
	}
	var sum ContestImported
	err := s.Tx(ctx, func(tx *Store) error {
		c, err := tx.upsertContest(ctx, name, year)
		if err != nil {
			return err
		}
		sum.Contest = c
		taskIDs, groupIDs := map[string]int64{}, map[string]int64{}
		for _, r := range rows {
			if _, ok := taskIDs[r.Task]; !ok {
				t := ContestTask{ContestID: c.ID, Seq: len(taskIDs) + 1, Name: r.Task, Measure: r.Measure, Direction: r.Direction, Weight: r.Weight}
				if err := tx.with(ctx).Where(ContestTask{ContestID: c.ID, Name: r.Task}).
					Assign(map[string]any{"seq": t.Seq, "measure": t.Measure, "direction": t.Direction, "weight": t.Weight}).
					FirstOrCreate(&t).Error; err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				taskIDs[r.Task] = t.ID
			}
			if _, ok := groupIDs[r.Group]; !ok {
				g := ContestGroup{ContestID: c.ID, Name: r.Group, Category: r.Category}
				if err := tx.with(ctx).Where(ContestGroup{ContestID: c.ID, Name: r.Group}).
					Assign(map[string]any{"category": r.Category}).FirstOrCreate(&g).Error; err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				groupIDs[r.Group] = g.ID
			}
		}
		if err := tx.replaceMembers(ctx, c.ID, rows, units, groupIDs); err != nil {
			return err
		}
		for _, r := range rows {
			tid, uid := taskIDs[r.Task], units[r.Unit].ID
			if err := tx.with(ctx).Where("task_id = ? AND unit_id = ?", tid, uid).Delete(&ContestTarget{}).Error; err != nil {
				return err
			}
			if err := tx.with(ctx).Create(&ContestTarget{TaskID: tid, UnitID: uid, Value: r.Target}).Error; err != nil {
				return fmt.Errorf("line %d: %w", r.Line, err)
			}
		}
		sum.Tasks, sum.Groups, sum.Targets = len(taskIDs), len(groupIDs), len(rows)
		sum.Units = len(units)
		if err := tx.touchContest(ctx, c.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, nil, "contest.import", fmt.Sprintf("%s %d", name, year), fmt.Sprintf("%d units, %d targets", sum.Units, sum.Targets))
	})
	if err != nil {
		return ContestImported{}, fmt.Errorf("import contest: %w", err)
	}
	return sum, nil
}

func (s *Store) upsertContest(ctx context.Context, name string, year int) (Contest, error) {
	c, err := s.ContestByName(ctx, name, year)
	if errors.Is(err, ErrNotFound) {
		c = Contest{Name: name, Year: year, Active: true, Ranked: true}
		err = s.with(ctx).Create(&c).Error
	}
	return c, err
}

// replaceMembers puts each unit of rows in its group, keeping delegates,
// and removes units no longer listed.
func (s *Store) replaceMembers(ctx context.Context, contestID int64, rows []ContestRow, units map[string]Unit, groups map[string]int64) error {
	var keep []int64
	done := map[int64]bool{}
	for _, r := range rows {
		u := units[r.Unit]
		if done[u.ID] {
			continue
		}
		done[u.ID] = true
		keep = append(keep, u.ID)
		m := ContestMember{ContestID: contestID, UnitID: u.ID}
		if err := s.with(ctx).Where(ContestMember{ContestID: contestID, UnitID: u.ID}).
			Assign(map[string]any{"group_id": groups[r.Group]}).FirstOrCreate(&m).Error; err != nil {
			return fmt.Errorf("line %d: %w", r.Line, err)
		}
	}
	return s.with(ctx).Where("contest_id = ? AND unit_id NOT IN ?", contestID, keep).Delete(&ContestMember{}).Error
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
