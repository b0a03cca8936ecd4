package models_test

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// itemReport opens cad's report for p and adds plan items before
// achievements, so the order of the answer is the query's, not insertion's.
func itemReport(t *testing.T, st *models.Store, cad models.Cadre, p models.Period, ach, plan []string) models.Report {
	t.Helper()
	ctx := context.Background()
	rep, err := st.OpenReport(ctx, cad, p, time.Date(p.Year, p.Month, 28, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, add := range []struct {
		section string
		texts   []string
	}{{models.SectionPlan, plan}, {models.SectionAchievement, ach}} {
		var nis []models.NewItem
		for _, s := range add.texts {
			nis = append(nis, models.NewItem{Text: s})
		}
		if _, err := st.AddItems(ctx, rep.ID, add.section, nis); err != nil {
			t.Fatal(err)
		}
	}
	return rep
}

func itemTexts(its []models.ReportItem) []string {
	var out []string
	for _, it := range its {
		out = append(out, it.Section[:1]+":"+it.Text)
	}
	return out
}

func TestItemsForPeriod(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		u1, lead1, cad1 := seedUnit(t, st, "城关镇")
		_, lead2, _ := seedUnit(t, st, "河西乡")
		r1 := itemReport(t, st, cad1, nov, []string{"征收 35 户", "签约率 92%"}, []string{"完成剩余 12 户"})
		r2 := itemReport(t, st, lead1, nov, []string{"修路 3.5 公里"}, []string{"验收"})
		r3 := itemReport(t, st, lead2, nov, []string{"招商 2 个"}, []string{"签约"})
		octo := itemReport(t, st, cad1, nov.Prev(), []string{"十月"}, []string{"十一月"})

		var queries atomic.Int32
		count := func(*gorm.DB) { queries.Add(1) }
		if err := st.DB().Callback().Query().After("gorm:query").Register("test:count_export", count); err != nil {
			t.Fatal(err)
		}
		all, err := st.ItemsForPeriod(ctx, nov, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := queries.Load(); n != 1 {
			t.Errorf("ItemsForPeriod ran %d queries, want 1", n)
		}
		if len(all) != 3 || all[octo.ID] != nil {
			t.Fatalf("reports = %d (October's present: %v), want November's 3", len(all), all[octo.ID] != nil)
		}
		want := map[int64][]string{
			r1.ID: {"a:征收 35 户", "a:签约率 92%", "p:完成剩余 12 户"},
			r2.ID: {"a:修路 3.5 公里", "p:验收"},
			r3.ID: {"a:招商 2 个", "p:签约"},
		}
		for id, w := range want {
			if got := itemTexts(all[id]); !slices.Equal(got, w) {
				t.Errorf("report %d items = %q, want %q", id, got, w)
			}
		}
		if fs := all[r1.ID][0].FigureList(); len(fs) != 1 || fs[0].Value != 35 {
			t.Errorf("figures of the first item = %+v", fs)
		}
		one, err := st.ItemsForPeriod(ctx, nov, &u1.ID)
		if err != nil || len(one) != 2 || one[r3.ID] != nil || len(one[r1.ID]) != 3 {
			t.Fatalf("unit %s: %d reports, %v", u1.Name, len(one), err)
		}
	})
}

// A cadre moved to another unit keeps last month's report where it was
// opened; the export follows the board, which places them by their unit now.
func TestItemsForPeriodFollowsTheBoard(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		_, _, cad := seedUnit(t, st, "城关镇")
		u2, _, _ := seedUnit(t, st, "河西乡")
		rep := itemReport(t, st, cad, nov, []string{"征收 35 户"}, []string{"签约"})
		if err := st.DB().Model(&cad).Update("unit_id", u2.ID).Error; err != nil {
			t.Fatal(err)
		}
		rows, err := st.Board(ctx, nov, &u2.ID)
		if err != nil {
			t.Fatal(err)
		}
		its, err := st.ItemsForPeriod(ctx, nov, &u2.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rows {
			found = found || (r.ReportID != nil && *r.ReportID == rep.ID && len(its[rep.ID]) == 2)
		}
		if !found {
			t.Fatalf("the moved cadre's report %d is on the board without its items: %+v", rep.ID, its)
		}
	})
}
