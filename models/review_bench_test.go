package models_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// seedCheckup is a county's round: units × perUnit cadres (the first of
// each unit its principal), colleague ballots and outside ballots, some
// principal concerns and department findings.
func seedCheckup(b *testing.B, st *models.Store, units, perUnit, colleague, outside int) models.ReviewRound {
	b.Helper()
	ctx := context.Background()
	db := st.DB()
	var cadres []models.Cadre
	for u := 0; u < units; u++ {
		unit := models.Unit{Name: fmt.Sprintf("单位%03d", u), Kind: models.UnitCountyBody, Category: fmt.Sprintf("类%d", u%10)}
		if err := db.Create(&unit).Error; err != nil {
			b.Fatal(err)
		}
		var cs []models.Cadre
		for i := 0; i < perUnit; i++ {
			role := models.RoleCadre
			if i == 0 {
				role = models.RoleLeader
			}
			cs = append(cs, models.Cadre{Name: fmt.Sprintf("干部%03d-%02d", u, i), ExternalID: fmt.Sprintf("B%03d%02d", u, i),
				UnitID: &unit.ID, Role: role, Active: true, Lang: "zh"})
		}
		if err := db.CreateInBatches(&cs, 200).Error; err != nil {
			b.Fatal(err)
		}
		db.Model(&unit).Update("principal_id", cs[0].ID)
		cadres = append(cadres, cs...)
	}
	r, err := st.OpenRound(ctx, models.NewRound{Code: "2026Q4"})
	if err != nil {
		b.Fatal(err)
	}
	var ballots []models.ReviewBallot
	for i := 0; i < colleague; i++ {
		c := cadres[i%len(cadres)]
		id, slot := c.ID, fmt.Sprintf("%064d", i)
		bl := models.ReviewBallot{ID: fmt.Sprintf("%032x", i), RoundID: r.ID, Source: models.SrcColleague, UnitID: *c.UnitID,
			CadreID: &id, Slot: &slot, NoIssue: i%7 != 0, Day: "2026-11-02"}
		if !bl.NoIssue {
			bl.Dims, bl.Note = models.ReviewDims[i%5], "意见"
		}
		ballots = append(ballots, bl)
	}
	for i := 0; i < outside; i++ {
		c := cadres[(i*7)%len(cadres)]
		bl := models.ReviewBallot{ID: fmt.Sprintf("p%031x", i), RoundID: r.ID, Source: models.SrcPublic, UnitID: *c.UnitID,
			Satisfaction: 1 + i%5, NoIssue: true, Day: "2026-11-02"}
		if i%5 == 0 {
			id := c.ID
			bl.CadreID, bl.Dims, bl.Note, bl.NoIssue = &id, models.DimStyle, "态度差", false
		}
		ballots = append(ballots, bl)
	}
	if err := db.CreateInBatches(&ballots, 500).Error; err != nil {
		b.Fatal(err)
	}
	var concerns []models.ReviewConcern
	for i, c := range cadres {
		if i%10 == 0 {
			concerns = append(concerns, models.ReviewConcern{RoundID: r.ID, CadreID: c.ID, Source: models.SrcDepartment, AuthorID: 1,
				Dims: models.DimStyle, Note: "线索", Severity: models.SevWarn})
		}
	}
	if err := db.CreateInBatches(&concerns, 500).Error; err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkReviewMatricesCounty builds every matrix of a county's round
// and its summaries: 2,000 cadres in 120 units (some 17 each), 20,000
// colleague answers, 5,000 outside answers. Target: < 1 s on SQLite.
func BenchmarkReviewMatricesCounty(b *testing.B) {
	st := modelstest.SQLite(b, modelstest.NewClock(modelstest.Start).Now)
	r := seedCheckup(b, st, 120, 17, 20000, 5000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		ms, err := st.Matrices(ctx, r, nil)
		if err != nil {
			b.Fatal(err)
		}
		sums, err := st.Summaries(ctx, r, ms)
		if err != nil || len(ms) != 2040 || sums[0].Cadres != 2040 {
			b.Fatalf("%d matrices, %+v, %v", len(ms), sums[0], err)
		}
	}
}
