package models

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// annualReport is the part of a report the year's count reads.
type annualReport struct {
	ID          int64
	CadreID     int64
	Period      string
	UnitID      int64
	SubmittedAt *time.Time
	Late        bool
}

// annualItem is the part of an item the year's count reads.
type annualItem struct {
	ID         int64
	ReportID   int64
	CadreID    int64
	Period     string
	Section    string
	Progress   string
	FromItemID *int64
	Figures    string
}

// annualItems reads the items of the scope's submitted reports (and
// December's before, whose plan January checks) once for every loader
// that needs them: the reports' counts and the quantities.
func (s *Store) annualItems(ctx context.Context, sc *annualScope) ([]annualItem, error) {
	if sc.items != nil {
		return sc.items, nil
	}
	its := []annualItem{}
	err := s.with(ctx).Table("report_items i").
		Select("i.id, i.report_id, r.cadre_id, r.period, i.section, i.progress, i.from_item_id, i.figures").
		Joins("JOIN reports r ON r.id = i.report_id").
		Where("r.cadre_id "+inScopeSQL, sc.category).
		Where("r.period BETWEEN ? AND ? AND r.submitted_at IS NOT NULL", fmt.Sprintf("%04d-12", sc.year-1), sc.yearTo()).
		Order("r.period, i.id").Find(&its).Error
	if err != nil {
		return nil, fmt.Errorf("report items: %w", err)
	}
	sc.items = its
	return its, nil
}

// annualReports is the monthly reports' part: months in scope, exempt
// (with reasons), due, on time, late, missing; achievement items; and how
// last month's plans went (the checklists). A month counts where it was
// reported: a cadre who moved has months in two units (sc.unitMonths).
func (s *Store) annualReports(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	var reps []annualReport
	err := s.with(ctx).Model(&Report{}).Select("id, cadre_id, period, unit_id, submitted_at, late").
		Where("cadre_id "+inScopeSQL, sc.category).
		Where("period BETWEEN ? AND ?", fmt.Sprintf("%04d-12", sc.year-1), sc.yearTo()).Find(&reps).Error
	if err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	var exs []Exemption
	err = s.with(ctx).Where("cadre_id "+inScopeSQL, sc.category).
		Where("period BETWEEN ? AND ?", sc.yearFrom(), sc.yearTo()).Order("period").Find(&exs).Error
	if err != nil {
		return nil, fmt.Errorf("exemptions: %w", err)
	}
	its, err := s.annualItems(ctx, sc)
	if err != nil {
		return nil, err
	}
	tolerated, _, err := s.toleratedLinks(ctx)
	if err != nil {
		return nil, err
	}
	byCadre := map[int64]*cadreYear{}
	for _, c := range sc.cadres {
		byCadre[c.ID] = &cadreYear{reports: map[int]annualReport{}, exempt: map[int]Exemption{}, tolerated: tolerated}
	}
	repByID := map[int64]annualReport{}
	for _, r := range reps {
		cy := byCadre[r.CadreID]
		if cy == nil || r.SubmittedAt == nil {
			continue
		}
		repByID[r.ID] = r
		cy.reports[monthIndex(r.Period, sc.year)] = r
	}
	for _, e := range exs {
		if cy := byCadre[e.CadreID]; cy != nil {
			cy.exempt[monthIndex(e.Period, sc.year)] = e
		}
	}
	for _, it := range its {
		if r, ok := repByID[it.ReportID]; ok {
			byCadre[r.CadreID].items = append(byCadre[r.CadreID].items, it)
		}
	}
	sc.unitMonths = map[int64][]UnitMonths{}
	out := sc.wiredFor()
	for _, c := range sc.cadres {
		cy := byCadre[c.ID]
		out[c.ID] = cy.section(sc, c)
		sc.unitMonths[c.ID] = cy.unitMonths(sc)
	}
	return out, nil
}

// cadreYear gathers one cadre's rows; months are indexed 0–11, and -1 is
// December of the year before (its plan is checked in January).
type cadreYear struct {
	reports   map[int]annualReport
	exempt    map[int]Exemption
	items     []annualItem
	tolerated map[int64]int64 // report → the case that cleared it (容错免责)
}

func monthIndex(period string, year int) int {
	p, err := ParsePeriod(period)
	if err != nil {
		return -99
	}
	return (p.Year-year)*12 + int(p.Month) - 1
}

func (cy *cadreYear) section(sc *annualScope, c Cadre) AnnualSection {
	inScope := sc.monthsInScope(c)
	var (
		sec                          = AnnualSection{Wired: true}
		scope, exempt, onTime, late  int
		cleared                      int
		onTimeRefs, lateRefs, exRefs []SourceRef
		missing                      []string
	)
	for m := range 12 {
		r, reported := cy.reports[m]
		e, isExempt := cy.exempt[m]
		if !inScope[m] && !reported && !isExempt {
			continue
		}
		scope++
		label := Period{sc.year, time.Month(m + 1)}.String()
		switch {
		case isExempt:
			exempt++
			exRefs = append(exRefs, SourceRef{Kind: RefExemption, ID: e.ID, Label: label})
			sec.Lines = append(sec.Lines, AnnualLine{Key: "exempt", Args: []any{label, e.Reason}, Sources: []SourceRef{{Kind: RefExemption, ID: e.ID, Label: label}}})
		case reported && r.Late && cy.tolerated[r.ID] != 0:
			// Late, but a case cleared it: not due, not late; shown apart.
			cleared++
			caseID := cy.tolerated[r.ID]
			sec.Lines = append(sec.Lines, AnnualLine{Key: "late_tolerated", Args: []any{label, caseID}, Secret: true,
				Sources: []SourceRef{{Kind: RefReport, ID: r.ID, Label: label}, {Kind: RefTolerance, ID: caseID}}})
		case reported && r.Late:
			late++
			lateRefs = append(lateRefs, SourceRef{Kind: RefReport, ID: r.ID, Label: label})
		case reported:
			onTime++
			onTimeRefs = append(onTimeRefs, SourceRef{Kind: RefReport, ID: r.ID, Label: label})
		default:
			missing = append(missing, label)
		}
	}
	due := scope - exempt - cleared
	sec.Indicators = []Indicator{
		count("months_due", due, nil),
		count("on_time", onTime, onTimeRefs),
		count("late", late, lateRefs),
		count("missing", len(missing), nil),
		count("exempt", exempt, exRefs),
		share("on_time_rate", onTime, due, onTimeRefs),
	}
	if len(missing) > 0 {
		sec.Lines = append(sec.Lines, AnnualLine{Key: "missing", Args: []any{strings.Join(missing, "、")}})
	}
	ach, refs := cy.achievements(sc)
	items := count("items", ach, refs)
	// Per month reported or due: a cleared month's items are still its
	// work, and its month counts with them.
	perMonth := Indicator{Key: "items_per_month", Compare: true, Sources: refs}
	if months := due + cleared; months > 0 {
		perMonth.Has, perMonth.Value = true, round1(float64(ach)/float64(months))
	}
	sec.Indicators = append(sec.Indicators, items, perMonth)
	sec.Indicators = append(sec.Indicators, cy.planCheck(sc)...)
	return sec
}

// achievements counts the year's achievement items, each report linked.
func (cy *cadreYear) achievements(sc *annualScope) (int, []SourceRef) {
	perReport := map[int64]int{}
	for _, it := range cy.items {
		if it.Section == SectionAchievement {
			perReport[it.ReportID]++
		}
	}
	n := 0
	var refs []SourceRef
	for m := range 12 {
		if r, ok := cy.reports[m]; ok && perReport[r.ID] > 0 {
			n += perReport[r.ID]
			refs = append(refs, SourceRef{Kind: RefReport, ID: r.ID, Label: r.Period})
		}
	}
	return n, refs
}

// planCheck is the plan-to-result rate: of last month's plan items each
// reported month had to answer, how many were done, partly done, not done
// (carried over into the next plan) or left unanswered.
func (cy *cadreYear) planCheck(sc *annualScope) []Indicator {
	plans := map[int64]annualItem{}
	idx := map[int64]int{}
	for m, r := range cy.reports {
		idx[r.ID] = m
	}
	for _, it := range cy.items {
		if it.Section == SectionPlan {
			plans[it.ID] = it
		}
	}
	var checked, done, partly, notDone int
	var refs []SourceRef
	answered := map[int64]string{}
	for _, it := range cy.items {
		if it.FromItemID != nil && idx[it.ReportID] >= 0 {
			answered[*it.FromItemID] = it.Progress
		}
	}
	for id, it := range plans {
		m := idx[it.ReportID]
		next, ok := cy.reports[m+1]
		if !ok || m+1 < 0 || m+1 > 11 {
			continue
		}
		checked++
		switch answered[id] {
		case ProgressDone:
			done++
		case ProgressPartly:
			partly++
		case ProgressNotDone:
			notDone++
		}
		refs = append(refs, SourceRef{Kind: RefItem, ID: id, Label: next.Period, Parent: it.ReportID})
	}
	sortRefs(refs)
	rate := share("plan_rate", done, checked, refs)
	return []Indicator{
		rate,
		count("plan_checked", checked, refs),
		count("plan_done", done, nil),
		count("plan_partly", partly, nil),
		count("plan_carried", notDone, nil),
		count("plan_unanswered", checked-done-partly-notDone, nil),
	}
}

func (cy *cadreYear) unitMonths(sc *annualScope) []UnitMonths {
	var out []UnitMonths
	for m := range 12 {
		r, ok := cy.reports[m]
		if !ok {
			continue
		}
		if n := len(out); n > 0 && out[n-1].UnitID == r.UnitID {
			out[n-1].Months = append(out[n-1].Months, r.Period)
			continue
		}
		out = append(out, UnitMonths{UnitID: r.UnitID, UnitName: sc.units[r.UnitID].Name, Months: []string{r.Period}})
	}
	return out
}

// count is a plain count: zero is a real zero here.
func count(key string, n int, refs []SourceRef) Indicator {
	return Indicator{Key: key, Value: float64(n), Has: true, Sources: refs}
}

// share is part/whole in percent, compared within the category; without
// a whole there is no share (no data, not 0%).
func share(key string, part, whole int, refs []SourceRef) Indicator {
	in := Indicator{Key: key, Percent: true, Compare: true, Sources: refs}
	if whole > 0 {
		in.Has, in.Value = true, round1(100*float64(part)/float64(whole))
	}
	return in
}
