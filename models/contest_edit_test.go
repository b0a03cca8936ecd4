package models_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// editFile is two groups of 乡镇一类 and one of 乡镇二类 on two tasks.
const editFile = `类别,组别,单位,任务,计量单位,方向,权重,目标
乡镇一类,第一组,城关镇,棚户区改造征收,户,越高越好,2,120
乡镇一类,第一组,河西乡,棚户区改造征收,户,越高越好,2,100
乡镇一类,第二组,东港镇,棚户区改造征收,户,越高越好,2,90
乡镇一类,第二组,北山乡,棚户区改造征收,户,越高越好,2,80
乡镇二类,第三组,南湖镇,棚户区改造征收,户,越高越好,2,70
乡镇二类,第三组,西岭乡,棚户区改造征收,户,越高越好,2,60
乡镇一类,第一组,城关镇,重点项目投资,亿元,越高越好,1,3
乡镇一类,第一组,河西乡,重点项目投资,亿元,越高越好,1,2.5`

// editSeed imports editFile; it returns the layout, the admin and the
// units by name (外乡 is of 乡镇一类 and in no contest).
type editSeed struct {
	l     models.ContestLayout
	admin int64
	units map[string]models.Unit
}

func seedEdit(t *testing.T, st *models.Store) editSeed {
	t.Helper()
	ctx := context.Background()
	sd := editSeed{units: map[string]models.Unit{}}
	for _, n := range []string{"城关镇", "河西乡", "东港镇", "北山乡", "南湖镇", "西岭乡", "外乡"} {
		u, _, _ := seedUnit(t, st, n)
		if n == "南湖镇" || n == "西岭乡" {
			u.Category = "乡镇二类"
			must(t, st.DB().Model(&u).Update("category", u.Category).Error)
		}
		sd.units[n] = u
	}
	admin := models.Cadre{Name: "周部长", ExternalID: "zb", Role: models.RoleAdmin, Active: true, Lang: "zh"}
	must(t, st.DB().Create(&admin).Error)
	sd.admin = admin.ID
	rows, probs := models.ParseContestRecords(contestRecords(editFile))
	if probs != nil {
		t.Fatal(problemsText(probs))
	}
	sum, err := st.ImportContest(ctx, "2026年度结对打擂", 2026, rows)
	must(t, err)
	sd.l, err = st.ContestLayout(ctx, sum.Contest.ID)
	must(t, err)
	return sd
}

func (sd editSeed) group(name string) models.ContestGroup {
	for _, g := range sd.l.Groups {
		if g.Name == name {
			return g
		}
	}
	panic("no group " + name)
}

// version reads the contest's Version, which the board watches.
func version(t *testing.T, st *models.Store, id int64) int64 {
	t.Helper()
	c, err := st.ContestByID(context.Background(), id)
	must(t, err)
	return c.Version
}

// refusedWith checks that err is a refusal saying keys, in order.
func refusedWith(t *testing.T, what string, err error, keys ...string) *models.EditRefusal {
	t.Helper()
	var ref *models.EditRefusal
	if !errors.As(err, &ref) {
		t.Fatalf("%s: %v, want a refusal", what, err)
	}
	var got []string
	for _, m := range ref.Msgs {
		got = append(got, m.Key)
	}
	if !slices.Equal(got, keys) {
		t.Fatalf("%s: refused with %v, want %v", what, got, keys)
	}
	return ref
}

func lastAudit(t *testing.T, st *models.Store, action string) models.AuditEntry {
	t.Helper()
	es, err := st.AuditEntries(context.Background(), action, 1)
	must(t, err)
	if len(es) != 1 {
		t.Fatalf("no %s audit entry", action)
	}
	return es[0]
}

func TestSetContestActive(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		sd := seedEdit(t, st)
		id, v := sd.l.Contest.ID, version(t, st, sd.l.Contest.ID)
		must(t, st.SetContestActive(ctx, id, false, &sd.admin))
		if _, err := st.ContestOfUnit(ctx, sd.units["城关镇"].ID); !errors.Is(err, models.ErrNoContest) {
			t.Fatalf("a stopped contest still takes progress: %v", err)
		}
		if e := lastAudit(t, st, "contest.active"); e.Detail != "false" || *e.ActorID != sd.admin {
			t.Fatalf("audit: %+v", e)
		}
		must(t, st.SetContestActive(ctx, id, true, &sd.admin))
		if got := version(t, st, id); got != v+2 {
			t.Fatalf("version %d after two switches from %d", got, v)
		}
		if _, err := st.ContestOfUnit(ctx, sd.units["城关镇"].ID); err != nil {
			t.Fatalf("restarted contest: %v", err)
		}
		if err := st.SetContestActive(ctx, id+100, false, &sd.admin); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("no such contest: %v", err)
		}
	})
}

func TestEditContestTask(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		sd := seedEdit(t, st)
		id, houses := sd.l.Contest.ID, sd.l.Tasks[0]
		v := version(t, st, id)
		for _, bad := range []struct {
			what string
			in   models.TaskEdit
			keys []string
		}{
			{"empty measure", models.TaskEdit{Measure: " ", Direction: "higher", Weight: "2"}, []string{"contest_blank"}},
			{"long measure", models.TaskEdit{Measure: strings.Repeat("户", 21), Direction: "higher", Weight: "2"}, []string{"contest_edit_long_measure"}},
			{"negative weight", models.TaskEdit{Measure: "户", Direction: "higher", Weight: "-1"}, []string{"contest_edit_bad_weight"}},
			{"zero weight", models.TaskEdit{Measure: "户", Direction: "higher", Weight: "0"}, []string{"contest_edit_bad_weight"}},
			{"weight not a number", models.TaskEdit{Measure: "户", Direction: "higher", Weight: "两"}, []string{"contest_edit_bad_weight"}},
			{"unknown direction", models.TaskEdit{Measure: "户", Direction: "sideways", Weight: "2"}, []string{"contest_bad_direction"}},
			{"no direction", models.TaskEdit{Measure: "户", Weight: "2"}, []string{"contest_bad_direction"}},
			{"all wrong", models.TaskEdit{Direction: "x", Weight: "x"}, []string{"contest_blank", "contest_bad_direction", "contest_edit_bad_weight"}},
		} {
			_, err := st.EditContestTask(ctx, id, houses.ID, bad.in, &sd.admin)
			refusedWith(t, bad.what, err, bad.keys...)
		}
		if ts, _ := st.ContestTasks(ctx, id); ts[0] != houses || version(t, st, id) != v {
			t.Fatalf("a refused edit wrote: %+v", ts[0])
		}
		got, err := st.EditContestTask(ctx, id, houses.ID, models.TaskEdit{Measure: " 套 ", Direction: "越低越好", Weight: "1.5"}, &sd.admin)
		must(t, err)
		ts, _ := st.ContestTasks(ctx, id)
		if got != ts[0] || got.Measure != "套" || got.Direction != models.DirectionLower || got.Weight != 1.5 {
			t.Fatalf("edited task: %+v, stored %+v", got, ts[0])
		}
		if version(t, st, id) != v+1 {
			t.Fatal("the board was not told")
		}
		if e := lastAudit(t, st, "contest.task"); e.Detail != "棚户区改造征收: measure 户→套, direction higher→lower, weight 2→1.5" {
			t.Fatalf("audit: %q", e.Detail)
		}
		if _, err := st.EditContestTask(ctx, id+100, houses.ID, models.TaskEdit{Measure: "户", Direction: "higher", Weight: "1"}, &sd.admin); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("a task of another contest: %v", err)
		}
	})
}

func TestSetContestTargets(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		sd := seedEdit(t, st)
		id, houses, invest := sd.l.Contest.ID, sd.l.Tasks[0].ID, sd.l.Tasks[1].ID
		cg, hx, out := sd.units["城关镇"].ID, sd.units["河西乡"].ID, sd.units["外乡"].ID
		v := version(t, st, id)
		ref := refusedWith(t, "bad cells", errOf(st.SetContestTargets(ctx, id, []models.TargetInput{
			{TaskID: houses, UnitID: cg, Value: "150"},
			{TaskID: houses, UnitID: hx, Value: "一百"},
			{TaskID: invest, UnitID: hx, Value: "-2"},
			{TaskID: houses, UnitID: out, Value: "10"},
			{TaskID: invest + 100, UnitID: cg, Value: "1"},
		}, &sd.admin)), "contest_edit_bad_target", "contest_edit_bad_target", "contest_edit_not_member", "contest_edit_no_task")
		if !slices.Equal(ref.Bad, []int{1, 2, 3, 4}) || ref.Msgs[0].Args[0] != "河西乡" || ref.Msgs[2].Args[0] != "外乡" {
			t.Fatalf("refusal: %+v", ref)
		}
		if l, _ := st.ContestLayout(ctx, id); l.Targets[[2]int64{houses, cg}] != 120 || version(t, st, id) != v {
			t.Fatal("a refused form wrote its good cell")
		}
		n, err := st.SetContestTargets(ctx, id, []models.TargetInput{
			{TaskID: houses, UnitID: cg, Value: "1,500"},
			{TaskID: houses, UnitID: hx, Value: ""},    // blank: unchanged
			{TaskID: invest, UnitID: hx, Value: "2.5"}, // the same: unchanged
			{TaskID: invest, UnitID: sd.units["东港镇"].ID, Value: "0"},
		}, &sd.admin)
		if err != nil || n != 2 {
			t.Fatalf("set targets: %d %v", n, err)
		}
		l, _ := st.ContestLayout(ctx, id)
		if l.Targets[[2]int64{houses, cg}] != 1500 || l.Targets[[2]int64{houses, hx}] != 100 || l.Targets[[2]int64{invest, sd.units["东港镇"].ID}] != 0 {
			t.Fatalf("targets: %v", l.Targets)
		}
		if version(t, st, id) != v+1 {
			t.Fatal("the board was not told")
		}
		if e := lastAudit(t, st, "contest.target"); !strings.Contains(e.Detail, "城关镇·棚户区改造征收 120→1500") || !strings.Contains(e.Detail, "东港镇·重点项目投资 —→0") {
			t.Fatalf("audit: %q", e.Detail)
		}
		s, err := st.Standing(ctx, id)
		must(t, err)
		if _, g, _ := s.GroupOf(cg); g.Units[0].Cells[0].Target != 1500 {
			t.Fatalf("the board's target: %+v", g.Units[0])
		}
		if n, err := st.SetContestTargets(ctx, id, []models.TargetInput{{TaskID: houses, UnitID: cg, Value: "1500"}}, &sd.admin); n != 0 || err != nil || version(t, st, id) != v+1 {
			t.Fatalf("an unchanged form: %d %v", n, err)
		}
	})
}

func errOf(_ int, err error) error { return err }

func TestMoveContestMember(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		sd := seedEdit(t, st)
		id := sd.l.Contest.ID
		v := version(t, st, id)
		_, _, err := st.MoveContestMember(ctx, id, sd.units["南湖镇"].ID, sd.group("第一组").ID, &sd.admin)
		refusedWith(t, "another category", err, "contest_edit_group_category")
		_, _, err = st.MoveContestMember(ctx, id, sd.units["外乡"].ID, sd.group("第二组").ID, &sd.admin)
		refusedWith(t, "a unit not in the contest", err, "contest_edit_not_member")
		_, _, err = st.MoveContestMember(ctx, id, sd.units["河西乡"].ID, sd.group("第二组").ID+100, &sd.admin)
		refusedWith(t, "a group of no contest", err, "contest_edit_no_group")
		if version(t, st, id) != v {
			t.Fatal("a refused move told the board")
		}
		u, g, err := st.MoveContestMember(ctx, id, sd.units["河西乡"].ID, sd.group("第二组").ID, &sd.admin)
		if err != nil || u.Name != "河西乡" || g.Name != "第二组" {
			t.Fatalf("move: %v %s %s", err, u.Name, g.Name)
		}
		uc, err := st.ContestOfUnit(ctx, sd.units["河西乡"].ID)
		if err != nil || uc.Group.Name != "第二组" || version(t, st, id) != v+1 {
			t.Fatalf("after the move: %v %+v", err, uc.Group)
		}
		if e := lastAudit(t, st, "contest.group"); e.Detail != "河西乡: 第一组→第二组" {
			t.Fatalf("audit: %q", e.Detail)
		}
		if l, _ := st.ContestLayout(ctx, id); l.Targets[[2]int64{l.Tasks[0].ID, sd.units["河西乡"].ID}] != 100 {
			t.Fatal("a move lost the unit's targets")
		}
	})
}
