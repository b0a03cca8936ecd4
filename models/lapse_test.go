package models_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// bind gives a cadre a private chat, as opening an invitation does.
func bind(t *testing.T, st *models.Store, c *models.Cadre) int64 {
	t.Helper()
	id := 700000 + c.ID
	must(t, st.DB().Model(c).Updates(map[string]any{"telegram_user_id": id, "chat_id": id}).Error)
	c.TelegramUserID, c.ChatID = &id, &id
	return id
}

func addCadre(t *testing.T, st *models.Store, u models.Unit, name string) models.Cadre {
	t.Helper()
	c := models.Cadre{Name: name, ExternalID: u.Name + name, UnitID: &u.ID, Role: models.RoleCadre, Active: true, Lang: "zh"}
	must(t, st.DB().Create(&c).Error)
	return c
}

func wantLapsed(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, models.ErrLapsed) {
		t.Errorf("%s: %v, want lapsed", what, err)
	}
}

// The clock starts on Monday 2 November 2026; November's deadline is
// Monday 30 November 18:00.
var novDue = time.Date(2026, 11, 30, 18, 0, 0, 0, shanghai)

func TestRefreshReportReminder(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, _, cad := seedUnit(t, st, "城关镇")
		chat := bind(t, st, &cad)
		rc := models.Recheck{ChatID: chat, Loc: shanghai}
		stale := models.ReportReminder{CadreID: cad.ID, Lang: "en", Name: "旧名", Period: "2026-11", Stage: models.StageBefore,
			DueAt: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), Missing: []string{"not_started"}}
		check := func(what string, p models.ReportReminder, stage string, missing ...string) {
			t.Helper()
			got, err := st.RefreshReportReminder(ctx, rc, p)
			if err != nil || got.Name != cad.Name || got.Lang != "zh" || !got.DueAt.Equal(novDue) || got.Stage != stage ||
				!reflect.DeepEqual(got.Missing, missing) || got.CadreID != cad.ID {
				t.Errorf("%s: %+v %v, want missing %v at stage %s", what, got, err, missing, stage)
			}
		}
		check("not started", stale, models.StageBefore, "not_started")
		legacy := stale
		legacy.CadreID = 0
		check("a payload without the cadre's id", legacy, models.StageBefore, "not_started")

		rep := itemReport(t, st, cad, nov, []string{"完成征收 35 户"}, nil)
		check("achievements only", stale, models.StageBefore, "plan")
		_, err := st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "开工"}})
		must(t, err)
		check("filled in", stale, models.StageBefore, "submit")
		clock.Set(novDue.Add(-6 * time.Hour))
		check("held to the deadline's day", stale, models.StageDueDay, "submit")
		clock.Set(novDue.Add(time.Hour))
		check("held past the deadline", stale, models.StageOverdue, "submit")

		_, err = st.Submit(ctx, rep.ID, cad.ID)
		must(t, err)
		_, err = st.RefreshReportReminder(ctx, rc, stale)
		wantLapsed(t, "submitted", err)
	})
}

func TestReportReminderLapsesForWhoNoLongerOwes(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		u, lead, _ := seedUnit(t, st, "城关镇")
		for _, tc := range []struct {
			name   string
			change func(c models.Cadre)
		}{
			{"exempt", func(c models.Cadre) { must(t, st.Exempt(ctx, c.ID, nov, "病假", lead.ID)) }},
			{"deactivated", func(c models.Cadre) { must(t, st.DB().Model(&c).Update("active", false).Error) }},
			{"unbound", func(c models.Cadre) { must(t, st.Unbind(ctx, c.ID)) }},
			{"made an admin", func(c models.Cadre) { must(t, st.DB().Model(&c).Update("role", models.RoleAdmin).Error) }},
			{"signed", func(c models.Cadre) {
				rep := itemReport(t, st, c, nov, []string{"a"}, []string{"b"})
				rep, err := st.Submit(ctx, rep.ID, c.ID)
				must(t, err)
				_, err = st.Sign(ctx, rep.ID, rep.Version, lead.ID)
				must(t, err)
			}},
		} {
			c := addCadre(t, st, u, tc.name)
			chat := bind(t, st, &c)
			tc.change(c)
			_, err := st.RefreshReportReminder(ctx, models.Recheck{ChatID: chat, Loc: shanghai},
				models.ReportReminder{CadreID: c.ID, Period: "2026-11", Stage: models.StageDueDay})
			wantLapsed(t, tc.name, err)
		}
	})
}

func TestRefreshReportMissing(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		u, lead, a := seedUnit(t, st, "城关镇")
		b := addCadre(t, st, u, "乙")
		chat := bind(t, st, &lead)
		rc := models.Recheck{ChatID: chat, Loc: shanghai}
		p := models.ReportMissing{ReaderID: lead.ID, UnitID: u.ID, Lang: "zh", Unit: u.Name, Period: "2026-11",
			Names: []string{a.Name, b.Name}}
		rep := itemReport(t, st, a, nov, []string{"x"}, []string{"y"})
		_, err := st.Submit(ctx, rep.ID, a.ID)
		must(t, err)
		got, err := st.RefreshReportMissing(ctx, rc, p)
		if err != nil || !reflect.DeepEqual(got.Names, []string{b.Name}) || !got.DueAt.Equal(novDue) {
			t.Errorf("one still owes: %+v %v", got, err)
		}
		legacy := models.ReportMissing{Lang: "zh", Unit: u.Name, Period: "2026-11", Names: p.Names}
		if got, err := st.RefreshReportMissing(ctx, rc, legacy); err != nil || got.UnitID != u.ID || got.ReaderID != lead.ID {
			t.Errorf("a payload naming the unit only: %+v %v", got, err)
		}
		must(t, st.Exempt(ctx, b.ID, nov, "培训", lead.ID))
		_, err = st.RefreshReportMissing(ctx, rc, p)
		wantLapsed(t, "nobody owes", err)

		addCadre(t, st, u, "丙")
		if _, err := st.RefreshReportMissing(ctx, rc, p); err != nil {
			t.Fatalf("a newcomer owes: %v", err)
		}
		must(t, st.DB().Model(&lead).Update("role", models.RoleCadre).Error)
		_, err = st.RefreshReportMissing(ctx, rc, p)
		wantLapsed(t, "the reader no longer leads", err)
	})
}

// DueAt reads a few calendar days, yet agrees with the whole calendar for
// every month and every kind of rule.
func TestDueAtAgreesWithTheWholeCalendar(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		must(t, st.SeedCalendar(ctx))
		cal, err := st.LoadCalendar(ctx)
		must(t, err)
		for _, rule := range []models.DueRule{models.DefaultDueRule,
			{Kind: models.DueNextMonthDay, Day: 1, Hour: 17}, {Kind: models.DueNextMonthDay, Day: 28, Hour: 9, Shift: "next"},
			{Kind: models.DueNextMonthDay, Day: 5, Hour: 12, Shift: "none"}} {
			must(t, st.SetDueRule(ctx, rule))
			for p := (models.Period{Year: 2025, Month: time.January}); p.Year < 2027; p = p.Next() {
				got, err := st.DueAt(ctx, p, shanghai)
				if want := rule.Due(p, shanghai, cal); err != nil || !got.Equal(want) {
					t.Errorf("%+v %s: %v %v, want %v", rule, p, got, err, want)
				}
			}
		}
	})
}

// A re-check costs the same few queries in a unit of 3 or of 300.
func TestRecheckQueriesDoNotGrow(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		u, lead, cad := seedUnit(t, st, "城关镇")
		chat, lchat := bind(t, st, &cad), bind(t, st, &lead)
		count := func() [2]int64 {
			n := countQueries(t, st)
			_, err := st.RefreshReportReminder(ctx, models.Recheck{ChatID: chat, Loc: shanghai},
				models.ReportReminder{CadreID: cad.ID, Period: "2026-11", Stage: models.StageBefore})
			must(t, err)
			reminder := n.Swap(0)
			_, err = st.RefreshReportMissing(ctx, models.Recheck{ChatID: lchat, Loc: shanghai},
				models.ReportMissing{ReaderID: lead.ID, UnitID: u.ID, Period: "2026-11"})
			must(t, err)
			return [2]int64{reminder, n.Load()}
		}
		small := count()
		for i := range 300 {
			addCadre(t, st, u, fmt.Sprint("干部", i))
		}
		// Five today: reader, board row (or the unit's board), items or
		// unit, due rule, calendar days. Room for the rule to need one more.
		if big := count(); big != small || small[0] > 7 || small[1] > 7 {
			t.Errorf("queries (reminder, missing list): %v for a small unit, %v for a large one", small, big)
		}
	})
}

func TestRefreshDigest(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		u, lead, cad := seedUnit(t, st, "城关镇")
		other, _, _ := seedUnit(t, st, "河西乡")
		chat := bind(t, st, &lead)
		rc := models.Recheck{ChatID: chat, Loc: shanghai}
		p := models.DigestPayload{ReaderID: lead.ID, Lang: "en", Leader: &models.LeaderDigest{UnitID: u.ID, Unit: u.Name}}
		rep := itemReport(t, st, cad, models.DigestPeriod(st.Now(), shanghai), []string{"x"}, []string{"y"})
		_, err := st.Submit(ctx, rep.ID, cad.ID)
		must(t, err)
		got, err := st.RefreshDigest(ctx, rc, p)
		if err != nil || got.Lang != "zh" || len(got.Leader.Awaiting) != 1 || got.Leader.Awaiting[0].CadreID != cad.ID {
			t.Errorf("leader digest of now: %+v %v", got.Leader, err)
		}
		must(t, st.SetDigestPref(ctx, lead.ID, models.DigestPref{Off: true}))
		_, err = st.RefreshDigest(ctx, rc, p)
		wantLapsed(t, "muted", err)
		must(t, st.SetDigestPref(ctx, lead.ID, models.DigestPref{}))
		must(t, st.DB().Model(&lead).Update("unit_id", other.ID).Error)
		_, err = st.RefreshDigest(ctx, rc, p)
		wantLapsed(t, "moved to another unit", err)

		admin := models.Cadre{Name: "周部长", ExternalID: "A1", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		must(t, st.DB().Create(&admin).Error)
		achat := bind(t, st, &admin)
		ap := models.DigestPayload{ReaderID: admin.ID, Lang: "zh", Admin: &models.AdminDigest{Period: "2020-01"}}
		got, err = st.RefreshDigest(ctx, models.Recheck{ChatID: achat, Loc: shanghai}, ap)
		if err != nil || got.Admin.Period != models.DigestPeriod(st.Now(), shanghai).String() || len(got.Admin.Units) != 2 {
			t.Errorf("county digest of now: %+v %v", got.Admin, err)
		}
		must(t, st.DB().Model(&admin).Update("role", models.RoleLeader).Error)
		_, err = st.RefreshDigest(ctx, models.Recheck{ChatID: achat, Loc: shanghai}, ap)
		wantLapsed(t, "no longer an admin", err)
	})
}
