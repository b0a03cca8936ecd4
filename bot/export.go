package bot

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/export"
	"github.com/ganshi/ganshi/models"
)

// exportTexts are /export's own texts, Chinese first. They live beside
// the command rather than in texts_zh.go and texts_en.go.
var exportTexts = map[string]map[string]string{
	LangZH: {
		"bad_month":    "“%s”不是有效的月份。请写成 /export 2026-11，也可以在月份后加单位名称，例如 /export 2026-11 城关镇。",
		"unknown_unit": "没有名为“%s”的单位，请核对单位全称。",
		"empty":        "%s没有需要填报月度实绩的干部，无可导出。",
		"caption":      "%s月度实绩：%d 个单位 %d 人。已提交 %d（其中已签字 %d），已退回 %d，未提交 %d，免报 %d。",
	},
	LangEN: {
		"bad_month":    "“%s” is not a month. Write /export 2026-11, optionally followed by a unit's name, e.g. /export 2026-11 城关镇.",
		"unknown_unit": "There is no unit named “%s”. Please check the full name.",
		"empty":        "No cadre reports for %s; there is nothing to export.",
		"caption":      "Monthly reports, %s: %d units, %d people. Submitted %d (signed %d), returned %d, missing %d, exempt %d.",
	},
}

// exportT is an /export text in the caller's language, else Chinese.
func (r *request) exportT(key string, args ...any) string {
	s, ok := exportTexts[r.lang][key]
	if !ok {
		s = exportTexts[LangZH][key]
	}
	return fmt.Sprintf(s, args...)
}

// runExport is /export [YYYY-MM] [UNIT]: the organization department gets
// the month's workbook (a summary, then one 公示 table per unit) as a
// file in its chat, with the same figures /reports shows.
func runExport(r *request) ([]telegram.Message, error) {
	if r.me.Role != models.RoleAdmin {
		return r.refuse("/export"), nil
	}
	p, unitName, err := r.viewArgs(r.in.args)
	if err != nil {
		return []telegram.Message{{Text: r.exportT("bad_month", esc(r.in.args))}}, nil
	}
	var unitID *int64
	if unitName != "" {
		u, err := r.tx.UnitByName(r.ctx, unitName)
		if errors.Is(err, models.ErrNotFound) {
			return []telegram.Message{{Text: r.exportT("unknown_unit", esc(unitName))}}, nil
		} else if err != nil {
			return nil, fmt.Errorf("export: find unit %q: %w", unitName, err)
		}
		unitID = &u.ID
	}
	return exportReports(r, p, unitID, unitName)
}

func exportReports(r *request, p models.Period, unitID *int64, unitName string) ([]telegram.Message, error) {
	rows, err := r.tx.Board(r.ctx, p, unitID)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if len(rows) == 0 {
		return []telegram.Message{{Text: r.exportT("empty", periodText(r.lang, p))}}, nil
	}
	items, err := r.tx.ItemsForPeriod(r.ctx, p, unitID)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var buf bytes.Buffer
	if err := export.ReportsXLSX(&buf, p, rows, items, r.loc); err != nil {
		return nil, fmt.Errorf("export %s: %w", p, err)
	}
	name := exportFileName(p, unitName)
	if err := r.tx.Audit(r.ctx, &r.me.ID, "export.reports", strings.TrimSpace(p.String()+" "+unitName), name); err != nil {
		return nil, err
	}
	doc := &telegram.Document{Name: name, Data: buf.Bytes(), Caption: r.exportCaption(p, rows)}
	return []telegram.Message{{Document: doc}}, nil
}

// exportFileName is 月度实绩-2026-11.xlsx, with the unit when there is one.
func exportFileName(p models.Period, unit string) string {
	name := "月度实绩-" + p.String()
	if unit != "" {
		name += "-" + strings.NewReplacer("/", "-", "\\", "-").Replace(unit)
	}
	return name + ".xlsx"
}

// exportCaption sums models.Tally over the units, like the summary sheet.
func (r *request) exportCaption(p models.Period, rows []models.BoardRow) string {
	ts := models.Tally(rows)
	var sum models.ReportTally
	for _, t := range ts {
		sum.Submitted += t.Submitted
		sum.Signed += t.Signed
		sum.Returned += t.Returned
		sum.Missing += t.Missing
		sum.Exempt += t.Exempt
	}
	return r.exportT("caption", periodText(r.lang, p), len(ts), len(rows),
		sum.Submitted, sum.Signed, sum.Returned, sum.Missing, sum.Exempt)
}
