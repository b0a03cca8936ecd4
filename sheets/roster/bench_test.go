package roster_test

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/sheets/roster"
)

// bigRoster is a city-sized roster: units × perUnit cadres, the first of
// each unit its leader.
func bigRoster(units, perUnit int) []byte {
	var b bytes.Buffer
	b.WriteString("单位,单位类型,类别,姓名,职务,分工,角色,工号\n")
	kinds := []string{"乡镇", "园区", "县直单位"}
	for u := range units {
		for c := range perUnit {
			role := "干部"
			if c == 0 {
				role = "主要负责同志"
			}
			fmt.Fprintf(&b, "第%04d单位,%s,第%d类,干部%05d,副职,\"分管城建、征收、项目建设\",%s,GS%06d\n",
				u, kinds[u%3], u%10, u*perUnit+c, role, u*perUnit+c)
		}
	}
	return b.Bytes()
}

// peakHeap samples the live heap until stop is called and returns the
// highest value seen: -benchmem reports allocation, not the peak.
func peakHeap() (stop func() uint64) {
	var (
		peak uint64
		wg   sync.WaitGroup
		done = make(chan struct{})
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return peak }
}

// BenchmarkImport50k parses, checks and imports 50,000 cadres in 5,000
// units into a fresh SQLite database.
func BenchmarkImport50k(b *testing.B) {
	data := bigRoster(5000, 10)
	ctx := context.Background()
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		st := modelstest.SQLite(b, time.Now)
		runtime.GC()
		stop := peakHeap()
		b.StartTimer()
		rows, err := roster.Parse("big.csv", data, roster.EncodingAuto)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := st.ApplyRoster(ctx, rows, models.ApplyOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		peak = max(peak, stop())
		if sum.Total.Added != 50000 || sum.UnitsAdded != 5000 {
			b.Fatalf("summary = %+v", sum.Total)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// TestBigRosterReimport checks the fast path is also the correct one: a
// second import of the same large file changes nothing.
func TestBigRosterReimport(t *testing.T) {
	if testing.Short() {
		t.Skip("large roster")
	}
	st := modelstest.SQLite(t, time.Now)
	rows, err := roster.Parse("big.csv", bigRoster(500, 10), roster.EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []models.RosterTally{{Added: 5000}, {Unchanged: 5000}} {
		sum, err := st.ApplyRoster(context.Background(), rows, models.ApplyOptions{DeactivateMissing: true})
		if err != nil || sum.Total != want {
			t.Fatalf("import %d: %+v, %v; want %+v", i+1, sum.Total, err, want)
		}
	}
	u, err := st.UnitByName(context.Background(), "第0499单位")
	if err != nil || u.PrincipalID == nil {
		t.Fatalf("last unit %+v, %v: want a principal", u, err)
	}
}

// BenchmarkReimport50kAllChanged updates every one of 50,000 cadres: the
// upsert path, as when a new column format changes every position.
func BenchmarkReimport50kAllChanged(b *testing.B) {
	ctx := context.Background()
	first, err := roster.Parse("big.csv", bigRoster(5000, 10), roster.EncodingAuto)
	if err != nil {
		b.Fatal(err)
	}
	changed, err := roster.Parse("big.csv", bytes.ReplaceAll(bigRoster(5000, 10), []byte("副职"), []byte("正职")), roster.EncodingAuto)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		st := modelstest.SQLite(b, time.Now)
		if _, err := st.ApplyRoster(ctx, first, models.ApplyOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := st.ApplyRoster(ctx, changed, models.ApplyOptions{DeactivateMissing: true})
		if err != nil || sum.Total.Updated != 50000 {
			b.Fatalf("reimport: %+v, %v", sum.Total, err)
		}
	}
}
