package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func seedSituations(t *testing.T, st *models.Store) {
	t.Helper()
	list, err := models.ParseSituationsCSV([]byte("编号,情形\n1,因缺乏经验先行先试出现失误\n2,因政策界限不明确出现偏差\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportSituations(context.Background(), nil, list); err != nil {
		t.Fatal(err)
	}
}

// A case from application to 容错免责: the matter is then among the
// cadre's tolerated matters of the year, which award views keep apart.
func TestToleranceCaseProcedure(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		seedSituations(t, st)
		_, lead, cad := seedUnit(t, st, "城关镇")
		// Bad input: a situation not on the list.
		if _, err := st.OpenCase(ctx, nil, models.NewCase{CadreID: cad.ID, Matter: "x", Codes: []string{"19"}, Applicant: models.ApplicantCadre}); !errors.Is(err, models.ErrBadInput) {
			t.Errorf("situation 19: %v, want ErrBadInput", err)
		}
		c, err := st.OpenCase(ctx, nil, models.NewCase{CadreID: cad.ID, Matter: "招商项目签约后企业违约", Codes: []string{"1"},
			Applicant: models.ApplicantUnit, AppliedOn: "2026-11-02"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.DecideCase(ctx, nil, c.ID, models.DecisionExempt, "失误非失职", "2026-11-05"); !errors.Is(err, models.ErrConflict) {
			t.Errorf("deciding before 核实: %v, want ErrConflict", err)
		}
		if _, err := st.AdvanceCase(ctx, nil, c.ID, models.StepVerify, "2026-11-04"); err != nil {
			t.Fatal(err)
		}
		// Bad input: a decision without a reason.
		if _, err := st.DecideCase(ctx, nil, c.ID, models.DecisionExempt, "  ", "2026-11-05"); !errors.Is(err, models.ErrBadInput) {
			t.Errorf("decision without reason: %v, want ErrBadInput", err)
		}
		if m, _ := st.ToleratedMatters(ctx, cad.ID, 2026); len(m) != 0 {
			t.Errorf("tolerated before the decision: %+v", m)
		}
		c, err = st.DecideCase(ctx, nil, c.ID, models.DecisionExempt, "为公失误，非为私", "2026-11-05")
		if err != nil || c.Step != models.StepDetermine || !c.Tolerated() {
			t.Fatalf("decide: %+v %v", c, err)
		}
		for _, s := range []string{models.StepNotify, models.StepFile} {
			if _, err := st.AdvanceCase(ctx, nil, c.ID, s, "2026-11-06"); err != nil {
				t.Fatal(s, err)
			}
		}
		m, err := st.ToleratedMatters(ctx, cad.ID, 2026)
		if err != nil || len(m) != 1 || m[0].Matter != "招商项目签约后企业违约" || m[0].CaseID != c.ID {
			t.Errorf("tolerated matters: %+v %v", m, err)
		}
		if m, _ := st.ToleratedMatters(ctx, lead.ID, 2026); len(m) != 0 {
			t.Errorf("someone else's matters: %+v", m)
		}
		if m, _ := st.ToleratedMatters(ctx, cad.ID, 2025); len(m) != 0 {
			t.Errorf("another year's matters: %+v", m)
		}
	})
}

// Bad input: a principal of another unit reading a case is refused (and
// the refusal audited); an admin's read is audited; the cadre reads
// their own.
func TestToleranceCaseAudience(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		seedSituations(t, st)
		_, lead, cad := seedUnit(t, st, "城关镇")
		_, other, _ := seedUnit(t, st, "新集镇")
		adm := models.Cadre{Name: "组织部", ExternalID: "A1", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		st.DB().Create(&adm)
		c, err := st.OpenCase(ctx, nil, models.NewCase{CadreID: cad.ID, Matter: "m", Codes: []string{"2"}, Applicant: models.ApplicantCadre})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.OpenCaseFor(ctx, other, c.ID); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("other unit's principal: %v, want ErrForbidden", err)
		}
		if cs, _ := st.CasesFor(ctx, other); len(cs) != 0 {
			t.Errorf("other unit's principal lists %d cases", len(cs))
		}
		for _, r := range []models.Cadre{lead, cad, adm} {
			if _, _, err := st.OpenCaseFor(ctx, r, c.ID); err != nil {
				t.Errorf("%s reading: %v", r.Name, err)
			}
		}
		views, _ := st.AuditEntries(ctx, "tolerance.case.view", 10)
		if len(views) != 1 || *views[0].ActorID != adm.ID {
			t.Errorf("admin reads audited: %+v", views)
		}
		refused, _ := st.AuditEntries(ctx, "refused", 10)
		if len(refused) != 1 || *refused[0].ActorID != other.ID {
			t.Errorf("refusal audited: %+v", refused)
		}
	})
}
