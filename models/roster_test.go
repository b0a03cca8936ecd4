package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// county is a small roster: two units with a leader each, one admin.
func county() []models.RosterRow {
	return []models.RosterRow{
		{Line: 2, ExternalID: "GS0001", Name: "张建国", Unit: "城关镇", UnitKind: models.UnitTownship, Category: "乡镇一类", Position: "党委书记", Duty: "主持全面工作", Role: models.RoleLeader},
		{Line: 3, ExternalID: "GS0002", Name: "李明", Unit: "城关镇", UnitKind: models.UnitTownship, Category: "乡镇一类", Position: "副镇长", Duty: "分管城建", Role: models.RoleCadre},
		{Line: 4, ExternalID: "GS0003", Name: "王芳", Unit: "县发改局", UnitKind: models.UnitCountyBody, Category: "经济发展类", Position: "局长", Role: models.RoleLeader},
		{Line: 5, ExternalID: "GS0004", Name: "赵磊", Unit: "县发改局", UnitKind: models.UnitCountyBody, Category: "经济发展类", Position: "副局长", Role: models.RoleCadre, Lang: "en"},
		{Line: 6, ExternalID: "GS0099", Name: "周敏", Position: "干部科科长", Role: models.RoleAdmin},
	}
}

func apply(t *testing.T, st *models.Store, rows []models.RosterRow, opts models.ApplyOptions) models.RosterSummary {
	t.Helper()
	sum, err := st.ApplyRoster(context.Background(), rows, opts)
	if err != nil {
		t.Fatalf("apply roster: %v", err)
	}
	return sum
}

func cadreOf(t *testing.T, st *models.Store, ext string) models.Cadre {
	t.Helper()
	c, err := st.CadreByExternalID(context.Background(), ext)
	if err != nil {
		t.Fatalf("cadre %s: %v", ext, err)
	}
	return c
}

func unitOf(t *testing.T, st *models.Store, name string) models.Unit {
	t.Helper()
	u, err := st.UnitByName(context.Background(), name)
	if err != nil {
		t.Fatalf("unit %s: %v", name, err)
	}
	return u
}

func wantTally(t *testing.T, what string, got, want models.RosterTally) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %+v, want %+v", what, got, want)
	}
}

func TestApplyRosterAddsThenCountsUnchanged(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		sum := apply(t, st, county(), models.ApplyOptions{Source: "roster.csv"})
		wantTally(t, "first import", sum.Total, models.RosterTally{Added: 5})
		if sum.UnitsAdded != 2 || len(sum.Units) != 3 || sum.Units[0].Unit != "城关镇" || sum.Units[2].Unit != "" {
			t.Fatalf("summary units = %+v (added %d)", sum.Units, sum.UnitsAdded)
		}
		c := cadreOf(t, st, "GS0002")
		u := unitOf(t, st, "城关镇")
		if c.UnitID == nil || *c.UnitID != u.ID || c.Position != "副镇长" || c.Lang != "zh" || !c.Active || u.Category != "乡镇一类" {
			t.Fatalf("cadre %+v in unit %+v", c, u)
		}
		if en := cadreOf(t, st, "GS0004"); en.Lang != "en" {
			t.Fatalf("lang = %q, want en", en.Lang)
		}
		if admin := cadreOf(t, st, "GS0099"); admin.UnitID != nil || admin.Role != models.RoleAdmin {
			t.Fatalf("admin = %+v", admin)
		}
		again := apply(t, st, county(), models.ApplyOptions{})
		wantTally(t, "same file again", again.Total, models.RosterTally{Unchanged: 5})
		if again.UnitsAdded != 0 || again.UnitsChanged != 0 {
			t.Fatalf("units added %d changed %d, want 0", again.UnitsAdded, again.UnitsChanged)
		}
		entries, err := st.AuditEntries(context.Background(), "roster.import", 10)
		if err != nil || len(entries) != 2 || entries[1].Target != "roster.csv" || !strings.Contains(entries[1].Detail, "added=5") {
			t.Fatalf("audit = %+v, %v", entries, err)
		}
	})
}

func TestApplyRosterUpdatesByExternalID(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		apply(t, st, county(), models.ApplyOptions{})
		before := cadreOf(t, st, "GS0002")
		rows := county()
		rows[1].Name, rows[1].Unit, rows[1].UnitKind, rows[1].Category = "李明明", "县发改局", models.UnitCountyBody, "经济发展类"
		rows[1].Position, rows[1].Duty, rows[1].Lang = "副局长", "分管项目", "en"
		rows[3].Lang = "" // empty keeps the cadre's choice
		rows[4].Role = models.RoleAdmin
		rows[2].Category = "综合类" // every row of the unit agrees, as roster guarantees
		rows[1].Category, rows[3].Category = "综合类", "综合类"
		sum := apply(t, st, rows, models.ApplyOptions{})
		wantTally(t, "update", sum.Total, models.RosterTally{Updated: 1, Unchanged: 4})
		if sum.UnitsChanged != 1 || sum.Units[1].Unit != "县发改局" || sum.Units[1].Updated != 1 {
			t.Fatalf("summary = %+v", sum)
		}
		after := cadreOf(t, st, "GS0002")
		moved := unitOf(t, st, "县发改局")
		if after.ID != before.ID || after.Name != "李明明" || *after.UnitID != moved.ID || after.Duty != "分管项目" || after.Lang != "en" {
			t.Fatalf("after update: %+v", after)
		}
		if moved.Category != "综合类" || moved.Kind != models.UnitCountyBody {
			t.Fatalf("unit = %+v", moved)
		}
		if c := cadreOf(t, st, "GS0004"); c.Lang != "en" {
			t.Fatalf("empty lang changed the cadre's choice to %q", c.Lang)
		}
	})
}

func TestApplyRosterPrincipal(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		apply(t, st, county(), models.ApplyOptions{})
		principal := func(unit string) string {
			u := unitOf(t, st, unit)
			if u.PrincipalID == nil {
				return ""
			}
			c, err := st.GetCadre(context.Background(), *u.PrincipalID)
			if err != nil {
				t.Fatalf("principal of %s: %v", unit, err)
			}
			return c.ExternalID
		}
		if p := principal("城关镇"); p != "GS0001" {
			t.Fatalf("principal = %q, want GS0001", p)
		}
		rows := county()
		rows[0].Role, rows[1].Role = models.RoleCadre, models.RoleLeader // the post moves to 李明
		rows[2].Role = models.RoleCadre                                  // 县发改局 has no leader now
		sum := apply(t, st, rows, models.ApplyOptions{})
		if p := principal("城关镇"); p != "GS0002" {
			t.Fatalf("principal after the move = %q, want GS0002", p)
		}
		if p := principal("县发改局"); p != "" {
			t.Fatalf("principal without a leader in the file = %q, want none", p)
		}
		if sum.UnitsChanged != 2 {
			t.Fatalf("units changed = %d, want 2", sum.UnitsChanged)
		}
	})
}

func TestApplyRosterDeactivateMissingAndReactivate(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		apply(t, st, county(), models.ApplyOptions{})
		short := county()[1:] // the 城关镇 leader left
		sum := apply(t, st, short, models.ApplyOptions{})
		if sum.Missing != 1 || sum.Total.Deactivated != 0 || !cadreOf(t, st, "GS0001").Active {
			t.Fatalf("without --deactivate-missing: %+v", sum)
		}
		sum = apply(t, st, short, models.ApplyOptions{DeactivateMissing: true})
		wantTally(t, "deactivate", sum.Total, models.RosterTally{Unchanged: 4, Deactivated: 1})
		if sum.Units[0].Unit != "城关镇" || sum.Units[0].Deactivated != 1 {
			t.Fatalf("per unit = %+v", sum.Units)
		}
		if cadreOf(t, st, "GS0001").Active {
			t.Fatal("missing cadre still active")
		}
		if u := unitOf(t, st, "城关镇"); u.PrincipalID != nil {
			t.Fatalf("deactivated leader still principal: %+v", u)
		}
		again := apply(t, st, short, models.ApplyOptions{DeactivateMissing: true})
		wantTally(t, "already inactive", again.Total, models.RosterTally{Unchanged: 4})
		back := apply(t, st, county(), models.ApplyOptions{DeactivateMissing: true})
		wantTally(t, "reactivate", back.Total, models.RosterTally{Updated: 1, Unchanged: 4})
		if !cadreOf(t, st, "GS0001").Active || unitOf(t, st, "城关镇").PrincipalID == nil {
			t.Fatal("listed again but not active, or not principal")
		}
	})
}

func TestApplyRosterLeavesBindingAlone(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		apply(t, st, county(), models.ApplyOptions{})
		c := cadreOf(t, st, "GS0002")
		if err := st.IssueInvite(ctx, c.ID, "BINDME2345", clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Redeem(ctx, "BINDME2345", 7001, 8001); err != nil {
			t.Fatal(err)
		}
		bound := cadreOf(t, st, "GS0002")
		rows := county()
		rows[1].Position = "镇长"
		apply(t, st, rows, models.ApplyOptions{})
		apply(t, st, append(rows[:1:1], rows[2:]...), models.ApplyOptions{DeactivateMissing: true})
		after := cadreOf(t, st, "GS0002")
		if after.Active || after.Position != "镇长" {
			t.Fatalf("after update and deactivation: %+v", after)
		}
		if *after.TelegramUserID != 7001 || *after.ChatID != 8001 || !after.BoundAt.Equal(*bound.BoundAt) {
			t.Fatalf("binding changed: %+v, was %+v", after, bound)
		}
	})
}

func TestApplyRosterDryRunWritesNothing(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		sum := apply(t, st, county(), models.ApplyOptions{DryRun: true})
		wantTally(t, "dry run", sum.Total, models.RosterTally{Added: 5})
		if us, _ := st.Units(context.Background()); len(us) != 0 {
			t.Fatalf("dry run wrote units: %+v", us)
		}
		if _, err := st.CadreByExternalID(context.Background(), "GS0001"); err != models.ErrNotFound {
			t.Fatalf("dry run wrote a cadre: %v", err)
		}
	})
}

// failAudit makes the database refuse the import's audit entry, the last
// write of an import, so the import fails after every other write.
func failAudit(t *testing.T, st *models.Store) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER boom BEFORE INSERT ON audit_entries WHEN NEW.action = 'roster.import'
		BEGIN SELECT RAISE(ABORT, 'boom'); END`}
	if st.IsPostgres() {
		stmts = []string{
			`CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN
				IF NEW.action = 'roster.import' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER boom BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION boom()`,
		}
	}
	for _, s := range stmts {
		if err := st.DB().Exec(s).Error; err != nil {
			t.Fatalf("create trigger: %v", err)
		}
	}
}

func TestApplyRosterFailureWritesNothing(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		apply(t, st, county(), models.ApplyOptions{})
		failAudit(t, st)
		rows := county()[1:] // GS0001, principal of 城关镇, is to be deactivated
		rows[0].Position = "镇长"
		rows = append(rows, models.RosterRow{Line: 7, ExternalID: "GS0100", Name: "新人", Unit: "河西乡",
			UnitKind: models.UnitTownship, Role: models.RoleLeader})
		if _, err := st.ApplyRoster(ctx, rows, models.ApplyOptions{DeactivateMissing: true}); err == nil || !strings.Contains(err.Error(), "boom") {
			t.Fatalf("apply = %v, want the trigger's error", err)
		}
		if _, err := st.UnitByName(ctx, "河西乡"); err != models.ErrNotFound {
			t.Fatalf("new unit written: %v", err)
		}
		if _, err := st.CadreByExternalID(ctx, "GS0100"); err != models.ErrNotFound {
			t.Fatalf("new cadre written: %v", err)
		}
		if c := cadreOf(t, st, "GS0002"); c.Position != "副镇长" {
			t.Fatalf("update written: %+v", c)
		}
		if c := cadreOf(t, st, "GS0001"); !c.Active {
			t.Fatalf("deactivation written: %+v", c)
		}
		if u := unitOf(t, st, "城关镇"); u.PrincipalID == nil {
			t.Fatal("principal cleared")
		}
	})
}

func TestApplyRosterRefusesInconsistentRows(t *testing.T) {
	st := modelstest.SQLite(t, time.Now)
	for name, mutate := range map[string]func([]models.RosterRow) []models.RosterRow{
		"duplicate id":       func(r []models.RosterRow) []models.RosterRow { r[1].ExternalID = "GS0001"; return r },
		"two leaders":        func(r []models.RosterRow) []models.RosterRow { r[1].Role = models.RoleLeader; return r },
		"cadre without unit": func(r []models.RosterRow) []models.RosterRow { r[1].Unit = ""; return r },
		"unknown role":       func(r []models.RosterRow) []models.RosterRow { r[1].Role = "boss"; return r },
		"unknown kind":       func(r []models.RosterRow) []models.RosterRow { r[1].UnitKind = "village"; return r },
		"empty name":         func(r []models.RosterRow) []models.RosterRow { r[1].Name = ""; return r },
	} {
		if _, err := st.ApplyRoster(context.Background(), mutate(county()), models.ApplyOptions{}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if us, _ := st.Units(context.Background()); len(us) != 0 {
		t.Fatalf("refused rows wrote units: %+v", us)
	}
}

func TestInvitableCadres(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		apply(t, st, county(), models.ApplyOptions{})
		c := cadreOf(t, st, "GS0001")
		if err := st.IssueInvite(ctx, c.ID, "TAKEN23456", clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Redeem(ctx, "TAKEN23456", 1, 1); err != nil {
			t.Fatal(err)
		}
		all, err := st.InvitableCadres(ctx, nil)
		if err != nil || len(all) != 4 {
			t.Fatalf("all = %d, %v; want 4", len(all), err)
		}
		u := unitOf(t, st, "城关镇")
		one, err := st.InvitableCadres(ctx, &u.ID)
		if err != nil || len(one) != 1 || one[0].ExternalID != "GS0002" {
			t.Fatalf("城关镇 = %+v, %v", one, err)
		}
	})
}
