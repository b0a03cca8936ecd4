package models

// Annual benchmarking (年度对标研判): every cadre's year on one page. The
// profile is a list of sections, each computed for a whole category of
// units at once by one loader in a file of its own (annual_reports.go,
// annual_talks.go, …), so a county costs a few queries per category, not
// per cadre. Sources another part of Ganshi will own (the quarterly
// check-up, the competition, training hours, error-tolerance cases) have
// their loader already: it returns nil until the source is wired, and a
// section without a source reads "no data", never zero.
//
// To wire a source, replace the body of its one loader:
//
//	check-ups        annual_checkups.go    (*Store).annualCheckups
//	competition      annual_competition.go (*Store).annualCompetition
//	training hours   annual_training.go    (*Store).annualTraining
//	error tolerance  annual_tolerance.go   (*Store).annualTolerance
//	promotion guard  annual_guard.go       (*Store).OpenCheckupItems
//
// A wired loader returns a section for every cadre of the scope (a real
// zero is then a zero), built with the helpers below.

import (
	"context"
	"fmt"
	"time"
)

// Section keys, in the order the profile shows them.
const (
	AnnualReports     = "reports"
	AnnualQuantities  = "quantities"
	AnnualTalks       = "talks"
	AnnualCheckups    = "checkups"
	AnnualCompetition = "competition"
	AnnualTraining    = "training"
	AnnualTolerance   = "tolerance" // shown apart: 不影响评先评优
)

// Kinds of source a figure links to.
const (
	RefReport    = "report"
	RefItem      = "item"
	RefExemption = "exemption"
	RefTalk      = "talk"
	RefEvent     = "event"
	RefCheckup   = "checkup"   // an item of the reverse check-up list
	RefTraining  = "training"  // a training session
	RefTolerance = "tolerance" // an error-tolerance case
)

// SourceRef is one stored row a figure was computed from: the web page
// links it, the export lists it.
type SourceRef struct {
	Kind   string `json:"kind"`
	ID     int64  `json:"id"`
	Label  string `json:"label,omitempty"`  // the month "2026-03", a date
	Parent int64  `json:"parent,omitempty"` // an item's report
}

// Indicator is one figure of a profile.
type Indicator struct {
	Key     string      // texts: annual_ind_<Key>
	Value   float64     // meaningful only when Has
	Has     bool        // false: no data, never shown as zero
	Percent bool        // Value is a share 0–100
	Compare bool        // benchmarked within the category and post class
	Secret  bool        // confidential (talk records): admins only
	Sources []SourceRef // the rows behind it
	Bench   *Bench      // set by benchmarking when Compare
}

// AnnualLine is one line of detail: texts annual_line_<Key> with Args.
type AnnualLine struct {
	Key     string
	Args    []any
	Secret  bool
	Sources []SourceRef
}

// AnnualSection is one part of a profile.
type AnnualSection struct {
	Key        string
	Wired      bool // false: the source is not connected yet: "no data"
	Indicators []Indicator
	Lines      []AnnualLine
}

// Indicator finds an indicator by key.
func (s AnnualSection) Indicator(key string) (Indicator, bool) {
	for _, in := range s.Indicators {
		if in.Key == key {
			return in, true
		}
	}
	return Indicator{}, false
}

// UnitMonths is where a cadre reported during the year: a cadre who moved
// units has more than one.
type UnitMonths struct {
	UnitID   int64
	UnitName string
	Months   []string
}

// AnnualProfile is a cadre's year (精准画像、明细账).
type AnnualProfile struct {
	Year      int
	Cadre     Cadre
	Unit      Unit // the current unit: its category is the comparison group
	Principal bool // post class: the unit's principal, or another leader/cadre
	Units     []UnitMonths
	Sections  []AnnualSection
	Judgement *AnnualJudgement // nil: none recorded yet
}

// Moved tells whether the cadre reported from more than one unit.
func (p AnnualProfile) Moved() bool { return len(p.Units) > 1 }

// Section finds a section by key.
func (p AnnualProfile) Section(key string) (AnnualSection, bool) {
	for _, s := range p.Sections {
		if s.Key == key {
			return s, true
		}
	}
	return AnnualSection{}, false
}

// Redact leaves out what viewer may not read: talk records' flags and
// follow-ups are for the organization department only.
func (p AnnualProfile) Redact(viewer Cadre) AnnualProfile {
	if viewer.Active && viewer.Role == RoleAdmin {
		return p
	}
	out := p
	out.Sections = make([]AnnualSection, len(p.Sections))
	for i, s := range p.Sections {
		ns := AnnualSection{Key: s.Key, Wired: s.Wired}
		for _, in := range s.Indicators {
			if !in.Secret {
				ns.Indicators = append(ns.Indicators, in)
			}
		}
		for _, l := range s.Lines {
			if !l.Secret {
				ns.Lines = append(ns.Lines, l)
			}
		}
		out.Sections[i] = ns
	}
	return out
}

// annualLoader computes one section for every cadre of a scope. A nil
// map means the source is not wired: every cadre's section reads no data.
type annualLoader func(s *Store, ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error)

// annualSources is the profile's sections in order, one loader each.
var annualSources = []struct {
	key  string
	load annualLoader
}{
	{AnnualReports, (*Store).annualReports},
	{AnnualQuantities, (*Store).annualQuantities},
	{AnnualTalks, (*Store).annualTalks},
	{AnnualCheckups, (*Store).annualCheckups},
	{AnnualCompetition, (*Store).annualCompetition},
	{AnnualTraining, (*Store).annualTraining},
	{AnnualTolerance, (*Store).annualTolerance},
}

// AnnualSectionKeys lists the sections in order.
func AnnualSectionKeys() []string {
	out := make([]string, len(annualSources))
	for i, src := range annualSources {
		out[i] = src.key
	}
	return out
}

// CategoryProfiles computes the year's profile of every cadre in units of
// one category, benchmarked within it, with their judgements.
func (s *Store) CategoryProfiles(ctx context.Context, year int, category string, loc *time.Location) ([]AnnualProfile, []CategoryStat, error) {
	sc, err := s.newAnnualScope(ctx, year, category, loc)
	if err != nil {
		return nil, nil, err
	}
	out := make([]AnnualProfile, len(sc.cadres))
	for i, c := range sc.cadres {
		u := sc.units[*c.UnitID]
		out[i] = AnnualProfile{Year: year, Cadre: c, Unit: u, Principal: isPrincipal(c, u)}
	}
	for _, src := range annualSources {
		m, err := src.load(s, ctx, sc)
		if err != nil {
			return nil, nil, fmt.Errorf("annual %s of %q %d: %w", src.key, category, year, err)
		}
		for i := range out {
			sec, ok := m[out[i].Cadre.ID]
			if m == nil || !ok {
				sec = AnnualSection{Wired: m != nil}
			}
			sec.Key = src.key
			out[i].Sections = append(out[i].Sections, sec)
		}
	}
	for i := range out {
		out[i].Units = sc.unitMonths[out[i].Cadre.ID]
	}
	if err := s.attachJudgements(ctx, sc, out); err != nil {
		return nil, nil, err
	}
	stats := Benchmark(out)
	return out, stats, nil
}

// AnnualProfileOf is one cadre's profile, benchmarked within their
// category (which is computed whole: the statistics need it).
func (s *Store) AnnualProfileOf(ctx context.Context, cadreID int64, year int, loc *time.Location) (AnnualProfile, []CategoryStat, error) {
	c, err := s.GetCadre(ctx, cadreID)
	if err != nil {
		return AnnualProfile{}, nil, fmt.Errorf("annual profile of cadre %d: %w", cadreID, err)
	}
	if c.UnitID == nil {
		return AnnualProfile{}, nil, fmt.Errorf("annual profile of cadre %d: no unit: %w", cadreID, ErrNotFound)
	}
	u, err := s.GetUnit(ctx, *c.UnitID)
	if err != nil {
		return AnnualProfile{}, nil, fmt.Errorf("annual profile of cadre %d: %w", cadreID, err)
	}
	ps, stats, err := s.CategoryProfiles(ctx, year, u.Category, loc)
	if err != nil {
		return AnnualProfile{}, nil, err
	}
	for _, p := range ps {
		if p.Cadre.ID == cadreID {
			return p, stats, nil
		}
	}
	return AnnualProfile{}, nil, fmt.Errorf("annual profile of cadre %d: not in the roster's reporting roles: %w", cadreID, ErrNotFound)
}

// AnnualCategories lists the categories units are grouped in, in order.
func (s *Store) AnnualCategories(ctx context.Context) ([]string, error) {
	var cats []string
	if err := s.with(ctx).Model(&Unit{}).Distinct("category").Order("category").Pluck("category", &cats).Error; err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	return cats, nil
}

// isPrincipal is the post class: the unit's principal (or a leader) is
// compared with principals, everyone else with everyone else.
func isPrincipal(c Cadre, u Unit) bool {
	return c.Role == RoleLeader || (u.PrincipalID != nil && *u.PrincipalID == c.ID)
}

// wiredFor gives every cadre of the scope an empty wired section, for a
// loader to fill.
func (sc *annualScope) wiredFor() map[int64]AnnualSection {
	m := make(map[int64]AnnualSection, len(sc.cadres))
	for _, c := range sc.cadres {
		m[c.ID] = AnnualSection{Wired: true}
	}
	return m
}

// AnnualYearAt is the year a profile means by default at t: the year
// itself, or in January and February the one just ended (its reports of
// December are still coming in, and the round is judged then).
func AnnualYearAt(t time.Time, loc *time.Location) int {
	t = t.In(loc)
	if t.Month() <= time.February {
		return t.Year() - 1
	}
	return t.Year()
}
