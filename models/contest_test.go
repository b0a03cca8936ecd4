package models_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/texts"
)

// contestFile is a pair of townships on two tasks, as a sheet would hold it.
const contestFile = `类别,组别,单位,任务,计量单位,方向,权重,目标
乡镇一类,第一组,城关镇,棚户区改造征收,户,越高越好,2,120
乡镇一类,第一组,河西乡,棚户区改造征收,户,越高越好,2,100
乡镇一类,第一组,城关镇,重点项目投资,亿元,越高越好,1,3
乡镇一类,第一组,河西乡,重点项目投资,亿元,越高越好,1,2.5`

func contestRecords(file string) ([][]string, []int) {
	var recs [][]string
	var lines []int
	for i, l := range strings.Split(file, "\n") {
		recs = append(recs, strings.Split(l, ","))
		lines = append(lines, i+1)
	}
	return recs, lines
}

func problemsText(ps models.LineProblems) string {
	var b []string
	for _, p := range ps {
		b = append(b, p.Text(texts.ZH))
	}
	return strings.Join(b, "\n")
}

// seedContest makes 城关镇 and 河西乡 with their principals and imports
// contestFile; it returns the two units' principals.
func seedContest(t *testing.T, st *models.Store) (models.Cadre, models.Cadre, models.UnitContest) {
	t.Helper()
	ctx := context.Background()
	_, a, _ := seedUnit(t, st, "城关镇")
	_, b, _ := seedUnit(t, st, "河西乡")
	rows, probs := models.ParseContestRecords(contestRecords(contestFile))
	if probs != nil {
		t.Fatal(problemsText(probs))
	}
	if _, err := st.ImportContest(ctx, "2026年度结对打擂", 2026, rows); err != nil {
		t.Fatal(err)
	}
	uc, err := st.ContestOfUnit(ctx, *a.UnitID)
	must(t, err)
	return a, b, uc
}

func TestContestImportRefusesWithLineNumbers(t *testing.T) {
	bad := contestFile + `
乡镇二类,第一组,东港镇,棚户区改造征收,户,越高越好,2,80
乡镇一类,第二组,城关镇,四城同创,个,越高越好,1,5
乡镇一类,第二组,北山乡,四城同创,个,越高越好,1,5`
	_, probs := models.ParseContestRecords(contestRecords(bad))
	got := problemsText(probs)
	for _, want := range []string{
		"第6行：组别“第一组”在第2行属于类别“乡镇一类”，不能混入类别“乡镇二类”的单位",
		"第7行：单位“城关镇”已在第2行编入“第一组”，不能同时编入“第二组”",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		seedUnit(t, st, "城关镇")
		rows, probs := models.ParseContestRecords(contestRecords(contestFile))
		if probs != nil {
			t.Fatal(problemsText(probs))
		}
		_, err := st.ImportContest(context.Background(), "x", 2026, rows)
		var lp models.LineProblems
		if !errors.As(err, &lp) || !strings.Contains(problemsText(lp), "第3、5行（共2行）：名册中没有单位“河西乡”") {
			t.Fatalf("unknown unit: %v", err)
		}
		if cs, _ := st.Contests(context.Background()); len(cs) != 0 {
			t.Fatalf("a refused import wrote %d contests", len(cs))
		}
	})
}

func TestProgressVerifyAndStanding(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		a, b, uc := seedContest(t, st)
		admin := models.Cadre{Name: "周部长", ExternalID: "zb", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		must(t, st.DB().Create(&admin).Error)
		houses, _ := uc.TaskBySeq(1)

		e1, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: a.ID, TaskID: houses.ID, Value: 30, Raw: "30户"})
		must(t, err)
		_, err = st.ReviewProgress(ctx, e1.ID, admin.ID, "")
		must(t, err)
		clock.Advance(8 * 24 * time.Hour)
		e2, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: a.ID, TaskID: houses.ID, Value: 60, Raw: "60户"})
		must(t, err)
		s, err := st.Standing(ctx, uc.Contest.ID)
		must(t, err)
		if c := s.Categories[0].Groups[0].Units[0].Cells[0]; c.Value != 30 {
			t.Fatalf("a pending entry shows on the board: %+v", c)
		}
		_, err = st.ReviewProgress(ctx, e2.ID, admin.ID, "")
		must(t, err)
		s, err = st.Standing(ctx, uc.Contest.ID)
		must(t, err)
		g := s.Categories[0].Groups[0]
		top := g.Units[0]
		if top.Name != "城关镇" || top.Cells[0].Value != 60 || top.Cells[0].Percent != 50 || top.Cells[0].Week != 30 {
			t.Fatalf("standing after verification: %+v", top)
		}
		// weights 2 and 1: 50% on houses, nothing on investment.
		if want := 100.0 / 3; top.Percent < want-0.01 || top.Percent > want+0.01 {
			t.Fatalf("weighted percent %v, want %v", top.Percent, want)
		}
		if g.Units[1].Name != "河西乡" || g.Units[1].Cells[0].Has {
			t.Fatalf("河西乡 reported nothing: %+v", g.Units[1])
		}

		// Backwards needs confirmation and a note.
		if _, last, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: a.ID, TaskID: houses.ID, Value: 55}); !errors.Is(err, models.ErrBackward) || last.Value != 60 {
			t.Fatalf("backwards without confirmation: %v", err)
		}
		if _, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: a.ID, TaskID: houses.ID, Value: 55, Confirmed: true}); !errors.Is(err, models.ErrBackward) {
			t.Fatalf("backwards without a note: %v", err)
		}
		e3, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: a.ID, TaskID: houses.ID, Value: 55, Confirmed: true, Note: "5户重复统计"})
		if err != nil || !e3.Backward {
			t.Fatalf("confirmed backwards: %v %+v", err, e3)
		}
		// Queried: back to the reporter, the board keeps 60.
		q, err := st.ReviewProgress(ctx, e3.ID, admin.ID, "请附重复统计名单")
		if err != nil || q.State != models.ProgressQueried {
			t.Fatalf("query: %v", err)
		}
		if _, err := st.ReviewProgress(ctx, e3.ID, admin.ID, ""); !errors.Is(err, models.ErrConflict) {
			t.Fatalf("verifying a queried entry: %v", err)
		}
		hist, err := st.ProgressHistory(ctx, uc.Contest.ID)
		if err != nil || len(hist) != 3 || hist[2].AuthorID != a.ID {
			t.Fatalf("history keeps every entry with its author: %v %+v", err, hist)
		}

		// A reporter of another unit cannot report 城关镇's figures; the
		// other unit's own report is its own.
		other := models.ProgressInput{ReporterID: b.ID, TaskID: houses.ID, Value: 10}
		e4, _, err := st.ReportProgress(ctx, other)
		if err != nil || e4.UnitID != *b.UnitID {
			t.Fatalf("河西乡's principal reports for 河西乡 only: %v %+v", err, e4)
		}
		// A plain cadre is not the reporter until delegated.
		var cad models.Cadre
		must(t, st.DB().Where("external_id = ?", "城关镇-2").Take(&cad).Error)
		if _, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: cad.ID, TaskID: houses.ID, Value: 70}); !errors.Is(err, models.ErrNotReporter) {
			t.Fatalf("undelegated cadre: %v", err)
		}
		must(t, st.Delegate(ctx, *a.UnitID, &cad.ID))
		if _, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: cad.ID, TaskID: houses.ID, Value: 70}); err != nil {
			t.Fatalf("delegated cadre: %v", err)
		}
		if _, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: a.ID, TaskID: houses.ID, Value: 71}); !errors.Is(err, models.ErrNotReporter) {
			t.Fatalf("the principal after delegating: %v", err)
		}
		if _, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: cad.ID, TaskID: 9999, Value: 1}); !errors.Is(err, models.ErrTaskNotUnits) {
			t.Fatalf("a task not in the unit's contest: %v", err)
		}
		// Ranking off: by name.
		must(t, st.SetContestRanked(ctx, uc.Contest.ID, false))
		n, err := st.KeepContestResults(ctx, uc.Contest.ID)
		if err != nil || n != 2 {
			t.Fatalf("keep results: %d %v", n, err)
		}
		rs, err := st.UnitResults(ctx, *a.UnitID)
		if err != nil || len(rs) != 1 || rs[0].GroupRank != 1 || rs[0].Year != 2026 {
			t.Fatalf("unit results: %v %+v", err, rs)
		}
	})
}

func TestReadProgressFigure(t *testing.T) {
	tests := []struct {
		in, measure string
		want        float64
		err         error
	}{
		{"35户", "户", 35, nil},
		{"三十五户，新签约5户", "户", 35, nil},
		{"35", "户", 35, nil},
		{"1.2亿元", "亿元", 1.2, nil},
		{"3500万元", "亿元", 0.35, nil},
		{"0.5亿元", "万元", 5000, nil},
		{"3500", "亿元", 0, models.ErrFigureUnitless},
		{"35个", "户", 0, models.ErrFigureOtherUnit},
		{"92%", "%", 92, nil},
		{"尚未开展", "户", 0, models.ErrFigureMissing},
	}
	for _, tt := range tests {
		got, _, err := models.ReadProgressFigure(tt.in, tt.measure)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ReadProgressFigure(%q, %q) = %v, %v; want %v, %v", tt.in, tt.measure, got, err, tt.want, tt.err)
		}
	}
}

func TestBoardTokens(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, _, uc := seedContest(t, st)
		bt, token, err := st.CreateBoardToken(ctx, uc.Contest.ID, "大厅")
		must(t, err)
		if len(token) < 40 || bt.TokenHash == token {
			t.Fatalf("token %q stored as %q", token, bt.TokenHash)
		}
		if got, err := st.BoardTokenFor(ctx, token); err != nil || got.ID != bt.ID {
			t.Fatalf("live token: %v", err)
		}
		if _, err := st.BoardTokenFor(ctx, token[:len(token)-1]+"x"); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("guessed token: %v", err)
		}
		must(t, st.RevokeBoardToken(ctx, bt.ID))
		if _, err := st.BoardTokenFor(ctx, token); !errors.Is(err, models.ErrTokenRevoked) {
			t.Fatalf("revoked token: %v", err)
		}
	})
}

// The weekly prompt names the tasks not updated this week and lapses once
// every task is; a unit whose reporter has no chat gets none.
func TestContestPromptLapses(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		a, _, uc := seedContest(t, st)
		chat := bind(t, st, &a)
		week := clock.Now().Add(-time.Hour)
		ns, err := st.ContestPrompts(ctx, week)
		must(t, err)
		if len(ns) != 1 || ns[0].ChatID != chat {
			t.Fatalf("prompts: %+v", ns)
		}
		var p models.ContestPrompt
		must(t, json.Unmarshal([]byte(ns[0].Payload), &p))
		rc := models.Recheck{ChatID: chat}
		for _, task := range uc.Tasks {
			if p, err = st.RefreshContestPrompt(ctx, rc, p); err != nil {
				t.Fatalf("a task is still due: %v", err)
			}
			_, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: a.ID, TaskID: task.ID, Value: 1})
			must(t, err)
		}
		if _, err := st.RefreshContestPrompt(ctx, rc, p); !errors.Is(err, models.ErrLapsed) {
			t.Fatalf("every task updated: %v", err)
		}
		if ns, _ := st.ContestPrompts(ctx, week); len(ns) != 0 {
			t.Fatalf("prompts after every task was updated: %+v", ns)
		}
	})
}
