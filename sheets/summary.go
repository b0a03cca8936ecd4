package sheets

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// summaryColumns are the unit, then the report categories as the digests
// and /reports name them: 应报, the five parts that add up to it, 免报.
var summaryColumns = func() []column {
	cols := []column{{"单位", 26}, {"类别", 16}, {texts.T(texts.ZH, "tally_due"), 8}}
	for _, part := range models.TallyParts {
		cols = append(cols, column{texts.T(texts.ZH, "tally_"+part), 10})
	}
	return append(cols, column{texts.T(texts.ZH, "tally_exempt"), 8})
}()

// summaryNote says how the figures add up.
var summaryNote = "说明：" + texts.T(texts.ZH, "tally_note")

// writeSummary fills the first sheet: one row per unit as models.Tally
// counts it, then the total and a note on how the figures are counted.
func writeSummary(f *excelize.File, st styles, p models.Period, ts []models.ReportTally) error {
	sheet := summarySheet
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(summaryColumns))
	title := periodTitle(p) + "干部月度实绩汇总"
	rows := [][]any{{title}, headers(summaryColumns)}
	var sum models.ReportTally
	for _, t := range ts {
		rows = append(rows, defused(tallyRow(t.UnitName, orUnsorted(t.Category), t)))
		sum = sum.Add(t)
	}
	rows = append(rows, tallyRow("合计", fmt.Sprintf("%d个单位", len(ts)), sum), []any{summaryNote})
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &rows[i]); err != nil {
			return err
		}
	}
	total, note := len(rows)-1, len(rows)
	for _, s := range []struct {
		from, to string
		style    int
	}{
		{"A1", last + "1", st.title},
		{"A2", last + "2", st.header},
		{"A3", fmt.Sprintf("B%d", total), st.text},
		{"C3", fmt.Sprintf("%s%d", last, total), st.number},
		{fmt.Sprintf("A%d", total), fmt.Sprintf("%s%d", last, total), st.total},
	} {
		if err := f.SetCellStyle(sheet, s.from, s.to, s.style); err != nil {
			return err
		}
	}
	return summaryLayout(f, sheet, last, note)
}

// summaryLayout merges the title and the note, sets widths and freezes
// the header.
func summaryLayout(f *excelize.File, sheet, last string, note int) error {
	noteCell := fmt.Sprintf("A%d", note)
	for _, m := range [][2]string{{"A1", last + "1"}, {noteCell, fmt.Sprintf("%s%d", last, note)}} {
		if err := f.MergeCell(sheet, m[0], m[1]); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	if err := setWidths(f.SetColWidth, sheet, summaryColumns); err != nil {
		return err
	}
	if err := landscapeA4(f, sheet); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
}

func tallyRow(name, category string, t models.ReportTally) []any {
	p := t.Parts()
	return []any{name, category, t.Due, p[0], p[1], p[2], p[3], p[4], t.Exempt}
}
