package sheets

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/ganshi/ganshi/models"
)

// column is a heading and its width in Excel's units (about one Latin
// character; a Chinese character takes two).
type column struct {
	name  string
	width float64
}

// unitColumns are the 公示 table's columns. There is deliberately no
// column for lateness: a posting names nobody as late.
var unitColumns = []column{
	{"姓名", 10}, {"职务", 16}, {"分工", 22}, {"本月完成情况", 48}, {"主要数据", 18},
	{"下月工作计划", 40}, {"状态", 14}, {"签字人", 12}, {"签字时间", 17},
}

func headers(cols []column) []any {
	out := make([]any, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

func setWidths(set func(sheet, from, to string, w float64) error, sheet string, cols []column) error {
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := set(sheet, name, name, c.width); err != nil {
			return err
		}
	}
	return nil
}

// unitRow is one cadre's line of the 公示 table.
func unitRow(r models.BoardRow, items map[int64][]models.ReportItem, loc *time.Location) []string {
	its := rowItems(r, items)
	row := []string{r.Name, r.Position, r.Duty, itemsCell(its, models.SectionAchievement), figuresCell(its),
		itemsCell(its, models.SectionPlan), status(r), signer(r), signedAt(r, loc)}
	for i := range row {
		row[i] = defuse(row[i])
	}
	return row
}

// writeUnitSheet streams one unit's 公示 table: a title, the header
// (frozen, and repeated on every printed page), one row per cadre.
func writeUnitSheet(f *excelize.File, st styles, sheet string, p models.Period, rows []models.BoardRow,
	items map[int64][]models.ReportItem, loc *time.Location) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	if err := printSetup(f, sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := streamHead(sw, st, defuse(rows[0].UnitName+periodTitle(p)+"干部月度实绩公示表")); err != nil {
		return err
	}
	for i, r := range rows {
		vals := unitRow(r, items, loc)
		cells := make([]any, len(vals))
		for j, v := range vals {
			cells[j] = excelize.Cell{StyleID: st.text, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(cell, cells, excelize.RowOpts{Height: rowHeight(vals, unitColumns)}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// printSetup goes before streaming: the stream writer keeps the
// worksheet's settings it finds and writes them out at Flush.
func printSetup(f *excelize.File, sheet string) error {
	if err := landscapeA4(f, sheet); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$2", strings.ReplaceAll(sheet, "'", "''")), Scope: sheet})
}

func streamHead(sw *excelize.StreamWriter, st styles, title string) error {
	// Last column first: the stream writer lists columns in the reverse
	// order of the calls, and Excel wants them ascending.
	for i := len(unitColumns); i >= 1; i-- {
		if err := sw.SetColWidth(i, i, unitColumns[i-1].width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: title}}, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(unitColumns))
	if err := sw.MergeCell("A1", last+"1"); err != nil {
		return err
	}
	head := headers(unitColumns)
	for i := range head {
		head[i] = excelize.Cell{StyleID: st.header, Value: head[i]}
	}
	return sw.SetRow("A2", head, excelize.RowOpts{Height: 22})
}

// rowHeight estimates the height a row of wrapped cells needs: Excel does
// not grow rows to fit when it opens a file, so an unset height would
// show one line of ten items.
func rowHeight(vals []string, cols []column) float64 {
	lines := 1
	for i, v := range vals {
		n := 0
		for _, line := range strings.Split(v, "\n") {
			n += max(1, int(math.Ceil(displayWidth(line)/(cols[i].width-1))))
		}
		lines = max(lines, n)
	}
	return min(float64(lines)*15+4, excelize.MaxRowHeight)
}

func displayWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}
