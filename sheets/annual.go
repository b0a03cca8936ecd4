package sheets

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// statsSheet lists every category's statistics; it comes first.
const statsSheet = "类别统计"

// AnnualWorkbook is the annual benchmarking export (年度对标研判): a sheet
// of category statistics, then a sheet per unit with one row per cadre,
// every indicator (compared ones with where they stand) and the
// judgement. Categories are added one at a time (models.CategoryProfiles)
// and each unit sheet is streamed, so a county is never held whole.
type AnnualWorkbook struct {
	f      *excelize.File
	st     styles
	year   int
	names  sheetNames
	statsN int // rows written to the statistics sheet
}

// NewAnnualWorkbook starts the workbook for a year.
func NewAnnualWorkbook(year int) (*AnnualWorkbook, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("annual workbook styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", statsSheet); err != nil {
		f.Close()
		return nil, err
	}
	aw := &AnnualWorkbook{f: f, st: st, year: year, names: newSheetNames(statsSheet)}
	head := []any{"类别", "岗位类别", "指标", "人数", "下四分位数", "中位数", "上四分位数", "说明"}
	if err := f.SetSheetRow(statsSheet, "A1", &head); err != nil {
		return nil, err
	}
	aw.statsN = 1
	return aw, nil
}

// AddCategory writes a category's statistics and its units' sheets.
func (aw *AnnualWorkbook) AddCategory(category string, ps []models.AnnualProfile, stats []models.CategoryStat) error {
	for _, s := range stats {
		row := []any{orUnsorted(category), postClass(s.Principal), texts.T(texts.ZH, "annual_ind_"+s.Key), s.N}
		if s.Quartiles {
			row = append(row, s.Q1, s.Median, s.Q3, "")
		} else {
			row = append(row, "", "", "", texts.T(texts.ZH, "annual_bench_few", postClass(s.Principal), s.N))
		}
		aw.statsN++
		cell, _ := excelize.CoordinatesToCellName(1, aw.statsN)
		if err := aw.f.SetSheetRow(statsSheet, cell, &row); err != nil {
			return err
		}
	}
	cols := annualColumns(ps)
	var unit []models.AnnualProfile
	flush := func() error {
		if len(unit) == 0 {
			return nil
		}
		err := aw.unitSheet(unit, cols)
		unit = nil
		return err
	}
	for _, p := range sortByUnit(ps) {
		if len(unit) > 0 && unit[0].Unit.ID != p.Unit.ID {
			if err := flush(); err != nil {
				return err
			}
		}
		unit = append(unit, p)
	}
	return flush()
}

// WriteTo finishes the workbook.
func (aw *AnnualWorkbook) WriteTo(w io.Writer) (int64, error) {
	defer aw.f.Close()
	aw.f.SetActiveSheet(0)
	return aw.f.WriteTo(w)
}

func postClass(principal bool) string {
	if principal {
		return texts.T(texts.ZH, "annual_post_principal")
	}
	return texts.T(texts.ZH, "annual_post_other")
}

// annualColumn is an indicator (key set) or a section's detail lines.
type annualColumn struct {
	key, section string
	compare      bool
}

// annualColumns are the indicators the category's profiles have, in
// section order, then each section's details: a source wired later adds
// its columns by itself.
func annualColumns(ps []models.AnnualProfile) []annualColumn {
	var out []annualColumn
	seen := map[string]bool{}
	for _, sec := range models.AnnualSectionKeys() {
		for _, p := range ps {
			s, _ := p.Section(sec)
			for _, in := range s.Indicators {
				if !seen[in.Key] {
					seen[in.Key] = true
					out = append(out, annualColumn{key: in.Key, section: sec, compare: in.Compare})
				}
			}
		}
		out = append(out, annualColumn{section: sec})
	}
	return out
}

func sortByUnit(ps []models.AnnualProfile) []models.AnnualProfile {
	out := make([]models.AnnualProfile, len(ps))
	copy(out, ps)
	// stable: within a unit, the order CategoryProfiles gave
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j-1].Unit.Name > out[j].Unit.Name; j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

func (aw *AnnualWorkbook) unitSheet(ps []models.AnnualProfile, cols []annualColumn) error {
	sheet := aw.names.add(ps[0].Unit.Name)
	if _, err := aw.f.NewSheet(sheet); err != nil {
		return err
	}
	sw, err := aw.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	t := func(key string, args ...any) string { return texts.T(texts.ZH, key, args...) }
	head := []any{"姓名", "职务", "岗位类别", "年内调动"}
	for _, c := range cols {
		switch {
		case c.key == "":
			head = append(head, t("annual_sec_"+c.section))
		case c.compare:
			head = append(head, t("annual_ind_"+c.key), t("annual_ind_"+c.key)+"（同类对标）")
		default:
			head = append(head, t("annual_ind_"+c.key))
		}
	}
	head = append(head, "主要负责同志评价", "等次", "使用建议", "理由", "确认")
	for i := range head {
		head[i] = excelize.Cell{StyleID: aw.st.header, Value: head[i]}
	}
	title := fmt.Sprintf("%s%d年度干部实绩对标研判表", ps[0].Unit.Name, aw.year)
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: aw.st.title, Value: title}}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", head); err != nil {
		return err
	}
	for i, p := range ps {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(cell, aw.cadreRow(p, cols)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (aw *AnnualWorkbook) cadreRow(p models.AnnualProfile, cols []annualColumn) []any {
	v := p.View(texts.ZH)
	text := func(s string) any { return excelize.Cell{StyleID: aw.st.text, Value: defuse(s)} }
	row := []any{text(p.Cadre.Name), text(p.Cadre.Position), text(postClass(p.Principal)), text(v.Moved)}
	for _, c := range cols {
		s, _ := p.Section(c.section)
		sv := sectionView(v, c.section)
		if c.key == "" {
			row = append(row, text(sectionDetails(sv)))
			continue
		}
		in, ok := s.Indicator(c.key)
		switch {
		case !s.Wired || !ok || !in.Has:
			row = append(row, text(texts.T(texts.ZH, "annual_nodata")))
		default:
			row = append(row, excelize.Cell{StyleID: aw.st.number, Value: in.Value})
		}
		if c.compare {
			bench := ""
			for _, r := range sv.Rows {
				if r.Key == c.key {
					bench = r.Bench
				}
			}
			row = append(row, text(bench))
		}
	}
	j := p.Judgement
	if j == nil {
		j = &models.AnnualJudgement{}
	}
	grade, use, confirmed := "", "", "否"
	if j.Grade != "" {
		grade, use = texts.T(texts.ZH, "annual_grade_"+j.Grade), texts.T(texts.ZH, "annual_use_"+j.Use)
	}
	if j.Confirmed {
		confirmed = "是"
	}
	return append(row, text(j.Assessment), text(grade), text(use), text(j.Rationale), text(confirmed))
}

func sectionView(v models.AnnualView, key string) models.SectionView {
	for _, s := range v.Sections {
		if s.Key == key {
			return s
		}
	}
	return models.SectionView{}
}

// sectionDetails is a section's lines in one cell, or why there are none.
func sectionDetails(s models.SectionView) string {
	if s.NoData != "" {
		return s.NoData
	}
	var parts []string
	for _, l := range s.Lines {
		parts = append(parts, l.Text)
	}
	if s.Note != "" {
		parts = append(parts, s.Note)
	}
	return strings.Join(parts, "；")
}
