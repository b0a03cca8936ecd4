package models

import (
	"github.com/ganshi/ganshi/texts"
)

// AnnualView is a profile said in one language: what the chat reply, the
// printable page and the export all show, so the three agree.
type AnnualView struct {
	Title     string
	Head      string
	Moved     string // "" unless the cadre moved units
	Sections  []SectionView
	Judgement []string
}

// SectionView is one section said in a language.
type SectionView struct {
	Key    string
	Title  string
	NoData string // set when the source is not connected
	Note   string // the tolerance rule
	Rows   []RowView
	Lines  []LineView
}

// RowView is one indicator: label, value and, when compared, where it
// stands in the category.
type RowView struct {
	Key     string
	Label   string
	Value   string
	Bench   string
	Place   string
	Sources []SourceRef
}

// LineView is one line of detail.
type LineView struct {
	Text    string
	Sources []SourceRef
}

// View says the profile in lang.
func (p AnnualProfile) View(lang string) AnnualView {
	t := func(key string, args ...any) string { return texts.T(lang, key, args...) }
	post := t("annual_post_other")
	if p.Principal {
		post = t("annual_post_principal")
	}
	cat := p.Unit.Category
	if cat == "" {
		cat = t("annual_no_category")
	}
	v := AnnualView{Title: t("annual_title", p.Cadre.Name, p.Year), Head: t("annual_head", p.Unit.Name, cat, post)}
	if p.Moved() {
		var parts texts.List
		for _, u := range p.Units {
			parts = append(parts, t("annual_moved_part", u.UnitName, len(u.Months), u.Months[0], u.Months[len(u.Months)-1]))
		}
		v.Moved = t("annual_moved", parts)
	}
	for _, s := range p.Sections {
		sv := SectionView{Key: s.Key, Title: t("annual_sec_" + s.Key)}
		if s.Key == AnnualTolerance {
			sv.Note = t("annual_tolerance_rule")
		}
		if !s.Wired {
			sv.NoData = t("annual_nodata")
		}
		for _, in := range s.Indicators {
			sv.Rows = append(sv.Rows, indicatorView(lang, in, post))
		}
		for _, l := range s.Lines {
			sv.Lines = append(sv.Lines, LineView{Text: t("annual_line_"+l.Key, unitWords(lang, l)...), Sources: l.Sources})
		}
		if s.Key == AnnualQuantities && s.Wired && len(s.Lines) == 0 {
			sv.Lines = append(sv.Lines, LineView{Text: t("annual_no_quantities")})
		}
		v.Sections = append(v.Sections, sv)
	}
	v.Judgement = judgementView(lang, p.Judgement)
	return v
}

func indicatorView(lang string, in Indicator, post string) RowView {
	r := RowView{Key: in.Key, Label: texts.T(lang, "annual_ind_"+in.Key), Value: texts.T(lang, "annual_nodata"), Sources: in.Sources}
	if in.Has {
		r.Value = FormatIndicator(in)
	}
	if b := in.Bench; b != nil {
		if b.Quartiles {
			r.Bench = texts.T(lang, "annual_bench", post, fmtValue(b.Median, in.Percent), fmtValue(b.Q1, in.Percent),
				fmtValue(b.Q3, in.Percent), b.N, texts.T(lang, "annual_place_"+b.Place))
			r.Place = b.Place
		} else {
			r.Bench = texts.T(lang, "annual_bench_few", post, b.N)
		}
	}
	return r
}

// FormatIndicator writes a value as the profile shows it: 18.2%, 6, 2.5.
func FormatIndicator(in Indicator) string { return fmtValue(in.Value, in.Percent) }

func fmtValue(v float64, percent bool) string {
	if percent {
		return formatQty(v) + "%"
	}
	return formatQty(v)
}

func judgementView(lang string, j *AnnualJudgement) []string {
	t := func(key string, args ...any) string { return texts.T(lang, key, args...) }
	if j == nil {
		return []string{t("annual_no_assessment"), t("annual_no_grade")}
	}
	var out []string
	if j.Assessment != "" {
		out = append(out, t("annual_assessment", j.Assessment))
	} else {
		out = append(out, t("annual_no_assessment"))
	}
	if j.Grade == "" {
		return append(out, t("annual_no_grade"))
	}
	out = append(out, t("annual_grade_line", t("annual_grade_"+j.Grade), t("annual_use_"+j.Use), j.Rationale))
	if j.Confirmed && j.ConfirmedAt != nil {
		out = append(out, t("annual_confirmed", j.ConfirmedAt.Format("2006-01-02")))
	} else {
		out = append(out, t("annual_unconfirmed"))
	}
	if j.Corrections > 0 {
		out = append(out, t("annual_corrected", j.Corrections))
	}
	if j.Override != "" {
		out = append(out, t("annual_override", j.Override))
	}
	return out
}

// unitWords says a quantity's unit of measure in lang (qty_<unit> in the
// catalog; a unit it does not know stays as the cadre wrote it).
func unitWords(lang string, l AnnualLine) []any {
	if l.Key != "quantity" || len(l.Args) < 2 {
		return l.Args
	}
	u, _ := l.Args[1].(string)
	if !texts.Has("qty_" + u) {
		return l.Args
	}
	args := append([]any(nil), l.Args...)
	args[1] = texts.T(lang, "qty_"+u)
	return args
}
