package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestLeaveEntitlementRule(t *testing.T) {
	for _, c := range []struct{ start, year, want int }{
		{0, 2026, -1}, {2026, 2026, 0}, {2025, 2026, 5}, {2017, 2026, 5}, {2016, 2026, 10}, {2007, 2026, 10}, {2006, 2026, 15}, {1990, 2026, 15},
	} {
		if got := models.LeaveEntitlement(c.start, c.year); got != c.want {
			t.Errorf("joined work %d, year %d: %d days, want %d", c.start, c.year, got, c.want)
		}
	}
}

// Bad input: leave past the entitlement is recorded with a warning flag;
// overlapping leave is refused; an admin's override replaces the rule.
func TestLeaveBeyondAndOverlap(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		st.DB().Model(&cad).Update("work_start_year", 2020) // 6 years: 5 days
		a, err := st.AddLeave(ctx, cad.ID, cad.ID, "2026-11-02", "2026-11-04", nil)
		if err != nil || a.Entry.Days != 3 || a.Entry.Beyond || a.Summary.Left() != 2 || a.Summary.Entitled != 5 {
			t.Fatalf("first leave: %+v %v", a, err)
		}
		if _, err := st.AddLeave(ctx, cad.ID, cad.ID, "2026-11-04", "2026-11-05", nil); !errors.Is(err, models.ErrConflict) {
			t.Errorf("overlapping leave: %v, want ErrConflict", err)
		}
		b, err := st.AddLeave(ctx, cad.ID, cad.ID, "2026-11-09", "2026-11-13", nil) // 5 more workdays: 8 of 5
		if err != nil || !b.Entry.Beyond || !b.Summary.Beyond() || b.Summary.Left() != 0 {
			t.Fatalf("leave beyond: %+v %v", b, err)
		}
		if _, err := st.AddLeave(ctx, cad.ID, cad.ID, "2026-11-07", "2026-11-08", nil); !errors.Is(err, models.ErrBadInput) {
			t.Errorf("a weekend only: %v, want ErrBadInput", err)
		}
		if _, err := st.ConfirmLeave(ctx, a.Entry.ID, lead.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ConfirmLeave(ctx, a.Entry.ID, lead.ID, true); !errors.Is(err, models.ErrConflict) {
			t.Errorf("confirming twice: %v", err)
		}
		if err := st.SetLeaveOverride(ctx, &lead.ID, cad.ID, 2026, 10); err != nil {
			t.Fatal(err)
		}
		sum, _ := st.CareOf(ctx, cad.ID, 2026)
		if sum.Entitled != 10 || !sum.Overridden || sum.Confirmed != 3 || sum.Pending != 5 || sum.Left() != 2 {
			t.Errorf("after override: %+v left %d", sum, sum.Left())
		}
	})
}

// Bad input: a reminder the cadre muted is not sent, even when it was
// written before the mute (the send-time re-check lapses it).
func TestMutedCareReminder(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, _, cad := seedUnit(t, st, "城关镇")
		chat := int64(42)
		st.DB().Model(&cad).Updates(map[string]any{"work_start_year": 2010, "chat_id": chat, "telegram_user_id": chat})
		ns, err := st.LeaveReminders(ctx, at("2026-11-02 10:00"), 10)
		if err != nil || len(ns) != 1 {
			t.Fatalf("reminders: %+v %v", ns, err)
		}
		if again, _ := st.LeaveReminders(ctx, at("2026-11-20 10:00"), 10); len(again) != 0 {
			t.Errorf("a second reminder in one month: %+v", again)
		}
		if err := st.MuteCare(ctx, cad.ID, 2026, models.CareLeave, true); err != nil {
			t.Fatal(err)
		}
		_, err = st.RefreshCareLeave(ctx, models.Recheck{ChatID: chat}, models.CareLeaveNotice{CadreID: cad.ID, Year: 2026})
		if !errors.Is(err, models.ErrLapsed) {
			t.Errorf("muted reminder at send time: %v, want lapsed", err)
		}
		if dec, _ := st.LeaveReminders(ctx, at("2026-12-01 10:00"), 10); len(dec) != 0 {
			t.Errorf("muted cadre reminded in December: %+v", dec)
		}
	})
}

// The roster's 参加工作年份 or 工龄 sets the year work began; a later
// file without either keeps it.
func TestRosterWorkStart(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		row := func(ext string, start, years int) models.RosterRow {
			return models.RosterRow{Line: 2, ExternalID: ext, Name: ext, Unit: "城关镇", UnitKind: models.UnitTownship,
				Position: "副镇长", Role: models.RoleCadre, WorkStartYear: start, ServiceYears: years}
		}
		if _, err := st.ApplyRoster(ctx, []models.RosterRow{row("A", 1998, 0), row("B", 0, 12)}, models.ApplyOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ApplyRoster(ctx, []models.RosterRow{row("A", 0, 0), row("B", 0, 0)}, models.ApplyOptions{}); err != nil {
			t.Fatal(err)
		}
		a, _ := st.CadreByExternalID(ctx, "A")
		b, _ := st.CadreByExternalID(ctx, "B")
		if a.WorkStartYear != 1998 || b.WorkStartYear != 2026-12 {
			t.Errorf("work start: A %d, B %d", a.WorkStartYear, b.WorkStartYear)
		}
	})
}
