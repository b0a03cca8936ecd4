package sheets

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

var entryStates = map[string]string{
	models.ProgressPending:  "待核实",
	models.ProgressVerified: "已核实",
	models.ProgressQueried:  "有疑问",
}

// ContestXLSX writes a contest's workbook: 进度 (each group's units with
// every task's verified figure, target and completion) and 填报记录 (every
// entry with its author, review and question: the history). Times in loc.
func ContestXLSX(w io.Writer, st models.Standing, entries []models.ProgressRow, loc *time.Location) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close contest workbook: %w", cerr)
		}
	}()
	const standing, history = "进度", "填报记录"
	if err := f.SetSheetName("Sheet1", standing); err != nil {
		return err
	}
	head := []any{"类别", "组别", "单位", "综合完成率(%)"}
	for _, t := range st.Tasks {
		head = append(head, t.Name+"（"+t.Measure+"）", "目标", "完成率(%)")
	}
	rows := [][]any{{st.Contest.Name}, head}
	for _, c := range st.Categories {
		for _, g := range c.Groups {
			for _, u := range g.Units {
				r := []any{c.Name, g.Name, u.Name, round1(u.Percent)}
				for _, cell := range u.Cells {
					r = append(r, figure(cell.Has, cell.Value), figure(cell.HasTarget, cell.Target), round1(cell.Percent))
				}
				rows = append(rows, r)
			}
		}
	}
	if err := writeRows(f, standing, rows); err != nil {
		return err
	}
	if _, err := f.NewSheet(history); err != nil {
		return err
	}
	rows = [][]any{{"编号", "单位", "任务", "数值", "计量单位", "填报原文", "说明", "倒退", "填报人", "填报时间", "状态", "核实人", "核实时间", "疑问"}}
	for _, e := range entries {
		reviewed := ""
		if e.ReviewedAt != nil {
			reviewed = e.ReviewedAt.In(loc).Format(timeLayout)
		}
		back := ""
		if e.Backward {
			back = "是"
		}
		rows = append(rows, []any{e.ID, defuse(e.UnitName), defuse(e.TaskName), e.Value, e.Measure, defuse(e.Raw), defuse(e.Note), back,
			defuse(e.Author), e.CreatedAt.In(loc).Format(timeLayout), entryStates[e.State], defuse(e.Reviewer), reviewed, defuse(e.Question)})
	}
	if err := writeRows(f, history, rows); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write contest workbook: %w", err)
	}
	return nil
}

func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return fmt.Errorf("write %s row %d: %w", sheet, i+1, err)
		}
	}
	return nil
}

func figure(has bool, v float64) any {
	if !has {
		return ""
	}
	return v
}

func round1(v float64) float64 {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	out, _ := strconv.ParseFloat(s, 64)
	return out
}
