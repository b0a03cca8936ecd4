package models_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/items"
	"github.com/ganshi/ganshi/models/modelstest"
)

// afterYear is 2027-01-15: every deadline of 2026 has passed.
var afterYear = time.Date(2027, 1, 15, 2, 0, 0, 0, time.UTC)

var longAgo = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func annualUnit(t testing.TB, st *models.Store, name, category string) models.Unit {
	t.Helper()
	u := models.Unit{Name: name, Kind: models.UnitTownship, Category: category}
	if err := st.DB().Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	return u
}

func annualCadre(t testing.TB, st *models.Store, u models.Unit, name, role string, joined time.Time) models.Cadre {
	t.Helper()
	c := models.Cadre{Name: name, ExternalID: u.Name + name, UnitID: &u.ID, Role: role, Active: true, Lang: "zh", CreatedAt: joined}
	if err := st.DB().Create(&c).Error; err != nil {
		t.Fatal(err)
	}
	if role == models.RoleLeader {
		if err := st.DB().Model(&u).Update("principal_id", c.ID).Error; err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// file writes a submitted (signed) report for month m of 2026 from unit u,
// with its items, the way the bot leaves one.
func file(t testing.TB, st *models.Store, c models.Cadre, unitID int64, m int, late bool, ach []models.NewItem, plan ...string) models.Report {
	t.Helper()
	ctx := context.Background()
	due := time.Date(2026, time.Month(m), 28, 10, 0, 0, 0, time.UTC)
	r := models.Report{CadreID: c.ID, Period: fmt.Sprintf("2026-%02d", m), UnitID: unitID, Status: models.ReportDraft, Version: 1, DueAt: due}
	if err := st.DB().Create(&r).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddItems(ctx, r.ID, models.SectionAchievement, ach); err != nil {
		t.Fatal(err)
	}
	var ps []models.NewItem
	for _, p := range plan {
		ps = append(ps, models.NewItem{Text: p})
	}
	if _, err := st.AddItems(ctx, r.ID, models.SectionPlan, ps); err != nil {
		t.Fatal(err)
	}
	sub := due.Add(-time.Hour)
	if late {
		sub = due.Add(time.Hour)
	}
	if err := st.DB().Model(&r).Updates(map[string]any{"status": models.ReportSigned, "submitted_at": sub, "late": late}).Error; err != nil {
		t.Fatal(err)
	}
	return r
}

func ach(texts ...string) []models.NewItem {
	var out []models.NewItem
	for _, s := range texts {
		out = append(out, models.NewItem{Text: s})
	}
	return out
}

func indicator(t *testing.T, p models.AnnualProfile, sec, key string) models.Indicator {
	t.Helper()
	s, ok := p.Section(sec)
	if !ok {
		t.Fatalf("no section %s", sec)
	}
	in, ok := s.Indicator(key)
	if !ok {
		t.Fatalf("no indicator %s in %s: %+v", key, sec, s.Indicators)
	}
	return in
}

func lineArgs(p models.AnnualProfile, sec, key string) []any {
	s, _ := p.Section(sec)
	for _, l := range s.Lines {
		if l.Key == key {
			return l.Args
		}
	}
	return nil
}

func TestAnnualProfileYear(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(afterYear)
		u := annualUnit(t, st, "城关镇", "乡镇一类")
		lead := annualCadre(t, st, u, "书记", models.RoleLeader, longAgo)
		c := annualCadre(t, st, u, "张三", models.RoleCadre, longAgo)
		// January: on time, a plan of two items. February: late, answers
		// them (one done, one carried over); its two plan items go unanswered
		// in March. March: 亿元 in one month,
		// 万元 in the next. May exempt. The rest missing.
		jan := file(t, st, c, u.ID, 1, false, ach("完成棚户区改造征收35户", "签约率92%"), "完成剩余12户签约", "修路3公里")
		planJan, _ := st.PlanItems(ctx, c.ID, models.Period{Year: 2026, Month: 1})
		feb := file(t, st, c, u.ID, 2, true, []models.NewItem{
			{Text: planJan[0].Text, Progress: models.ProgressDone, FromItemID: &planJan[0].ID},
			{Text: "招商引资到位1.2亿元"},
		}, "下月继续")
		st.DB().Create(&models.ReportItem{ReportID: feb.ID, Section: models.SectionPlan, Seq: 9, Text: planJan[1].Text, Progress: models.ProgressNotDone, FromItemID: &planJan[1].ID})
		file(t, st, c, u.ID, 3, false, ach("新签项目投资3000万元", "修路2.5公里"), "x")
		if err := st.Exempt(ctx, c.ID, models.Period{Year: 2026, Month: 5}, "参加党校培训", lead.ID); err != nil {
			t.Fatal(err)
		}
		st.DB().Create(&models.Talk{CadreID: c.ID, LeaderID: lead.ID, Reason: models.TalkFamily, Status: models.TalkClosed, Source: "chat",
			DueFrom: "2026-04-01", DueBy: "2026-04-10", HeldAt: ptr(time.Date(2026, 4, 3, 2, 0, 0, 0, time.UTC)), Attention: true, FollowUpOn: "2026-05-01"})

		p, _, err := st.AnnualProfileOf(ctx, c.ID, 2026, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]float64{"months_due": 11, "on_time": 2, "late": 1, "missing": 8, "exempt": 1,
			"on_time_rate": 18.2, "items": 6, "plan_checked": 4, "plan_done": 1, "plan_carried": 1, "plan_unanswered": 2, "plan_rate": 25} {
			if in := indicator(t, p, models.AnnualReports, key); !in.Has || in.Value != want {
				t.Errorf("%s = %v (has %v), want %v", key, in.Value, in.Has, want)
			}
		}
		if in := indicator(t, p, models.AnnualReports, "on_time"); len(in.Sources) != 2 || in.Sources[0].ID != jan.ID || in.Sources[0].Kind != models.RefReport {
			t.Errorf("on time sources: %+v", in.Sources)
		}
		if args := lineArgs(p, models.AnnualReports, "exempt"); len(args) != 2 || args[0] != "2026-05" || args[1] != "参加党校培训" {
			t.Errorf("exemption line: %v", args)
		}
		// 1.2亿元 + 3000万元 = 15000万元, from two items.
		if args := lineArgs(p, models.AnnualQuantities, "quantity"); args == nil {
			t.Fatal("no quantities")
		}
		got := map[string]string{}
		sec, _ := p.Section(models.AnnualQuantities)
		for _, l := range sec.Lines {
			got[l.Args[1].(string)] = fmt.Sprintf("%v×%d", l.Args[0], len(l.Sources))
		}
		if got["万元"] != "15000×2" || got["户"] != "47×2" || got["公里"] != "2.5×1" {
			t.Errorf("quantities: %v", got)
		}
		if in := indicator(t, p, models.AnnualTalks, "talks_held"); in.Value != 1 || in.Sources[0].Label != "2026-04-03" {
			t.Errorf("talks: %+v", in)
		}
		if in := indicator(t, p, models.AnnualTalks, "attention"); in.Value != 1 || !in.Secret {
			t.Errorf("attention: %+v", in)
		}
		red := p.Redact(c)
		if s, _ := red.Section(models.AnnualTalks); len(s.Indicators) != 1 {
			t.Errorf("the cadre sees the talk record's flags: %+v", s.Indicators)
		}
		for _, key := range []string{models.AnnualCheckups, models.AnnualCompetition, models.AnnualTraining, models.AnnualTolerance} {
			if s, ok := p.Section(key); !ok || s.Wired || len(s.Indicators) != 0 {
				t.Errorf("section %s without any record this year should read no data: %+v", key, s)
			}
		}
		if p.Moved() || !strings.Contains(fmt.Sprint(p.Units), "城关镇") {
			t.Errorf("units: %+v", p.Units)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// Bad input: a cadre who moved units mid-year; each month counts where
// it was reported.
func TestAnnualMovedUnits(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(afterYear)
		a := annualUnit(t, st, "城关镇", "乡镇一类")
		b := annualUnit(t, st, "发改委", "县直经济类")
		c := annualCadre(t, st, b, "李四", models.RoleCadre, longAgo)
		for m := 1; m <= 12; m++ {
			unit := a.ID
			if m > 6 {
				unit = b.ID
			}
			file(t, st, c, unit, m, false, ach("完成任务1项"), "计划")
		}
		p, _, err := st.AnnualProfileOf(ctx, c.ID, 2026, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Moved() || len(p.Units) != 2 || p.Units[0].UnitName != "城关镇" || len(p.Units[0].Months) != 6 || p.Units[1].UnitName != "发改委" || len(p.Units[1].Months) != 6 {
			t.Errorf("units of a cadre who moved: %+v", p.Units)
		}
		if p.Unit.Category != "县直经济类" {
			t.Errorf("compared within %q, want the current unit's category", p.Unit.Category)
		}
		if in := indicator(t, p, models.AnnualReports, "on_time"); in.Value != 12 {
			t.Errorf("on time %v, want all twelve months wherever reported", in.Value)
		}
	})
}

// Bad input: a cadre who joined in October: statistics over the months
// due, not twelve.
func TestAnnualJoinedOctober(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(afterYear)
		u := annualUnit(t, st, "城关镇", "乡镇一类")
		c := annualCadre(t, st, u, "王五", models.RoleCadre, time.Date(2026, 10, 9, 2, 0, 0, 0, time.UTC))
		file(t, st, c, u.ID, 10, false, ach("a1", "a2"), "p")
		file(t, st, c, u.ID, 11, false, ach("a1", "a2", "a3", "a4"), "p")
		p, _, err := st.AnnualProfileOf(ctx, c.ID, 2026, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]float64{"months_due": 3, "on_time": 2, "missing": 1, "on_time_rate": 66.7, "items_per_month": 2} {
			if in := indicator(t, p, models.AnnualReports, key); in.Value != want {
				t.Errorf("%s = %v, want %v", key, in.Value, want)
			}
		}
	})
}

// Bad input: a category with fewer than five cadres has no quartiles,
// and says why; five or more have them, and each value is placed.
func TestAnnualBenchmark(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(afterYear)
		small := annualUnit(t, st, "园区", "园区类")
		few := annualCadre(t, st, small, "甲", models.RoleCadre, longAgo)
		annualCadre(t, st, small, "乙", models.RoleCadre, longAgo)
		file(t, st, few, small.ID, 1, false, ach("x"), "p")
		p, stats, err := st.AnnualProfileOf(ctx, few.ID, 2026, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		in := indicator(t, p, models.AnnualReports, "on_time_rate")
		if in.Bench == nil || in.Bench.Quartiles || in.Bench.Why != models.WhyTooFew || in.Bench.N != 2 || in.Bench.Place != "" {
			t.Errorf("few cadres: %+v", in.Bench)
		}
		if len(stats) == 0 || stats[0].Quartiles {
			t.Errorf("stats of a small category: %+v", stats)
		}

		big := annualUnit(t, st, "城关镇", "乡镇一类")
		big2 := annualUnit(t, st, "东港镇", "乡镇一类")
		var cs []models.Cadre
		for i := range 6 {
			u := big
			if i%2 == 1 {
				u = big2
			}
			c := annualCadre(t, st, u, fmt.Sprint("干部", i), models.RoleCadre, longAgo)
			for m := 1; m <= 2*i; m++ {
				file(t, st, c, u.ID, m, false, ach("x"), "p")
			}
			cs = append(cs, c)
		}
		annualCadre(t, st, big, "书记", models.RoleLeader, longAgo) // another post class
		ps, stats, err := st.CategoryProfiles(ctx, 2026, "乡镇一类", shanghai)
		if err != nil || len(ps) != 7 {
			t.Fatalf("%d profiles, %v", len(ps), err)
		}
		var rate models.CategoryStat
		for _, s := range stats {
			if s.Key == "on_time_rate" && !s.Principal {
				rate = s
			}
		}
		// rates 0, 16.7, 33.3, 50, 66.7, 83.3
		if !rate.Quartiles || rate.N != 6 || rate.Median != 41.7 || rate.Q1 != 20.8 || rate.Q3 != 62.5 {
			t.Errorf("on-time statistics: %+v", rate)
		}
		places := map[int64]string{}
		for _, p := range ps {
			if in := indicator(t, p, models.AnnualReports, "on_time_rate"); in.Bench != nil {
				places[p.Cadre.ID] = in.Bench.Place
			}
		}
		if places[cs[0].ID] != models.PlaceBelow || places[cs[2].ID] != models.PlaceNear || places[cs[5].ID] != models.PlaceAbove {
			t.Errorf("places: %v", places)
		}
	})
}

// Bad input: a judgement by a leader of another unit; a second
// confirmation. Corrections need a reason and are audited.
func TestAnnualJudgement(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		u := annualUnit(t, st, "城关镇", "乡镇一类")
		other := annualUnit(t, st, "东港镇", "乡镇一类")
		lead := annualCadre(t, st, u, "书记", models.RoleLeader, longAgo)
		stranger := annualCadre(t, st, other, "别人书记", models.RoleLeader, longAgo)
		c := annualCadre(t, st, u, "张三", models.RoleCadre, longAgo)
		adm := models.Cadre{Name: "组织部", ExternalID: "adm", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		st.DB().Create(&adm)

		if _, err := st.AssessAnnual(ctx, stranger, c.ID, 2026, "不错"); !errors.Is(err, models.ErrNotAllowed) {
			t.Fatalf("a leader of another unit: %v", err)
		}
		if es, _ := st.AuditEntries(ctx, "refused", 5); len(es) != 1 || *es[0].ActorID != stranger.ID {
			t.Errorf("the refusal is not audited: %+v", es)
		}
		if _, err := st.AssessAnnual(ctx, lead, c.ID, 2026, "工作扎实，群众认可"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.GradeAnnual(ctx, lead, c.ID, 2026, models.GradeExcellent, models.UsePromote, "x"); !errors.Is(err, models.ErrNotAllowed) {
			t.Errorf("a principal grading: %v", err)
		}
		if _, err := st.ConfirmAnnual(ctx, adm, c.ID, 2026, ""); !errors.Is(err, models.ErrNoGrade) {
			t.Errorf("confirm without a grade: %v", err)
		}
		if _, err := st.GradeAnnual(ctx, adm, c.ID, 2026, models.GradeExcellent, models.UseCultivate, "实绩突出"); err != nil {
			t.Fatal(err)
		}
		j, err := st.ConfirmAnnual(ctx, adm, c.ID, 2026, "")
		if err != nil || !j.Confirmed || j.Assessment != "工作扎实，群众认可" {
			t.Fatalf("confirm: %+v %v", j, err)
		}
		if _, err := st.ConfirmAnnual(ctx, adm, c.ID, 2026, ""); !errors.Is(err, models.ErrAlreadyConfirmed) {
			t.Errorf("second confirmation: %v", err)
		}
		if _, err := st.AssessAnnual(ctx, lead, c.ID, 2026, "改一下"); !errors.Is(err, models.ErrJudgementLocked) {
			t.Errorf("assessment after confirmation: %v", err)
		}
		if _, err := st.GradeAnnual(ctx, adm, c.ID, 2026, models.GradeCompetent, models.UseWatch, "y"); !errors.Is(err, models.ErrJudgementLocked) {
			t.Errorf("grade after confirmation: %v", err)
		}
		if _, err := st.CorrectAnnual(ctx, adm, c.ID, 2026, models.GradeCompetent, models.UseWatch, "复核", " "); !errors.Is(err, models.ErrReasonRequired) {
			t.Errorf("correction without a reason: %v", err)
		}
		j, err = st.CorrectAnnual(ctx, adm, c.ID, 2026, models.GradeCompetent, models.UseWatch, "复核后调整", "群众来信核实")
		if err != nil || j.Grade != models.GradeCompetent || j.Corrections != 1 || !j.Confirmed {
			t.Fatalf("correct: %+v %v", j, err)
		}
		es, _ := st.AuditEntries(ctx, "annual.correction", 5)
		if len(es) != 1 || !strings.Contains(es[0].Detail, "excellent/cultivate → competent/watch") || !strings.Contains(es[0].Detail, "群众来信核实") {
			t.Errorf("correction audit: %+v", es)
		}
		if open, err := st.OpenCheckupItems(ctx, c.ID); err != nil || len(open) != 0 {
			t.Errorf("no check-up item was confirmed, so none is open: %v %v", open, err)
		}
	})
}

// Bad input: 亿元 one month, 万元 the next, 元 another: one sum in 万元.
func TestNormalizeQuantity(t *testing.T) {
	for _, c := range []struct {
		text string
		v    float64
		unit string
		ok   bool
	}{
		{"到位资金1.2亿元", 12000, "万元", true},
		{"到位资金3000万元", 3000, "万元", true},
		{"发放补贴5000元", 0.5, "万元", true},
		{"修路3千米", 3, "公里", true},
		{"征收35户", 35, "户", true},
		{"签约率92%", 0, "", false},
		{"提高3个百分点", 0, "", false},
	} {
		fs := items.Figures(c.text)
		if len(fs) != 1 {
			t.Fatalf("%s: %+v", c.text, fs)
		}
		v, unit, ok := models.NormalizeQuantity(fs[0])
		if ok != c.ok || (ok && (unit != c.unit || v != c.v)) {
			t.Errorf("%s: %v %q %v, want %v %q %v", c.text, v, unit, ok, c.v, c.unit, c.ok)
		}
	}
}

// 防止带病提拔: an open item of the reverse check-up list stops a
// confirmation for 提拔使用 until the department overrides it with a
// reason; a resolved one does not.
func TestAnnualPromotionGuardReadsTheCheckup(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		u := annualUnit(t, st, "城关镇", "乡镇一类")
		c := annualCadre(t, st, u, "张三", models.RoleCadre, longAgo)
		adm := models.Cadre{Name: "组织部", ExternalID: "adm", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		st.DB().Create(&adm)
		item := models.ReviewItem{RoundID: 1, CadreID: c.ID, State: models.ItemOpen, Dim: models.DimStyle,
			Sources: "colleague,department", Disposition: models.DispAdmonish, DecidedByID: adm.ID, DecidedAt: clock.Now()}
		if err := st.DB().Create(&item).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := st.GradeAnnual(ctx, adm, c.ID, 2026, models.GradeExcellent, models.UsePromote, "实绩突出"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ConfirmAnnual(ctx, adm, c.ID, 2026, ""); !errors.Is(err, models.ErrNeedsOverride) {
			t.Fatalf("an open check-up item must stop 提拔使用 without an override: %v", err)
		}
		if open, _ := st.OpenCheckupItems(ctx, c.ID); len(open) != 1 || open[0].Dimension != models.DimStyle {
			t.Errorf("open items: %+v", open)
		}
		if _, err := st.ConfirmAnnual(ctx, adm, c.ID, 2026, "诫勉期满，整改到位，经部务会研究"); err != nil {
			t.Fatalf("with an override: %v", err)
		}
	})
}

// The check-up, the competition and the error-tolerance register feed the
// profile once they hold a record of the year; the tolerated matter is
// shown apart, confidential, and never compared.
func TestAnnualProfileReadsTheOtherSources(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		u := annualUnit(t, st, "城关镇", "乡镇一类")
		c := annualCadre(t, st, u, "张三", models.RoleCadre, longAgo)
		in2026 := time.Date(2026, 10, 20, 2, 0, 0, 0, time.UTC)
		round := models.ReviewRound{Code: "2026Q4", State: models.ReviewConfirmed, OpensOn: "2026-10-08", ClosesOn: "2026-10-21"}
		contest := models.Contest{Name: "棚改攻坚", Year: 2026, Active: true}
		for _, row := range []any{&round, &contest} {
			if err := st.DB().Create(row).Error; err != nil {
				t.Fatal(err)
			}
		}
		rows := []any{
			&models.ReviewItem{RoundID: round.ID, CadreID: c.ID, State: models.ItemOpen, Dim: models.DimStyle, Sources: "colleague,department",
				Disposition: models.DispAdmonish, DecidedByID: 1, DecidedAt: in2026},
			&models.ReviewItem{RoundID: round.ID, CadreID: c.ID, State: models.ItemResolved, Dim: models.DimLaw, Sources: "principal",
				Disposition: models.DispWatch, DecidedByID: 1, DecidedAt: in2026},
			&models.ToleranceCase{CadreID: c.ID, Year: 2026, Matter: "征收协议条款疏漏", Situations: "3", Applicant: "unit",
				Step: models.StepFile, DeterminedOn: "2026-11-20", Decision: models.DecisionExempt, Reason: "为推动工作先行先试"},
			&models.ContestResult{ContestID: contest.ID, UnitID: u.ID, Year: 2026, Percent: 87.5, GroupRank: 1},
		}
		for _, row := range rows {
			if err := st.DB().Create(row).Error; err != nil {
				t.Fatal(err)
			}
		}
		p, _, err := st.AnnualProfileOf(ctx, c.ID, 2026, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		if in := indicator(t, p, models.AnnualCheckups, "checkup_items"); in.Value != 2 {
			t.Errorf("check-up items: %+v", in)
		}
		if in := indicator(t, p, models.AnnualCheckups, "checkup_open"); in.Value != 1 || len(in.Sources) != 1 {
			t.Errorf("open check-up items: %+v", in)
		}
		if in := indicator(t, p, models.AnnualTolerance, "tolerated"); in.Value != 1 || !in.Secret || in.Compare {
			t.Errorf("a tolerated matter is counted apart, confidential, never compared: %+v", in)
		}
		if s, _ := p.Section(models.AnnualCompetition); !s.Wired || len(s.Lines) != 1 || s.Lines[0].Args[0] != "棚改攻坚" {
			t.Errorf("competition: %+v", s)
		}
		if s, _ := p.Section(models.AnnualTraining); s.Wired {
			t.Errorf("no training session this year reads no data: %+v", s)
		}
	})
}

// A late month and a check-up item that a case cleared (容错免责) count
// against nobody: not late, not due, not an open item, no stop to a
// promotion; each shows apart, confidential, with its case. Before the
// decision they count as any other.
func TestToleratedLinksCountAgainstNobody(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		clock.Set(afterYear)
		u := annualUnit(t, st, "城关镇", "乡镇一类")
		c := annualCadre(t, st, u, "张三", models.RoleCadre, longAgo)
		other := annualCadre(t, st, u, "李四", models.RoleCadre, longAgo)
		adm := models.Cadre{Name: "组织部", ExternalID: "adm", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		if err := st.DB().Create(&adm).Error; err != nil {
			t.Fatal(err)
		}
		var late models.Report
		for m := 1; m <= 12; m++ {
			r := file(t, st, c, u.ID, m, m == 3, ach("完成征收30户"))
			if m == 3 {
				late = r
			}
		}
		round := models.ReviewRound{Code: "2026Q4", State: models.ReviewConfirmed, OpensOn: "2026-10-08", ClosesOn: "2026-10-21"}
		if err := st.DB().Create(&round).Error; err != nil {
			t.Fatal(err)
		}
		item := models.ReviewItem{RoundID: round.ID, CadreID: c.ID, State: models.ItemOpen, Dim: models.DimStyle, Sources: "principal",
			Disposition: models.DispAdmonish, DecidedByID: adm.ID, DecidedAt: time.Date(2026, 10, 20, 2, 0, 0, 0, time.UTC)}
		mine := models.ReviewItem{RoundID: round.ID, CadreID: other.ID, State: models.ItemOpen, Dim: models.DimLaw, Sources: "principal",
			Disposition: models.DispWatch, DecidedByID: adm.ID, DecidedAt: item.DecidedAt}
		for _, it := range []*models.ReviewItem{&item, &mine} {
			if err := st.DB().Create(it).Error; err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.ImportSituations(ctx, &adm.ID, []models.ToleranceSituation{{Code: "3", Text: "先行先试出现失误"}}); err != nil {
			t.Fatal(err)
		}
		cs, err := st.OpenCase(ctx, &adm.ID, models.NewCase{CadreID: c.ID, Matter: "征收协议条款疏漏", Codes: []string{"3"},
			Applicant: models.ApplicantUnit, AppliedOn: "2026-11-02"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.LinkCaseItem(ctx, &adm.ID, cs.ID, mine.ID); !errors.Is(err, models.ErrBadInput) {
			t.Errorf("another cadre's item must be refused: %v", err)
		}
		if _, err := st.LinkCaseItem(ctx, &adm.ID, cs.ID, 9999); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("an unknown item: %v", err)
		}
		if _, err := st.LinkCaseItem(ctx, &adm.ID, cs.ID, item.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.LinkCaseReport(ctx, &adm.ID, cs.ID, late.ID); err != nil {
			t.Fatal(err)
		}
		if linked, err := st.CasesOfItems(ctx, []int64{item.ID, mine.ID}); err != nil || len(linked[item.ID]) != 1 || len(linked[mine.ID]) != 0 {
			t.Fatalf("cases of items: %v %+v", err, linked)
		}

		// Undecided: the item and the late month count as they are.
		p, _, err := st.AnnualProfileOf(ctx, c.ID, 2026, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		if in := indicator(t, p, models.AnnualReports, "late"); in.Value != 1 {
			t.Errorf("before the decision the late month counts: %+v", in)
		}
		if open, _ := st.OpenCheckupItems(ctx, c.ID); len(open) != 1 {
			t.Errorf("before the decision the item is open: %+v", open)
		}

		if _, err := st.AdvanceCase(ctx, &adm.ID, cs.ID, models.StepVerify, "2026-11-10"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DecideCase(ctx, &adm.ID, cs.ID, models.DecisionExempt, "为推动征收先行先试，未谋私利", "2026-11-20"); err != nil {
			t.Fatal(err)
		}
		p, _, err = st.AnnualProfileOf(ctx, c.ID, 2026, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		if in := indicator(t, p, models.AnnualReports, "late"); in.Value != 0 {
			t.Errorf("a cleared late month is not late: %+v", in)
		}
		if in := indicator(t, p, models.AnnualReports, "months_due"); in.Value != 11 {
			t.Errorf("a cleared month is not due: %+v", in)
		}
		if in := indicator(t, p, models.AnnualReports, "on_time_rate"); in.Value != 100 {
			t.Errorf("on time rate: %+v", in)
		}
		if in := indicator(t, p, models.AnnualReports, "items_per_month"); in.Value != 1 {
			t.Errorf("twelve months of one item each, one of them cleared: %+v, want 1 a month", in)
		}
		if args := lineArgs(p, models.AnnualReports, "late_tolerated"); len(args) != 2 || args[0] != "2026-03" || args[1] != cs.ID {
			t.Errorf("the cleared month shows apart with its case: %v", args)
		}
		if in := indicator(t, p, models.AnnualCheckups, "checkup_items"); in.Value != 0 {
			t.Errorf("a cleared item is not on the count: %+v", in)
		}
		if in := indicator(t, p, models.AnnualCheckups, "checkup_open"); in.Value != 0 {
			t.Errorf("a cleared item is not open against the cadre: %+v", in)
		}
		if args := lineArgs(p, models.AnnualCheckups, "checkup_tolerated"); len(args) != 2 || args[0] != item.ID || args[1] != cs.ID {
			t.Errorf("the cleared item shows apart with its case: %v", args)
		}
		if open, _ := st.OpenCheckupItems(ctx, c.ID); len(open) != 0 {
			t.Errorf("a cleared item stops no promotion: %+v", open)
		}
		guard, err := st.PromotionGuard(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if guard[c.ID] != 0 || guard[other.ID] != 1 {
			t.Errorf("promotion guard: %v", guard)
		}
		ms, err := st.Matrices(ctx, round, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sums, err := st.Summaries(ctx, round, ms); err != nil || sums[0].OpenItems != 1 || ms[c.ID].OpenItems() != 0 {
			t.Errorf("the check-up's overview counts only the item no case cleared: %+v %v", sums[0], err)
		}
		if d, err := st.AdminDigest(ctx, clock.Now(), shanghai, models.WeekdayCalendar{}); err != nil || d.ReviewGuard != 1 {
			t.Errorf("the department's digest flags only the cadre whose item no case cleared: %d %v", d.ReviewGuard, err)
		}
	})
}
