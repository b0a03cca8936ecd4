package models

import (
	"context"
	"fmt"
)

// ItemsForPeriod lists every item of every report of p, grouped by report
// id, achievements first and then in order. unitID limits it to the
// cadres of one unit, as Board does, so the map matches the board's
// ReportIDs. One query whatever the number of units: the export of a
// county reads 2,000 reports at once.
func (s *Store) ItemsForPeriod(ctx context.Context, p Period, unitID *int64) (map[int64][]ReportItem, error) {
	q := s.with(ctx).Model(&ReportItem{}).Select("report_items.*").
		Joins("JOIN reports r ON r.id = report_items.report_id").
		Where("r.period = ?", p.String()).
		Order("report_items.report_id, CASE report_items.section WHEN 'achievement' THEN 0 ELSE 1 END, report_items.seq")
	if unitID != nil {
		// The board places a cadre by their current unit, not by the unit
		// the report was opened in; filter the same way.
		q = q.Joins("JOIN cadres c ON c.id = r.cadre_id").Where("c.unit_id = ?", *unitID)
	}
	var its []ReportItem
	if err := q.Find(&its).Error; err != nil {
		return nil, fmt.Errorf("items of reports for %s: %w", p, err)
	}
	out := make(map[int64][]ReportItem)
	for _, it := range its {
		out[it.ReportID] = append(out[it.ReportID], it)
	}
	return out, nil
}
