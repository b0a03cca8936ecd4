package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// seedUnit makes a unit with a principal and one cadre.
func seedUnit(t *testing.T, st *models.Store, name string) (models.Unit, models.Cadre, models.Cadre) {
	t.Helper()
	u := models.Unit{Name: name, Kind: models.UnitTownship, Category: "乡镇一类"}
	if err := st.DB().Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	lead := models.Cadre{Name: name + "书记", ExternalID: name + "-1", UnitID: &u.ID, Role: models.RoleLeader, Active: true, Lang: "zh"}
	cad := models.Cadre{Name: name + "干部", ExternalID: name + "-2", UnitID: &u.ID, Role: models.RoleCadre, Active: true, Lang: "zh"}
	for _, c := range []*models.Cadre{&lead, &cad} {
		if err := st.DB().Create(c).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := st.DB().Model(&u).Update("principal_id", lead.ID).Error; err != nil {
		t.Fatal(err)
	}
	u.PrincipalID = &lead.ID
	return u, lead, cad
}

var nov = models.Period{Year: 2026, Month: time.November}

func TestReportCycle(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		due := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
		rep, err := st.OpenReport(ctx, cad, nov, due)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := st.OpenReport(ctx, cad, nov, due)
		if again.ID != rep.ID {
			t.Fatal("opening twice made two reports")
		}
		if _, err := st.Submit(ctx, rep.ID, cad.ID); !errors.Is(err, models.ErrEmptyReport) {
			t.Fatalf("empty submit: %v", err)
		}
		added, err := st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "完成棚户区改造征收 35 户"}, {Text: "签约率 92%"}})
		if err != nil || len(added) != 2 || added[1].Seq != 2 {
			t.Fatalf("add: %+v %v", added, err)
		}
		if fs := added[0].FigureList(); len(fs) != 1 || fs[0].Value != 35 || fs[0].Unit != "户" {
			t.Fatalf("figures of %q = %+v", added[0].Text, fs)
		}
		st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "完成剩余 12 户签约"}})
		rep, err = st.Submit(ctx, rep.ID, cad.ID)
		if err != nil || rep.Status != models.ReportSubmitted || rep.Late {
			t.Fatalf("submit: %+v %v", rep, err)
		}
		if _, err := st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "x"}}); !errors.Is(err, models.ErrLocked) {
			t.Fatalf("edit after submit: %v", err)
		}
		if _, err := st.Submit(ctx, rep.ID, cad.ID); !errors.Is(err, models.ErrLocked) {
			t.Fatalf("second submit: %v", err)
		}
		if _, err := st.Return(ctx, rep.ID, rep.Version, lead.ID, ""); err == nil {
			t.Fatal("return without a comment accepted")
		}
		if _, err := st.Sign(ctx, rep.ID, rep.Version-1, lead.ID); !errors.Is(err, models.ErrStale) {
			t.Fatalf("sign with an old version: %v", err)
		}
		rep, err = st.Return(ctx, rep.ID, rep.Version, lead.ID, "请补充数字")
		if err != nil || rep.Status != models.ReportReturned {
			t.Fatalf("return: %+v %v", rep, err)
		}
		clock.Advance(30 * 24 * time.Hour) // resubmitted after the deadline: still on time, it was first submitted before
		rep, err = st.Submit(ctx, rep.ID, cad.ID)
		if err != nil || rep.Late {
			t.Fatalf("resubmit: %+v %v", rep, err)
		}
		rep, err = st.Sign(ctx, rep.ID, rep.Version, lead.ID)
		if err != nil || rep.Status != models.ReportSigned || rep.SelfSigned || rep.SignedByID == nil {
			t.Fatalf("sign: %+v %v", rep, err)
		}
		if err := st.DeleteItem(ctx, rep.ID, added[0].ID); !errors.Is(err, models.ErrLocked) {
			t.Fatalf("delete after signing: %v", err)
		}
		rep, err = st.Reopen(ctx, rep.ID, lead.ID, "第2条有误")
		if err != nil || !rep.Editable() || rep.SignedAt != nil {
			t.Fatalf("reopen: %+v %v", rep, err)
		}
		evs, _ := st.ReportEvents(ctx, rep.ID)
		var kinds []string
		for _, e := range evs {
			kinds = append(kinds, e.Kind)
		}
		want := []string{"submitted", "returned", "submitted", "signed", "reopened"}
		if len(kinds) != len(want) {
			t.Fatalf("history = %v, want %v", kinds, want)
		}
		for i := range want {
			if kinds[i] != want[i] {
				t.Fatalf("history = %v, want %v", kinds, want)
			}
		}
	})
}

func TestLateAndSelfSigned(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, _ := seedUnit(t, st, "河西乡")
		rep, _ := st.OpenReport(ctx, lead, nov, clock.Now().Add(-time.Hour))
		st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "a"}})
		st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "b"}})
		rep, err := st.Submit(ctx, rep.ID, lead.ID)
		if err != nil || !rep.Late {
			t.Fatalf("late submit not recorded as late: %+v %v", rep, err)
		}
		rep, err = st.Sign(ctx, rep.ID, 0, lead.ID)
		if err != nil || !rep.SelfSigned {
			t.Fatalf("principal's own report not self-signed: %+v %v", rep, err)
		}
	})
}

func TestItemEditDeleteRenumbers(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		_, _, cad := seedUnit(t, st, "城关镇")
		rep, _ := st.OpenReport(ctx, cad, nov, time.Now())
		its, _ := st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "一"}, {Text: "二"}, {Text: "三"}})
		if err := st.DeleteItem(ctx, rep.ID, its[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := st.EditItem(ctx, rep.ID, its[2].ID, "改后 40 户"); err != nil {
			t.Fatal(err)
		}
		got, _ := st.ReportItems(ctx, rep.ID)
		if len(got) != 2 || got[0].Text != "二" || got[0].Seq != 1 || got[1].Seq != 2 || got[1].FigureList()[0].Value != 40 {
			t.Fatalf("after delete and edit: %+v", got)
		}
		long := string(make([]rune, 501))
		if _, err := st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: long}}); !errors.Is(err, models.ErrTooLong) {
			t.Fatalf("501 characters: %v", err)
		}
	})
}

func TestBoardAndTally(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		u, lead, cad := seedUnit(t, st, "城关镇")
		_, lead2, cad2 := seedUnit(t, st, "河西乡")
		due := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
		rep, _ := st.OpenReport(ctx, cad, nov, due)
		st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "a"}})
		st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "b"}})
		st.Submit(ctx, rep.ID, cad.ID)
		st.Sign(ctx, rep.ID, 0, lead.ID)
		if err := st.Exempt(ctx, cad2.ID, nov, "党校培训", lead2.ID); err != nil {
			t.Fatal(err)
		}
		st.OpenReport(ctx, lead2, nov, due)
		rows, err := st.Board(ctx, nov, nil)
		if err != nil || len(rows) != 4 {
			t.Fatalf("board: %d rows, %v", len(rows), err)
		}
		states := map[string]string{}
		for _, r := range rows {
			states[r.Name] = r.State()
		}
		want := map[string]string{"城关镇书记": models.StateNotStarted, "城关镇干部": models.StateSigned,
			"河西乡书记": models.StateInProgress, "河西乡干部": models.StateExempt}
		for n, s := range want {
			if states[n] != s {
				t.Errorf("%s: %s, want %s", n, states[n], s)
			}
		}
		tally := models.Tally(rows)
		if len(tally) != 2 || tally[0].UnitName != "城关镇" || tally[0].Signed != 1 || tally[0].Missing != 1 || tally[0].SignedOnTime != 1 ||
			tally[1].Exempt != 1 || tally[1].Due != 1 || tally[1].Missing != 1 {
			t.Fatalf("tally = %+v", tally)
		}
		one, _ := st.Board(ctx, nov, &u.ID)
		if len(one) != 2 {
			t.Fatalf("one unit's board: %d rows", len(one))
		}
	})
}

func TestDueRule(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	cal := models.WeekdayCalendar{}
	// November 2026 ends on a Monday; January 2027 on a Sunday.
	if got := models.DefaultDueRule.Due(nov, sh, cal); got.Format("2006-01-02 15:04") != "2026-11-30 18:00" {
		t.Errorf("November due = %v", got)
	}
	jan := models.Period{Year: 2027, Month: time.January}
	if got := models.DefaultDueRule.Due(jan, sh, cal); got.Format("2006-01-02") != "2027-01-29" {
		t.Errorf("January due = %v, want Friday 29th", got)
	}
	r := models.DueRule{Kind: models.DueNextMonthDay, Day: 5, Hour: 17}
	if got := r.Due(models.Period{Year: 2026, Month: time.December}, sh, cal); got.Format("2006-01-02 15:04") != "2027-01-05 17:00" {
		t.Errorf("day 5 of next month = %v", got)
	}
	// 3 January 2027 is a Sunday: back to Friday 1 January (weekday calendar), forward to Monday 4, or kept.
	for shift, want := range map[string]string{"": "2027-01-01", "previous": "2027-01-01", "next": "2027-01-04", "none": "2027-01-03"} {
		r := models.DueRule{Kind: models.DueNextMonthDay, Day: 3, Hour: 17, Shift: shift}
		if got := r.Due(models.Period{Year: 2026, Month: time.December}, sh, cal); got.Format("2006-01-02") != want {
			t.Errorf("shift %q: due %v, want %s", shift, got, want)
		}
	}
	if (models.DueRule{Kind: models.DueNextMonthDay, Day: 31}).Validate() == nil || (models.DueRule{Kind: "weekly"}).Validate() == nil {
		t.Error("bad rules validated")
	}
	if p, err := models.ParsePeriod("2026-11"); err != nil || p != nov || p.Prev().String() != "2026-10" || (models.Period{Year: 2026, Month: 12}).Next().String() != "2027-01" {
		t.Errorf("periods: %v %v", p, err)
	}
}
