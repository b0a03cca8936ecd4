package models

import (
	"context"
	"fmt"
	"time"
)

// annualScope is what every section loader shares: the cadres of one
// category for one year, their units, and the months each was due.
type annualScope struct {
	year     int
	category string
	loc      *time.Location
	now      time.Time
	cadres   []Cadre
	index    map[int64]int
	units    map[int64]Unit // every unit, the ones moved from too
	due      [12]time.Time  // each month's deadline under the current rule
	// filled by annualReports: where each month was reported
	unitMonths map[int64][]UnitMonths
	items      []annualItem // read once (annualItems)
}

// inScope is the SQL condition "column is a cadre of the scope's
// category", with its argument: loaders filter by category, never by a
// list of ids, so a query costs the same for 20 cadres or 20,000.
const inScopeSQL = "IN (SELECT c.id FROM cadres c JOIN units u ON u.id = c.unit_id WHERE u.category = ? AND c.role IN ('cadre', 'leader'))"

func (sc *annualScope) yearFrom() string { return fmt.Sprintf("%04d-01", sc.year) }
func (sc *annualScope) yearTo() string   { return fmt.Sprintf("%04d-12", sc.year) }

func (s *Store) newAnnualScope(ctx context.Context, year int, category string, loc *time.Location) (*annualScope, error) {
	if year < 2000 || year > 2100 {
		return nil, fmt.Errorf("annual profiles: year %d is out of range", year)
	}
	sc := &annualScope{year: year, category: category, loc: loc, now: s.Now(), index: map[int64]int{}, units: map[int64]Unit{}}
	var units []Unit
	if err := s.with(ctx).Find(&units).Error; err != nil {
		return nil, fmt.Errorf("annual scope: units: %w", err)
	}
	for _, u := range units {
		sc.units[u.ID] = u
	}
	// Active cadres, and those who left but reported this year.
	err := s.with(ctx).Table("cadres").Where("id "+inScopeSQL, category).
		Where("active OR EXISTS (SELECT 1 FROM reports r WHERE r.cadre_id = cadres.id AND r.period BETWEEN ? AND ?)", sc.yearFrom(), sc.yearTo()).
		Order("id").Find(&sc.cadres).Error
	if err != nil {
		return nil, fmt.Errorf("annual scope: cadres of %q: %w", category, err)
	}
	for i, c := range sc.cadres {
		sc.index[c.ID] = i
	}
	if err := s.annualDeadlines(ctx, sc); err != nil {
		return nil, err
	}
	return sc, nil
}

// annualDeadlines computes the twelve deadlines from one read of the rule
// and one of the calendar.
func (s *Store) annualDeadlines(ctx context.Context, sc *annualScope) error {
	rule, err := s.DueRuleNow(ctx)
	if err != nil {
		return fmt.Errorf("annual deadlines: %w", err)
	}
	var days []CalendarDay
	err = s.with(ctx).Where("date >= ? AND date <= ?", fmt.Sprintf("%04d-01-01", sc.year), fmt.Sprintf("%04d-02-28", sc.year+1)).Find(&days).Error
	if err != nil {
		return fmt.Errorf("annual deadlines: calendar: %w", err)
	}
	cal := NewHolidayCalendar(days)
	for m := range 12 {
		sc.due[m] = rule.Due(Period{sc.year, time.Month(m + 1)}, sc.loc, cal)
	}
	return nil
}

// monthsInScope are the months a cadre had to report or be exempted
// for: from January, or the month they joined the roster, to the last
// month whose deadline has passed. A cadre no longer on the roster owes
// only the months they reported or were exempted in (the roster keeps no
// leaving date).
func (sc *annualScope) monthsInScope(c Cadre) []bool {
	var in [12]bool
	if !c.Active {
		return in[:]
	}
	joined := c.CreatedAt.In(sc.loc)
	first := 0
	switch {
	case joined.Year() > sc.year:
		return in[:]
	case joined.Year() == sc.year:
		first = int(joined.Month()) - 1
	}
	for m := first; m < 12; m++ {
		if !sc.due[m].After(sc.now) {
			in[m] = true
		}
	}
	return in[:]
}
