package models

import (
	"context"
	"fmt"
)

// BoardTally is Tally(Board(p, nil)) counted by the database: the same
// rows, the same rules, the same order, without loading every cadre of the
// county into memory. The web console's 总览 reads it; TestBoardTally
// holds it equal to Tally over the board, which /reports, the digests and
// the export read, so every figure agrees wherever it is shown.
func (s *Store) BoardTally(ctx context.Context, p Period) ([]ReportTally, error) {
	// The CASE arms follow BoardRow.State and ReportTally.count: an
	// exemption wins over any report and is apart from Due; the parts of
	// Due counted here are signed on time or late (a NULL late is on time,
	// as count reads it), awaiting and returned; the rest of Due is missing
	// — no report, a draft, or a report reopened after signing. Six sums,
	// not one per field: each is paid on every cadre of the county, and
	// the others follow from them (tallied).
	const sel = `u.id AS unit_id, u.name AS unit_name, u.category,
		COUNT(*) AS board,
		SUM(CASE WHEN e.id IS NULL AND r.status = 'signed' AND (r.late IS NULL OR NOT r.late) THEN 1 ELSE 0 END) AS signed_on_time,
		SUM(CASE WHEN e.id IS NULL AND r.status = 'signed' AND r.late THEN 1 ELSE 0 END) AS signed_late,
		SUM(CASE WHEN e.id IS NULL AND r.status = 'submitted' THEN 1 ELSE 0 END) AS awaiting,
		SUM(CASE WHEN e.id IS NULL AND r.status = 'returned' THEN 1 ELSE 0 END) AS returned,
		SUM(CASE WHEN e.id IS NOT NULL THEN 1 ELSE 0 END) AS exempt`
	var rows []struct {
		ReportTally
		Board int
	}
	err := s.with(ctx).Table("cadres c").Select(sel).
		Joins("JOIN units u ON u.id = c.unit_id").
		Joins("LEFT JOIN "+s.tallyReports()+" ON r.cadre_id = c.id AND r.period = ?", p.String()).
		Joins("LEFT JOIN exemptions e ON e.cadre_id = c.id AND e.period = ?", p.String()).
		Where("(c.active OR r.id IS NOT NULL) AND c.role IN ?", []string{RoleCadre, RoleLeader}).
		Group("u.id, u.name, u.category").Order("u.category, u.name").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("tally the board for %s: %w", p, err)
	}
	out := make([]ReportTally, len(rows))
	for i, r := range rows {
		out[i] = r.tallied(r.Board)
	}
	return out, nil
}

// tallyReports names the reports for BoardTally. SQLite, without
// statistics, prefers the unique (cadre, period) index, which sends every
// cadre's row to the table for its state; the covering index of migration
// 16 answers from the index alone (−15 % at 100,000 cadres). PostgreSQL
// chooses by cost and has no INDEXED BY.
func (s *Store) tallyReports() string {
	if s.IsPostgres() {
		return "reports r"
	}
	return "reports r INDEXED BY idx_reports_tally"
}

// tallied completes a tally whose board has n rows from its counted parts:
// Due is everyone not exempt, Missing the rest of Due, Signed and
// Submitted the sums ReportTally names.
func (t ReportTally) tallied(n int) ReportTally {
	t.Due = n - t.Exempt
	t.Signed = t.SignedOnTime + t.SignedLate
	t.Submitted = t.Signed + t.Awaiting
	t.Missing = t.Due - t.Submitted - t.Returned
	return t
}

// CategoryTally is the sum of one category's unit tallies.
type CategoryTally struct {
	Category string
	Units    int
	ReportTally
}

// ByCategory sums unit tallies per category, keeping their order, and
// returns the county's total as well.
func ByCategory(ts []ReportTally) ([]CategoryTally, ReportTally) {
	var (
		out   []CategoryTally
		total ReportTally
	)
	for _, t := range ts {
		total = total.Add(t)
		if n := len(out); n > 0 && out[n-1].Category == t.Category {
			out[n-1].Units++
			out[n-1].ReportTally = out[n-1].ReportTally.Add(t)
			continue
		}
		sum := ReportTally{Category: t.Category}.Add(t)
		out = append(out, CategoryTally{Category: t.Category, Units: 1, ReportTally: sum})
	}
	return out, total
}

// Coverage is how many of each unit's active cadres the bot reaches, in
// the board's unit order: the roster page's figures, from one query.
func (s *Store) Coverage(ctx context.Context) ([]UnitCoverage, error) {
	return s.coverage(ctx)
}
