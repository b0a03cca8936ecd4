package sheets

import (
	"encoding/csv"
	"fmt"
	"io"
	"time"

	"github.com/ganshi/ganshi/models"
)

// bom makes Excel read the file as UTF-8; without it Chinese turns to
// mojibake on a Chinese-locale Windows.
const bom = "\ufeff"

var csvHeader = []string{"月份", "单位", "类别", "编号", "姓名", "职务", "分工", "状态",
	"本月完成情况", "主要数据", "下月工作计划", "签字人", "签字时间", "免报原因"}

// ReportsCSV writes one row per cadre on the board for p, in board order.
// Cells with several items hold one item per line; encoding/csv quotes
// them. Times are shown in loc, which must not be nil.
func ReportsCSV(w io.Writer, p models.Period, rows []models.BoardRow, items map[int64][]models.ReportItem, loc *time.Location) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("write reports csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write reports csv: %w", err)
	}
	for _, r := range rows {
		if err := cw.Write(csvRow(p, r, items, loc)); err != nil {
			return fmt.Errorf("write reports csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write reports csv: %w", err)
	}
	return nil
}

func csvRow(p models.Period, r models.BoardRow, items map[int64][]models.ReportItem, loc *time.Location) []string {
	its := rowItems(r, items)
	reason := ""
	if r.ExemptReason != nil {
		reason = *r.ExemptReason
	}
	row := []string{p.String(), r.UnitName, r.Category, r.ExternalID, r.Name, r.Position, r.Duty,
		stateLabels[r.State()], itemsCell(its, models.SectionAchievement), figuresCell(its),
		itemsCell(its, models.SectionPlan), signer(r), signedAt(r, loc), reason}
	for i := range row {
		row[i] = defuse(row[i])
	}
	return row
}
