package models

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganshi/ganshi/texts"
)

// EditRefusal is a change to a contest that the rules refuse (a blank
// measure, a target that is not a number, a unit moved into a group of
// another category). Nothing was written. Msgs say why, in no language
// yet; Bad lists the refused inputs by index, for a form to mark.
type EditRefusal struct {
	Msgs []texts.Msg
	Bad  []int
}

func (e *EditRefusal) Error() string {
	lines := make([]string, len(e.Msgs))
	for i, m := range e.Msgs {
		lines[i] = m.Error()
	}
	return "contest edit refused: " + strings.Join(lines, "; ")
}

func refuseEdit(key string, args ...any) error {
	return &EditRefusal{Msgs: []texts.Msg{texts.M(key, args...)}}
}

// SetContestActive starts or stops a contest: a stopped one takes no
// progress and sends no prompts; its board links still show it.
func (s *Store) SetContestActive(ctx context.Context, contestID int64, active bool, actorID *int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		res := tx.with(ctx).Model(&Contest{}).Where("id = ?", contestID).Update("active", active)
		if res.Error != nil {
			return fmt.Errorf("set contest %d active: %w", contestID, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("set contest %d active: %w", contestID, ErrNotFound)
		}
		if err := tx.touchContest(ctx, contestID); err != nil {
			return err
		}
		return tx.Audit(ctx, actorID, "contest.active", strconv.FormatInt(contestID, 10), strconv.FormatBool(active))
	})
}

// TaskEdit is a task's measure, direction and weight as a person typed
// them.
type TaskEdit struct {
	Measure, Direction, Weight string
}

// parse checks e as the import checks a line: a measure, a known
// direction, a weight above 0 (the board counts a weight of 0 as 1).
func (e TaskEdit) parse() (ContestTask, error) {
	var t ContestTask
	t.Measure = strings.TrimSpace(e.Measure)
	var probs []texts.Msg
	switch {
	case t.Measure == "":
		probs = append(probs, texts.M("contest_blank", texts.M("contest_col_measure")))
	case utf8.RuneCountInString(t.Measure) > 20:
		probs = append(probs, texts.M("contest_edit_long_measure", t.Measure))
	}
	var ok bool
	if t.Direction, ok = ParseDirection(e.Direction); !ok || strings.TrimSpace(e.Direction) == "" {
		probs = append(probs, texts.M("contest_bad_direction", e.Direction))
	}
	var err error
	if t.Weight, err = parseFigure(e.Weight); err != nil || t.Weight == 0 {
		probs = append(probs, texts.M("contest_edit_bad_weight", e.Weight))
	}
	if len(probs) > 0 {
		return t, &EditRefusal{Msgs: probs}
	}
	return t, nil
}

// parseFigure reads a figure of 0 or more as people type it (1,200).
func parseFigure(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("figure %q: not a number of 0 or more", s)
	}
	return v, nil
}

// EditContestTask changes a task's measure, direction and weight. A
// change of measure does not convert the figures already reported.
func (s *Store) EditContestTask(ctx context.Context, contestID, taskID int64, e TaskEdit, actorID *int64) (ContestTask, error) {
	want, err := e.parse()
	if err != nil {
		return ContestTask{}, err
	}
	var t ContestTask
	err = s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Where("id = ? AND contest_id = ?", taskID, contestID).Take(&t).Error; err != nil {
			return fmt.Errorf("task %d of contest %d: %w", taskID, contestID, translate(err))
		}
		var changed []string
		for _, f := range []struct{ name, was, now string }{
			{"measure", t.Measure, want.Measure},
			{"direction", t.Direction, want.Direction},
			{"weight", formatNumber(t.Weight), formatNumber(want.Weight)},
		} {
			if f.was != f.now {
				changed = append(changed, fmt.Sprintf("%s %s→%s", f.name, f.was, f.now))
			}
		}
		if len(changed) == 0 {
			return nil
		}
		t.Measure, t.Direction, t.Weight = want.Measure, want.Direction, want.Weight
		if err := tx.with(ctx).Model(&t).Updates(map[string]any{"measure": t.Measure, "direction": t.Direction, "weight": t.Weight}).Error; err != nil {
			return fmt.Errorf("edit task %d: %w", taskID, err)
		}
		if err := tx.touchContest(ctx, contestID); err != nil {
			return err
		}
		return tx.Audit(ctx, actorID, "contest.task", strconv.FormatInt(contestID, 10), t.Name+": "+strings.Join(changed, ", "))
	})
	return t, err
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// MoveContestMember puts a member unit into another group of its contest
// and returns the unit and the group. The group must be of the unit's
// category (同类同比), as the import requires.
func (s *Store) MoveContestMember(ctx context.Context, contestID, unitID, groupID int64, actorID *int64) (Unit, ContestGroup, error) {
	var u Unit
	var g ContestGroup
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if u, err = tx.GetUnit(ctx, unitID); err != nil {
			return fmt.Errorf("move unit %d: %w", unitID, err)
		}
		var m ContestMember
		err = translate(tx.with(ctx).Where("contest_id = ? AND unit_id = ?", contestID, unitID).Take(&m).Error)
		if errors.Is(err, ErrNotFound) {
			return refuseEdit("contest_edit_not_member", u.Name)
		} else if err != nil {
			return fmt.Errorf("move unit %d: %w", unitID, err)
		}
		err = translate(tx.with(ctx).Where("id = ? AND contest_id = ?", groupID, contestID).Take(&g).Error)
		if errors.Is(err, ErrNotFound) {
			return refuseEdit("contest_edit_no_group")
		} else if err != nil {
			return fmt.Errorf("move unit %d: %w", unitID, err)
		}
		if g.Category != u.Category {
			return refuseEdit("contest_edit_group_category", u.Name, orNone(u.Category), g.Name, g.Category)
		}
		if g.ID == m.GroupID {
			return nil
		}
		var was ContestGroup
		if err := tx.with(ctx).Where("id = ?", m.GroupID).Take(&was).Error; err != nil {
			return fmt.Errorf("group of unit %d: %w", unitID, err)
		}
		if err := tx.with(ctx).Model(&m).Update("group_id", g.ID).Error; err != nil {
			return fmt.Errorf("move unit %d: %w", unitID, err)
		}
		if err := tx.touchContest(ctx, contestID); err != nil {
			return err
		}
		return tx.Audit(ctx, actorID, "contest.group", strconv.FormatInt(contestID, 10), fmt.Sprintf("%s: %s→%s", u.Name, was.Name, g.Name))
	})
	return u, g, err
}

// TargetInput is a unit's target for a task as typed in a form; a blank
// Value leaves the target as it is.
type TargetInput struct {
	TaskID, UnitID int64
	Value          string
}

// SetContestTargets writes the targets typed for a contest's member units,
// all or none: a task of another contest, a unit not in the contest or a
// figure that is not a number of 0 or more refuses the lot, each named.
// It returns how many targets changed.
func (s *Store) SetContestTargets(ctx context.Context, contestID int64, in []TargetInput, actorID *int64) (int, error) {
	var changed []string
	err := s.Tx(ctx, func(tx *Store) error {
		l, err := tx.ContestLayout(ctx, contestID)
		if err != nil {
			return err
		}
		values, err := tx.checkTargets(ctx, l, in)
		if err != nil {
			return err
		}
		for i, v := range values {
			k := [2]int64{in[i].TaskID, in[i].UnitID}
			if was, ok := l.Targets[k]; v == nil || (ok && was == *v) {
				continue
			}
			t := ContestTarget{TaskID: k[0], UnitID: k[1]}
			if err := tx.with(ctx).Where(ContestTarget{TaskID: k[0], UnitID: k[1]}).
				Assign(map[string]any{"value": *v}).FirstOrCreate(&t).Error; err != nil {
				return fmt.Errorf("target of unit %d for task %d: %w", k[1], k[0], err)
			}
			was := "—"
			if w, ok := l.Targets[k]; ok {
				was = formatNumber(w)
			}
			changed = append(changed, fmt.Sprintf("%s·%s %s→%s", l.member(k[1]).Name, l.task(k[0]).Name, was, formatNumber(*v)))
		}
		if len(changed) == 0 {
			return nil
		}
		if err := tx.touchContest(ctx, contestID); err != nil {
			return err
		}
		return tx.Audit(ctx, actorID, "contest.target", strconv.FormatInt(contestID, 10), strings.Join(changed, "; "))
	})
	if err != nil {
		return 0, err
	}
	return len(changed), nil
}

// checkTargets reads each input's figure (nil: blank) or refuses them
// with every problem named.
func (s *Store) checkTargets(ctx context.Context, l ContestLayout, in []TargetInput) ([]*float64, error) {
	out := make([]*float64, len(in))
	ref := &EditRefusal{}
	for i, t := range in {
		task, unit := l.task(t.TaskID), l.member(t.UnitID)
		var msg texts.Msg
		switch {
		case task.ID == 0:
			msg = texts.M("contest_edit_no_task")
		case unit.UnitID == 0:
			name, err := s.unitName(ctx, t.UnitID)
			if err != nil {
				return nil, err
			}
			msg = texts.M("contest_edit_not_member", name)
		case strings.TrimSpace(t.Value) == "":
			continue
		default:
			v, err := parseFigure(t.Value)
			if err == nil {
				out[i] = &v
				continue
			}
			msg = texts.M("contest_edit_bad_target", unit.Name, task.Name, t.Value)
		}
		ref.Msgs, ref.Bad = append(ref.Msgs, msg), append(ref.Bad, i)
	}
	if len(ref.Msgs) > 0 {
		return nil, ref
	}
	return out, nil
}

// unitName names a unit for a refusal; a unit that does not exist is
// named by its number.
func (s *Store) unitName(ctx context.Context, id int64) (string, error) {
	u, err := s.GetUnit(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return "#" + strconv.FormatInt(id, 10), nil
	}
	return u.Name, err
}
