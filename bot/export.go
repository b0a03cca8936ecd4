package bot

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
)

// runExport is /export [YYYY-MM] [UNIT]: the organization department gets
// the month's workbook (a summary, then one 公示 table per unit) as a
// file in its chat, with the same figures /reports shows.
func runExport(r *request) ([]telegram.Message, error) {
	if r.me.Role != models.RoleAdmin {
		return r.refuse("/export"), nil
	}
	p, unitName, err := r.viewArgs(r.in.args)
	if err != nil {
		return []telegram.Message{{Text: r.t("export_bad_month", esc(r.in.args))}}, nil
	}
	if out, err := r.viewMonth(p); out != nil || err != nil {
		return out, err
	}
	var unitID *int64
	if unitName != "" {
		u, err := r.tx.UnitByName(r.ctx, unitName)
		if errors.Is(err, models.ErrNotFound) {
			return []telegram.Message{{Text: r.t("export_unknown_unit", esc(unitName))}}, nil
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
		return []telegram.Message{{Text: r.t("export_empty", periodText(r.lang, p))}}, nil
	}
	items, err := r.tx.ItemsForPeriod(r.ctx, p, unitID)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var buf bytes.Buffer
	if err := sheets.ReportsXLSX(&buf, p, rows, items, r.loc); err != nil {
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
	return r.t("export_caption", periodText(r.lang, p), len(ts), len(rows),
		sum.Submitted, sum.Signed, sum.Returned, sum.Missing, sum.Exempt)
}
