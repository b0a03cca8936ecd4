package sheets

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Table writes a plain workbook of one sheet: the header row, then rows,
// streamed so that a county-wide list stays light. Cells are strings or
// numbers; the bot's digests attach it when their lists do not fit in a
// message.
func Table(w io.Writer, head []string, rows [][]any) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close table workbook: %w", cerr)
		}
	}()
	sw, err := f.NewStreamWriter(f.GetSheetName(0))
	if err != nil {
		return fmt.Errorf("table workbook: %w", err)
	}
	hr := make([]any, len(head))
	for i, h := range head {
		hr[i] = h
	}
	if err := sw.SetRow("A1", defused(hr)); err != nil {
		return fmt.Errorf("table workbook: %w", err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, defused(r)); err != nil {
			return fmt.Errorf("table workbook row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("table workbook: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("table workbook: %w", err)
	}
	return nil
}
