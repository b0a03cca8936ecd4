package models

import (
	"slices"
)

// MinForQuartiles is the fewest cadres a group needs for quartiles: with
// fewer, a quartile would all but name the people behind it.
const MinForQuartiles = 5

// Where a value stands against its group's middle half (never a rank).
const (
	PlaceAbove = "above"
	PlaceNear  = "near"
	PlaceBelow = "below"
)

// Why a group has no quartiles.
const WhyTooFew = "too_few"

// Bench is an indicator beside its group's statistics.
type Bench struct {
	N         int // cadres with a value in the group
	Quartiles bool
	Why       string // when !Quartiles
	Q1        float64
	Median    float64
	Q3        float64
	Place     string // above / near / below the middle half; "" without quartiles
}

// CategoryStat is one indicator's statistics within a category and post
// class: what the export lists and the profile compares against.
type CategoryStat struct {
	Category  string
	Principal bool
	Key       string
	Bench
}

type benchGroup struct {
	principal bool
	key       string
}

// Benchmark compares every compared indicator of the profiles (one
// category) within its post class, and returns the statistics. It sets
// Bench on each indicator that has a value.
func Benchmark(ps []AnnualProfile) []CategoryStat {
	values := map[benchGroup][]float64{}
	var order []benchGroup
	for _, p := range ps {
		for _, s := range p.Sections {
			for _, in := range s.Indicators {
				if !in.Compare || !in.Has {
					continue
				}
				g := benchGroup{p.Principal, in.Key}
				if _, ok := values[g]; !ok {
					order = append(order, g)
				}
				values[g] = append(values[g], in.Value)
			}
		}
	}
	stats := map[benchGroup]Bench{}
	var out []CategoryStat
	for _, g := range order {
		b := groupStats(values[g])
		stats[g] = b
		cat := ""
		if len(ps) > 0 {
			cat = ps[0].Unit.Category
		}
		out = append(out, CategoryStat{Category: cat, Principal: g.principal, Key: g.key, Bench: b})
	}
	for i := range ps {
		for j := range ps[i].Sections {
			ins := ps[i].Sections[j].Indicators
			for k := range ins {
				if !ins[k].Compare || !ins[k].Has {
					continue
				}
				b := stats[benchGroup{ps[i].Principal, ins[k].Key}]
				b.Place = place(ins[k].Value, b)
				ins[k].Bench = &b
			}
		}
	}
	return out
}

func groupStats(vs []float64) Bench {
	b := Bench{N: len(vs)}
	if len(vs) < MinForQuartiles {
		b.Why = WhyTooFew
		return b
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	b.Quartiles = true
	b.Q1, b.Median, b.Q3 = round1(quantile(s, 0.25)), round1(quantile(s, 0.5)), round1(quantile(s, 0.75))
	return b
}

// quantile interpolates linearly between the sorted values (type 7, as
// spreadsheets' QUARTILE.INC does), so the export's figures can be checked
// in the spreadsheet itself.
func quantile(s []float64, q float64) float64 {
	pos := q * float64(len(s)-1)
	lo := int(pos)
	if lo+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[lo] + (pos-float64(lo))*(s[lo+1]-s[lo])
}

func place(v float64, b Bench) string {
	switch {
	case !b.Quartiles:
		return ""
	case v > b.Q3:
		return PlaceAbove
	case v < b.Q1:
		return PlaceBelow
	}
	return PlaceNear
}
