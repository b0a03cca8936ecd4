package sheets_test

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/items"
	"github.com/ganshi/ganshi/sheets"
)

// countyBoard is a county's month in memory: cadres spread over units,
// each with five achievements and five plan items, all with figures.
func countyBoard(units, cadres int) ([]models.BoardRow, map[int64][]models.ReportItem) {
	signed, status, by := time.Date(2026, 11, 27, 2, 30, 0, 0, time.UTC), models.ReportSigned, "书记"
	its := map[int64][]models.ReportItem{}
	rows := make([]models.BoardRow, cadres)
	for i := range rows {
		id, u := int64(i+1), int64(i%units+1)
		rows[i] = models.BoardRow{CadreID: id, Name: fmt.Sprintf("干部%04d", i), ExternalID: fmt.Sprintf("GS%05d", i),
			Position: "副镇长", Duty: "分管城建、交通、安全生产", Role: models.RoleCadre, UnitID: u,
			UnitName: fmt.Sprintf("第%03d单位（县直机关事务服务中心）", u), Category: fmt.Sprintf("类别%d", u%10),
			ReportID: &id, Status: &status, SignedAt: &signed, SignedByName: &by}
		for j := range 10 {
			section := models.SectionAchievement
			if j >= 5 {
				section = models.SectionPlan
			}
			text := fmt.Sprintf("完成第%d批棚户区改造征收 %d 户，签约率 %d%%，新修村道 %d.5 公里", j+1, 30+j, 90+j%10, j)
			fs, _ := json.Marshal(items.Figures(text))
			its[id] = append(its[id], models.ReportItem{ReportID: id, Section: section, Seq: j%5 + 1, Text: text, Figures: string(fs)})
		}
	}
	return rows, its
}

// countWriter measures the file without keeping it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkReportsXLSX2000x10 is a county's month: 2,000 cadres in 120
// units, ten items each.
func BenchmarkReportsXLSX2000x10(b *testing.B) {
	rows, its := countyBoard(120, 2000)
	loc := mustLoc("Asia/Shanghai")
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	input := m.HeapInuse // the board and items the caller holds anyway
	var size countWriter
	for b.Loop() {
		size.n = 0
		if err := sheets.ReportsXLSX(&size, nov, rows, its, loc); err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(input)/(1<<20), "input-MB")
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-inuse-MB")
	b.ReportMetric(float64(m.HeapSys)/(1<<20), "heap-sys-MB")
	b.ReportMetric(float64(size.n)/(1<<10), "xlsx-KB")
}

func BenchmarkReportsCSV2000x10(b *testing.B) {
	rows, its := countyBoard(120, 2000)
	loc := mustLoc("Asia/Shanghai")
	for b.Loop() {
		if err := sheets.ReportsCSV(io.Discard, nov, rows, its, loc); err != nil {
			b.Fatal(err)
		}
	}
}
