package models

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ganshi/ganshi/models/items"
)

// annualQuantities sums the quantities the year's achievement items state,
// by unit of measure, each sum with the items behind it. Money is brought
// to 万元 (亿元 × 10,000, 元 ÷ 10,000) so months written either way add
// up; lengths to 公里, areas to 平方米. Shares (92%) are not summed.
func (s *Store) annualQuantities(ctx context.Context, sc *annualScope) (map[int64]AnnualSection, error) {
	rows, err := s.annualItems(ctx, sc)
	if err != nil {
		return nil, err
	}
	from, to := sc.yearFrom(), sc.yearTo()
	sums := map[int64]map[string]*quantity{}
	for _, r := range rows {
		if r.Section != SectionAchievement || r.Figures == "" || r.Period < from || r.Period > to {
			continue
		}
		var fs []items.Figure
		if err := json.Unmarshal([]byte(r.Figures), &fs); err != nil {
			continue // written by figuresJSON; an unreadable row adds nothing
		}
		for _, f := range fs {
			v, unit, ok := NormalizeQuantity(f)
			if !ok {
				continue
			}
			m := sums[r.CadreID]
			if m == nil {
				m = map[string]*quantity{}
				sums[r.CadreID] = m
			}
			q := m[unit]
			if q == nil {
				q = &quantity{}
				m[unit] = q
			}
			q.total += v
			if n := len(q.refs); n == 0 || q.refs[n-1].ID != r.ID {
				q.refs = append(q.refs, SourceRef{Kind: RefItem, ID: r.ID, Label: r.Period, Parent: r.ReportID})
			}
		}
	}
	out := sc.wiredFor()
	for _, c := range sc.cadres {
		sec := AnnualSection{Wired: true}
		units := make([]string, 0, len(sums[c.ID]))
		for u := range sums[c.ID] {
			units = append(units, u)
		}
		slices.Sort(units)
		for _, u := range units {
			q := sums[c.ID][u]
			sec.Lines = append(sec.Lines, AnnualLine{Key: "quantity", Args: []any{formatQty(q.total), u, len(q.refs)}, Sources: q.refs})
		}
		out[c.ID] = sec
	}
	return out, nil
}

type quantity struct {
	total float64
	refs  []SourceRef
}

// quantityUnits brings spellings of one measure to one unit.
var quantityUnits = map[string]struct {
	unit   string
	factor float64
}{
	"元": {"万元", 1e-4}, "亿元": {"万元", 1e4}, "万元": {"万元", 1},
	"千米": {"公里", 1}, "km": {"公里", 1}, "㎞": {"公里", 1}, "m": {"米", 1},
	"平米": {"平方米", 1}, "㎡": {"平方米", 1}, "m²": {"平方米", 1},
	"平方千米": {"平方公里", 1}, "kg": {"千克", 1}, "㎏": {"千克", 1}, "公斤": {"千克", 1},
	"m³": {"立方米", 1}, "㎥": {"立方米", 1},
}

// NormalizeQuantity brings a figure to the unit its sum is kept in: 3亿元
// is 30000 万元, 5000元 is 0.5 万元, 3千米 is 3 公里. Shares and bare
// numbers are not quantities.
func NormalizeQuantity(f items.Figure) (float64, string, bool) {
	u := strings.TrimSpace(f.Unit)
	if f.Percent || u == "" || strings.Contains(u, "百分点") {
		return 0, "", false
	}
	if n, ok := quantityUnits[u]; ok {
		return f.Value * n.factor, n.unit, true
	}
	for _, cur := range []string{"美元", "欧元", "港元"} {
		switch u {
		case cur:
			return f.Value * 1e-4, "万" + cur, true
		case "亿" + cur:
			return f.Value * 1e4, "万" + cur, true
		}
	}
	return f.Value, u, true
}

// formatQty writes a sum without float noise: 30000.5, 12, 0.35.
func formatQty(v float64) string {
	v = math.Round(v*100) / 100
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func sortRefs(refs []SourceRef) {
	slices.SortFunc(refs, func(a, b SourceRef) int {
		if c := strings.Compare(a.Label, b.Label); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
}
