package sheets

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// summarySheet comes first: it is what the department looks at.
const summarySheet = "汇总"

// ReportsXLSX writes a workbook for period p: a summary sheet with
// models.Tally's figures per unit, then one 公示 table per unit in board
// order. Unit sheets are streamed, so a county of 2,000 cadres stays
// light; times are shown in loc, which must not be nil.
func ReportsXLSX(w io.Writer, p models.Period, rows []models.BoardRow, items map[int64][]models.ReportItem, loc *time.Location) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close reports workbook: %w", cerr)
		}
	}()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("reports workbook styles: %w", err)
	}
	if err := writeSummary(f, st, p, models.Tally(rows)); err != nil {
		return fmt.Errorf("write summary sheet: %w", err)
	}
	names := newSheetNames(summarySheet)
	for _, unit := range byUnit(rows) {
		name := names.add(unit[0].UnitName)
		if err := writeUnitSheet(f, st, name, p, unit, items, loc); err != nil {
			return fmt.Errorf("write sheet of %s: %w", unit[0].UnitName, err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write reports workbook: %w", err)
	}
	return nil
}

// byUnit splits board rows per unit, keeping the board's order of units
// and of people within a unit.
func byUnit(rows []models.BoardRow) [][]models.BoardRow {
	var out [][]models.BoardRow
	idx := map[int64]int{}
	for _, r := range rows {
		i, ok := idx[r.UnitID]
		if !ok {
			i = len(out)
			idx[r.UnitID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], r)
	}
	return out
}

// styles are the workbook's cell styles, made once.
type styles struct {
	title, header, text, number, total int
}

func newStyles(f *excelize.File) (styles, error) {
	ids, err := makeStyles(f, styleDefs())
	if err != nil {
		return styles{}, err
	}
	return styles{title: ids[0], header: ids[1], text: ids[2], number: ids[3], total: ids[4]}, nil
}

// styleDefs are the house's cell styles: title, header, text, number,
// total. Every workbook made here looks the same.
func styleDefs() []*excelize.Style {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	return []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: center},
		{Font: &excelize.Font{Bold: true}, Alignment: center, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}},
		{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border},
		{Alignment: center, Border: border},
		{Font: &excelize.Font{Bold: true}, Alignment: center, Border: border},
	}
}

// makeStyles registers defs with f, in order, and returns their ids.
func makeStyles(f *excelize.File, defs []*excelize.Style) ([]int, error) {
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// landscapeA4 is how a 公示 table is printed.
func landscapeA4(f *excelize.File, sheet string) error {
	size, orient := 9, "landscape"
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient})
}
