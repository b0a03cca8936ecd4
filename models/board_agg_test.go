package models_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// The web console's 总览 counts in SQL what /reports, the digests and the
// export count in Go; the figures must be the same, row for row, in every
// state, with exemptions, late reports, departed cadres and admins.
func TestBoardTallyEqualsTally(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		p := models.DigestPeriod(clock.Now(), shanghai)
		seedCounty(t, st, 7, 11, p, 2)
		db := st.DB()
		// A departed cadre with a report still counts; one without does not;
		// an admin never does.
		must(t, db.Exec("UPDATE cadres SET active = ? WHERE id IN (3, 4, 15)", false).Error)
		admin := models.Cadre{Name: "周部长", ExternalID: "ADM", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		must(t, db.Create(&admin).Error)
		unit := int64(2)
		stray := models.Cadre{Name: "组织员", ExternalID: "ADM2", UnitID: &unit, Role: models.RoleAdmin, Active: true, Lang: "zh"}
		must(t, db.Create(&stray).Error)
		// An exemption over a signed report wins: exempt, not signed, not due.
		var signed models.Report
		must(t, db.Where("period = ? AND status = ?", p.String(), models.ReportSigned).First(&signed).Error)
		must(t, db.Create(&models.Exemption{CadreID: signed.CadreID, Period: p.String(), Reason: "借调"}).Error)

		for _, q := range []models.Period{p, p.Prev(), p.Next()} {
			rows, err := st.Board(ctx, q, nil)
			must(t, err)
			want := models.Tally(rows)
			got, err := st.BoardTally(ctx, q)
			must(t, err)
			if !reflect.DeepEqual(want, got) {
				t.Errorf("%s: BoardTally differs from Tally(Board):\ntally %+v\nsql   %+v", q, want, got)
			}
		}
	})
}

func TestByCategory(t *testing.T) {
	ts := []models.ReportTally{
		{UnitID: 1, Category: "乡镇一类", Due: 10, SignedOnTime: 3, SignedLate: 1, Signed: 4, Awaiting: 2, Submitted: 6, Missing: 4},
		{UnitID: 2, Category: "乡镇一类", Due: 5, SignedOnTime: 1, Signed: 1, Submitted: 1, Returned: 1, Missing: 3},
		{UnitID: 3, Category: "县直", Due: 3, Exempt: 1, Missing: 3},
	}
	cats, total := models.ByCategory(ts)
	want := []models.CategoryTally{
		{Category: "乡镇一类", Units: 2, ReportTally: models.ReportTally{Category: "乡镇一类", Due: 15, SignedOnTime: 4, SignedLate: 1,
			Signed: 5, Awaiting: 2, Submitted: 7, Returned: 1, Missing: 7}},
		{Category: "县直", Units: 1, ReportTally: models.ReportTally{Category: "县直", Due: 3, Exempt: 1, Missing: 3}},
	}
	if !reflect.DeepEqual(want, cats) {
		t.Errorf("categories %+v, want %+v", cats, want)
	}
	if total.Due != 18 || total.Missing != 10 || total.Exempt != 1 {
		t.Errorf("county total %+v", total)
	}
}

// BenchmarkBoardTally compares the 总览's aggregate with loading the whole
// board and tallying it in Go, at the size of a province.
//
//	go test ./models -run '^$' -bench BoardTally -benchtime 20x
func BenchmarkBoardTally(b *testing.B) {
	st := modelstest.SQLite(b, modelstest.NewClock(modelstest.Start).Now)
	p := models.DigestPeriod(modelstest.Start, shanghai)
	seedCounty(b, st, 5000, 20, p, 2)
	ctx := context.Background()
	b.Run("sql_group_by", func(b *testing.B) {
		for b.Loop() {
			if ts, err := st.BoardTally(ctx, p); err != nil || len(ts) != 5000 {
				b.Fatal(len(ts), err)
			}
		}
	})
	b.Run("board_then_tally", func(b *testing.B) {
		for b.Loop() {
			rows, err := st.Board(ctx, p, nil)
			if err != nil {
				b.Fatal(err)
			}
			if ts := models.Tally(rows); len(ts) != 5000 {
				b.Fatal(fmt.Sprint(len(ts)))
			}
		}
	})
}

// A database made before the covering indexes gains them, and the
// county's figures read from them are those of the board.
func TestMigrationAddsTallyIndexes(t *testing.T) {
	modelstest.EachDSN(t, testMigrationAddsTallyIndexes)
}

func testMigrationAddsTallyIndexes(t *testing.T, dsn string) {
	ctx := context.Background()
	clock := modelstest.NewClock(modelstest.Start)
	open := func() *models.Store { return modelstest.Open(t, dsn, clock.Now) }
	st := open()
	p := models.DigestPeriod(clock.Now(), shanghai)
	seedCounty(t, st, 3, 5, p, 1)
	for _, q := range []string{"DROP INDEX idx_cadres_tally", "DROP INDEX idx_reports_tally", "DELETE FROM schema_versions WHERE version >= 16"} {
		must(t, st.DB().Exec(q).Error)
	}
	st.Close()

	st = open()
	defer st.Close()
	m := st.DB().Migrator()
	if !m.HasIndex(&models.Cadre{}, "idx_cadres_tally") || !m.HasIndex(&models.Report{}, "idx_reports_tally") {
		t.Fatal("the tally's covering indexes are missing after the upgrade")
	}
	rows, err := st.Board(ctx, p, nil)
	must(t, err)
	got, err := st.BoardTally(ctx, p)
	must(t, err)
	if want := models.Tally(rows); !reflect.DeepEqual(want, got) {
		t.Errorf("after the upgrade BoardTally differs from Tally(Board):\ntally %+v\nsql   %+v", want, got)
	}
}
