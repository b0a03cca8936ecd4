package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// talksExportArgs is what `ganshi export talks` was asked to do.
type talksExportArgs struct {
	from, to       time.Time // to is the first instant after the last day
	fromDay, toDay string
	xlsx, db       string
	loc            *time.Location
}

// runTalksExport writes the 谈话台账: every talk held in the days given,
// with its record. The command line is the organization department, the
// only reader of records besides their holders; the export is audited as
// a view of each record.
func runTalksExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export talks"
	lang := cliLang(getenv)
	a, err := parseTalksExportArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	if err := mustExist(lang, cmd, a.db); err != nil {
		return err
	}
	st, err := models.Open(ctx, a.db, models.Options{})
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	defer st.Close()
	rows, err := st.TalksHeldBetween(ctx, a.from, a.to)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := writeFileAtomically(a.xlsx, func(w io.Writer) error { return talksLedger(w, a, rows) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	err = st.Tx(ctx, func(tx *models.Store) error {
		name := filepath.Base(a.xlsx)
		for _, r := range rows {
			if err := tx.Audit(ctx, nil, "talk.record.view", fmt.Sprintf("talk:%d", r.ID), "export "+name); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, nil, "export.talks", a.fromDay+".."+a.toDay, fmt.Sprintf("%s: %d talks", name, len(rows)))
	})
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_talks_done", a.xlsx, len(rows), a.fromDay, a.toDay))
	return nil
}

func parseTalksExportArgs(args []string, getenv func(string) string, stderr io.Writer) (talksExportArgs, error) {
	lang := cliLang(getenv)
	t := func(key string) string { return texts.T(lang, key) }
	flags := flag.NewFlagSet("export talks", flag.ContinueOnError)
	var a talksExportArgs
	flags.StringVar(&a.fromDay, "from", "", t("cli_talks_flag_from"))
	flags.StringVar(&a.toDay, "to", "", t("cli_talks_flag_to"))
	flags.StringVar(&a.xlsx, "xlsx", "", t("cli_talks_flag_xlsx"))
	tz := flags.String("tz", cmp.Or(getenv("GANSHI_TZ"), "Asia/Shanghai"), t("cli_talks_flag_tz"))
	db := dbFlag(flags, getenv)
	setUsage(flags, stderr, lang, "cli_export_talks_usage")
	pos, err := parseArgs(flags, args, lang)
	switch {
	case err != nil:
		return a, err
	case len(pos) > 0:
		return a, usageT(lang, "cli_unexpected_arg", "export talks", pos[0])
	case a.fromDay == "" || a.toDay == "":
		return a, usageT(lang, "cli_talks_days_required")
	case a.xlsx == "":
		return a, usageT(lang, "cli_talks_xlsx_required")
	}
	if a.loc, err = time.LoadLocation(*tz); err != nil {
		return a, usageT(lang, "cli_bad_tz", "export talks", *tz)
	}
	if a.from, err = time.ParseInLocation("2006-01-02", a.fromDay, a.loc); err != nil {
		return a, usageT(lang, "cli_talks_bad_day", "--from", a.fromDay, "2026-11-01")
	}
	last, err := time.ParseInLocation("2006-01-02", a.toDay, a.loc)
	if err != nil {
		return a, usageT(lang, "cli_talks_bad_day", "--to", a.toDay, "2026-11-30")
	}
	if last.Before(a.from) {
		return a, usageT(lang, "cli_talks_reversed", a.toDay, a.fromDay)
	}
	a.to, a.db = last.AddDate(0, 0, 1), *db
	return a, nil
}

// ledgerColumns is the 谈话台账 layout, with each column's width.
var ledgerColumns = []struct {
	title string
	width float64
}{
	{"序号", 6}, {"谈话日期", 18}, {"谈话人", 10}, {"谈话对象", 10}, {"所在单位", 16}, {"谈话事由", 16},
	{"谈话内容摘要", 40}, {"反映的主要问题", 30}, {"商定事项", 30}, {"重点关注", 9}, {"跟踪回访", 12},
}

const ledgerSheet = "谈话台账"

// talksLedger writes one sheet: a title, the header, one row per talk.
func talksLedger(w io.Writer, a talksExportArgs, rows []models.TalkRow) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close talks workbook: %w", cerr)
		}
	}()
	if err := f.SetSheetName("Sheet1", ledgerSheet); err != nil {
		return err
	}
	title, header, body, err := ledgerStyles(f)
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(ledgerColumns))
	if err := f.MergeCell(ledgerSheet, "A1", last+"1"); err != nil {
		return err
	}
	cells := [][]any{{fmt.Sprintf("谈心谈话台账（%s 至 %s）", a.fromDay, a.toDay)}}
	var head []any
	for _, c := range ledgerColumns {
		head = append(head, c.title)
	}
	cells = append(cells, head)
	for i, r := range rows {
		cells = append(cells, ledgerRow(i+1, r, a.loc))
	}
	for i, row := range cells {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(ledgerSheet, cell, &row); err != nil {
			return err
		}
	}
	for i, c := range ledgerColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(ledgerSheet, col, col, c.width); err != nil {
			return err
		}
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
	return []any{n, r.StartsAt.In(loc).Format("2006-01-02 15:04"), r.LeaderName, r.CadreName, r.UnitName,
		models.TalkReasonZH(r.Reason), summary, r.Concerns, r.Agreed, attention, follow}
}

func ledgerStyles(f *excelize.File) (title, header, body int, err error) {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	if title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: center}); err != nil {
		return
	}
	if header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: center, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}}); err != nil {
		return
	}
	body, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border})
	return
}
