package models_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/items"
	"github.com/ganshi/ganshi/models/modelstest"
)

// seedAnnualYear makes a county of cadres in units of 17 over 10
// categories, each with a full 2026: twelve reports (one in seven late,
// one month in twelve exempt), four achievement items with figures and two
// plan items each, the plan answered the month after, a talk and a check
// of every loader's data.
func seedAnnualYear(tb testing.TB, st *models.Store, cadres int) {
	tb.Helper()
	db := st.DB()
	joined := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	nUnits := (cadres + 16) / 17
	us := make([]models.Unit, nUnits)
	for i := range us {
		us[i] = models.Unit{Name: fmt.Sprintf("单位%06d", i), Kind: models.UnitTownship, Category: fmt.Sprintf("类别%d", i%10)}
	}
	must(tb, db.CreateInBatches(&us, 500).Error)
	cs := make([]models.Cadre, 0, cadres)
	for i := 0; i < cadres; i++ {
		u := us[i/17]
		c := models.Cadre{Name: fmt.Sprint("干部", i), ExternalID: fmt.Sprint("B", i), UnitID: &u.ID, Role: models.RoleCadre, Lang: "zh", Active: true, CreatedAt: joined}
		if i%17 == 0 {
			c.Role = models.RoleLeader
		}
		cs = append(cs, c)
	}
	must(tb, db.CreateInBatches(&cs, 1000).Error)
	fig := func(s string) string { b, _ := json.Marshal(items.Figures(s)); return string(b) }
	achTexts := []string{"完成棚户区改造征收35户", "招商引资到位1.2亿元", "争取资金800万元", "修路3.5公里"}
	achFigs := make([]string, len(achTexts))
	for i, s := range achTexts {
		achFigs[i] = fig(s)
	}
	for m := 1; m <= 12; m++ {
		due := time.Date(2026, time.Month(m), 28, 10, 0, 0, 0, time.UTC)
		var rs []models.Report
		var es []models.Exemption
		for i, c := range cs {
			if (i+m)%12 == 0 {
				es = append(es, models.Exemption{CadreID: c.ID, Period: fmt.Sprintf("2026-%02d", m), Reason: "培训", At: due})
				continue
			}
			sub := due.Add(-time.Hour)
			late := (i+m)%7 == 0
			if late {
				sub = due.Add(time.Hour)
			}
			rs = append(rs, models.Report{CadreID: c.ID, Period: fmt.Sprintf("2026-%02d", m), UnitID: *c.UnitID, Status: models.ReportSigned,
				Version: 2, DueAt: due, SubmittedAt: &sub, Late: late})
		}
		must(tb, db.CreateInBatches(&rs, 1000).Error)
		if len(es) > 0 {
			must(tb, db.CreateInBatches(&es, 1000).Error)
		}
		var its []models.ReportItem
		for _, r := range rs {
			for k, s := range achTexts {
				its = append(its, models.ReportItem{ReportID: r.ID, Section: models.SectionAchievement, Seq: k + 1, Text: s, Figures: achFigs[k]})
			}
			its = append(its, models.ReportItem{ReportID: r.ID, Section: models.SectionPlan, Seq: 1, Text: "推进签约"},
				models.ReportItem{ReportID: r.ID, Section: models.SectionPlan, Seq: 2, Text: "开工建设"})
		}
		must(tb, db.CreateInBatches(&its, 2000).Error)
	}
	var ts []models.Talk
	for i, c := range cs {
		if i%17 == 0 {
			continue
		}
		held := time.Date(2026, time.Month(i%12+1), 10, 2, 0, 0, 0, time.UTC)
		ts = append(ts, models.Talk{CadreID: c.ID, LeaderID: cs[i/17*17].ID, Reason: models.TalkReasons[i%len(models.TalkReasons)],
			Status: models.TalkClosed, Source: "chat", DueFrom: "2026-01-01", DueBy: "2026-01-10", HeldAt: &held, Attention: i%5 == 0})
	}
	must(tb, db.CreateInBatches(&ts, 1000).Error)
}

// benchAnnual computes every category's profiles and statistics, as the
// export does, and reports the heap it took at its largest category.
func benchAnnual(b *testing.B, cadres int) {
	clock := modelstest.NewClock(time.Date(2027, 1, 15, 2, 0, 0, 0, time.UTC))
	st := modelstest.SQLite(b, clock.Now)
	seedAnnualYear(b, st, cadres)
	ctx := context.Background()
	cats, err := st.AnnualCategories(ctx)
	if err != nil || len(cats) != 10 {
		b.Fatalf("%v %v", cats, err)
	}
	var peak uint64
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, c := range cats {
			ps, stats, err := st.CategoryProfiles(ctx, 2026, c, shanghai)
			if err != nil || len(stats) == 0 {
				b.Fatal(err)
			}
			n += len(ps)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		if n != cadres {
			b.Fatalf("%d profiles for %d cadres", n, cadres)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// go test ./models -run '^$' -bench AnnualProfiles2000 -benchmem
func BenchmarkAnnualProfiles2000(b *testing.B) { benchAnnual(b, 2000) }

// A city or province: GANSHI_ANNUAL_BENCH_CADRES=100000 go test ./models
// -run '^$' -bench AnnualProfilesLarge -benchtime 1x -benchmem -timeout 60m
func BenchmarkAnnualProfilesLarge(b *testing.B) {
	n, err := strconv.Atoi(os.Getenv("GANSHI_ANNUAL_BENCH_CADRES"))
	if err != nil || n <= 0 {
		b.Skip("set GANSHI_ANNUAL_BENCH_CADRES (e.g. 100000)")
	}
	benchAnnual(b, n)
}
