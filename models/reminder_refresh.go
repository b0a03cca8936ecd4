package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// RefreshReportReminder re-checks a report reminder at send time: it
// lapses once the cadre no longer owes the report (submitted, signed,
// exempt, no longer reporting) or no longer reads the chat; otherwise what
// is missing, the deadline (under the current rule and calendar), the
// stage, the name and the language are those of now. Five small queries.
func (s *Store) RefreshReportReminder(ctx context.Context, rc Recheck, p ReportReminder) (ReportReminder, error) {
	period, err := ParsePeriod(p.Period)
	if err != nil {
		return p, fmt.Errorf("report reminder: %w", err)
	}
	c, err := s.reader(ctx, p.CadreID, rc.ChatID)
	if err != nil {
		return p, err
	}
	row, err := s.BoardRowOf(ctx, period, c.ID)
	if errors.Is(err, ErrNotFound) {
		return p, lapsed("the cadre no longer reports")
	} else if err != nil {
		return p, err
	}
	if !row.Owing() {
		return p, lapsed("the report is " + row.State())
	}
	var sections map[string]int64
	if row.ReportID != nil {
		if sections, err = s.countSections(ctx, *row.ReportID); err != nil {
			return p, fmt.Errorf("sections of report %d: %w", *row.ReportID, err)
		}
	}
	due, err := s.DueAt(ctx, period, rc.Loc)
	if err != nil {
		return p, err
	}
	p.CadreID, p.Name, p.Lang = c.ID, c.Name, c.Lang
	p.Missing, p.ReportID, p.DueAt = row.Missing(sections), deref(row.ReportID), due
	p.Stage = StageAt(s.Now(), due, rc.Loc)
	return p, nil
}

// StageAt is what a reminder read at now says of the deadline due: still
// ahead, today, or passed; so a reminder held past its day, or whose
// deadline moved, still tells the truth.
func StageAt(now, due time.Time, loc *time.Location) string {
	n, d := now.In(loc), due.In(loc)
	switch {
	case now.After(due):
		return StageOverdue
	case n.Year() == d.Year() && n.YearDay() == d.YearDay():
		return StageDueDay
	}
	return StageBefore
}

// RefreshReportMissing re-checks the principal's list of who has still
// not reported: it lists those who owe now and lapses when nobody does,
// or when the reader no longer leads the unit. Five small queries (the
// board of one unit among them).
func (s *Store) RefreshReportMissing(ctx context.Context, rc Recheck, p ReportMissing) (ReportMissing, error) {
	period, err := ParsePeriod(p.Period)
	if err != nil {
		return p, fmt.Errorf("missing list: %w", err)
	}
	u, err := s.missingListUnit(ctx, p)
	if err != nil {
		return p, err
	}
	c, err := s.reader(ctx, p.ReaderID, rc.ChatID)
	if err != nil {
		return p, err
	}
	if c.Role != RoleLeader || !c.MayActOnUnit(u.ID) {
		return p, lapsed("the reader no longer leads the unit")
	}
	rows, err := s.Board(ctx, period, &u.ID)
	if err != nil {
		return p, err
	}
	var names []string
	for _, r := range rows {
		if r.ToldToPrincipal() {
			names = append(names, r.Name)
		}
	}
	if len(names) == 0 {
		return p, lapsed("everyone in the unit has reported or is exempt")
	}
	due, err := s.DueAt(ctx, period, rc.Loc)
	if err != nil {
		return p, err
	}
	p.ReaderID, p.UnitID, p.Unit, p.Lang, p.Names, p.DueAt = c.ID, u.ID, u.Name, c.Lang, names, due
	return p, nil
}

// missingListUnit is the unit a missing list is about; older payloads
// name it only.
func (s *Store) missingListUnit(ctx context.Context, p ReportMissing) (Unit, error) {
	var (
		u   Unit
		err error
	)
	if p.UnitID != 0 {
		u, err = s.GetUnit(ctx, p.UnitID)
	} else {
		u, err = s.UnitByName(ctx, p.Unit)
	}
	if errors.Is(err, ErrNotFound) {
		return u, lapsed("the unit no longer exists")
	} else if err != nil {
		return u, fmt.Errorf("unit of a missing list: %w", err)
	}
	return u, nil
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
