package sheets

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// ledgerColumns is the 谈话台账 layout.
var ledgerColumns = []column{
	{"序号", 6}, {"谈话日期", 18}, {"谈话人", 10}, {"谈话对象", 10}, {"所在单位", 16}, {"谈话事由", 16},
	{"谈话内容摘要", 40}, {"反映的主要问题", 30}, {"商定事项", 30}, {"重点关注", 9}, {"跟踪回访", 12},
}

const ledgerSheet = "谈话台账"

// TalksLedger writes the 谈话台账 of the talks held from fromDay to toDay
// (both as the title shows them, "2026-11-01"): one sheet with a title,
// the header and one row per talk with its record. Records are
// confidential: the caller decides who gets the file and audits it.
// Times are shown in loc, which must not be nil.
func TalksLedger(w io.Writer, fromDay, toDay string, rows []models.TalkRow, loc *time.Location) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close talks workbook: %w", cerr)
		}
	}()
	if err := f.SetSheetName("Sheet1", ledgerSheet); err != nil {
		return err
	}
	st, err := makeStyles(f, styleDefs()[:3])
	if err != nil {
		return err
	}
	title, header, body := st[0], st[1], st[2]
	last, _ := excelize.ColumnNumberToName(len(ledgerColumns))
	if err := f.MergeCell(ledgerSheet, "A1", last+"1"); err != nil {
		return err
	}
	cells := [][]any{{fmt.Sprintf("谈心谈话台账（%s 至 %s）", fromDay, toDay)}, headers(ledgerColumns)}
	for i, r := range rows {
		cells = append(cells, defused(ledgerRow(i+1, r, loc)))
	}
	for i, row := range cells {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(ledgerSheet, cell, &row); err != nil {
			return err
		}
	}
	if err := setWidths(f.SetColWidth, ledgerSheet, ledgerColumns); err != nil {
		return err
	}
	for _, s := range []struct {
		from, to string
		style    int
	}{{"A1", last + "1", title}, {"A2", last + "2", header}, {"A3", fmt.Sprintf("%s%d", last, len(cells)), body}} {
		if len(cells) < 3 && s.from == "A3" {
			continue
		}
		if err := f.SetCellStyle(ledgerSheet, s.from, s.to, s.style); err != nil {
			return err
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write talks workbook: %w", err)
	}
	return nil
}

// ledgerRow is one talk. A talk held and not yet written down says so.
func ledgerRow(n int, r models.TalkRow, loc *time.Location) []any {
	summary, attention, follow := r.Summary, "否", "无"
	if r.RecordStep != models.RecordDone {
		summary = "（尚未记录完成）" + summary
		attention, follow = "", ""
	} else {
		if r.Attention {
			attention = "是"
		}
		if r.FollowUpOn != "" {
			follow = r.FollowUpOn
		}
	}
	return []any{n, r.StartsAt.In(loc).Format(timeLayout), r.LeaderName, r.CadreName, r.UnitName,
		models.TalkReasonZH(r.Reason), summary, r.Concerns, r.Agreed, attention, follow}
}
