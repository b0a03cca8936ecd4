package sheets

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// Labels of the check-up, as the county's forms write them.
var (
	sourceLabels = map[string]string{models.SrcPrincipal: "主要领导点", models.SrcColleague: "干部群众议",
		models.SrcPublic: "服务对象评", models.SrcDepartment: "职能部门析", models.SrcOrg: "组织部门审"}
	dispLabels = map[string]string{models.DispTalk: "提醒谈话", models.DispInquiry: "函询", models.DispAdmonish: "诫勉",
		models.DispWatch: "持续关注", models.DispReject: "不予采纳", "": "不予处理"}
	itemStateLabels = map[string]string{models.ItemOpen: "未销号", models.ItemResolved: "已整改销号",
		models.ItemRejected: "不予采纳", models.ItemDismissed: "不予处理"}
	sevLabels = map[string]string{models.SevRemind: "提醒", models.SevWarn: "警示", models.SevSerious: "严重"}
)

const listSheet = "反向体检清单"

// ReviewXLSX writes a round's workbook: a summary by unit and dimension
// (counts, never a ranking), the 反向体检清单, then a 体检表 per unit —
// each cadre × dimension × source, with what was said and the promotion
// guard. Colleagues' column stays "—" where fewer than three answered.
func ReviewXLSX(w io.Writer, ex models.ReviewExport, loc *time.Location) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close check-up workbook: %w", cerr)
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), summarySheet); err != nil {
		return err
	}
	if err := reviewSummary(f, ex); err != nil {
		return fmt.Errorf("write check-up summary: %w", err)
	}
	if _, err := f.NewSheet(listSheet); err != nil {
		return err
	}
	if err := reviewList(f, ex, loc); err != nil {
		return fmt.Errorf("write reverse check-up list: %w", err)
	}
	names := newSheetNames(summarySheet, listSheet)
	for _, u := range ex.Units {
		sheet := names.add(u.Unit.Name)
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		if err := reviewUnitSheet(f, sheet, ex.Round, u); err != nil {
			return fmt.Errorf("write 体检表 of %s: %w", u.Unit.Name, err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write check-up workbook: %w", err)
	}
	return nil
}

func putRows(f *excelize.File, sheet string, rows [][]any, widths []float64) error {
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &rows[i]); err != nil {
			return err
		}
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}

func reviewSummary(f *excelize.File, ex models.ReviewExport) error {
	head := []any{"单位", "参加人数"}
	for _, d := range models.ReviewDims {
		head = append(head, models.DimZH(d)+"·有反映", models.DimZH(d)+"·多方印证")
	}
	head = append(head, "有未销号清单人数", "服务对象满意度", "满意度份数")
	rows := [][]any{{ex.Round.Code + "季度多维体检汇总"}, head}
	add := func(name string, s *models.ReviewSummary) {
		row := []any{name, s.Cadres}
		for i := range models.ReviewDims {
			row = append(row, s.Raised[i], s.Corroborated[i])
		}
		sat := any("")
		if s.SatAnswers > 0 {
			sat = fmt.Sprintf("%.1f", s.Satisfaction)
		}
		rows = append(rows, append(row, s.OpenItems, sat, s.SatAnswers))
	}
	for _, u := range ex.Units {
		add(u.Unit.Name, u.Summary)
	}
	add("全县合计", ex.County)
	rows = append(rows, []any{}, []any{"维度说明"})
	for _, d := range ex.Dims {
		rows = append(rows, []any{models.DimZH(d.Code), d.Description})
	}
	widths := []float64{18, 10}
	for range models.ReviewDims {
		widths = append(widths, 11, 11)
	}
	return putRows(f, summarySheet, rows, append(widths, 14, 14, 10))
}

func reviewList(f *excelize.File, ex models.ReviewExport, loc *time.Location) error {
	rows := [][]any{{"清单号", "单位", "姓名", "编号", "维度", "反映渠道", "多方印证", "处置方式", "理由或要求", "状态", "确认于", "提出轮次", "销号于", "整改情况"}}
	for _, x := range ex.Items {
		it := x.Item
		var srcs []string
		for _, s := range models.DimList(it.Sources) {
			srcs = append(srcs, sourceLabels[s])
		}
		corr, resolved := "", ""
		if it.Corroborated {
			corr = "是"
		}
		if it.ResolvedAt != nil {
			resolved = it.ResolvedAt.In(loc).Format(timeLayout)
		}
		rows = append(rows, []any{it.ID, x.Unit, x.Cadre.Name, x.Cadre.ExternalID, models.DimZH(it.Dim), strings.Join(srcs, "、"), corr,
			dispLabels[it.Disposition], it.Reason, itemStateLabels[it.State], it.DecidedAt.In(loc).Format(timeLayout), x.Round, resolved, it.ResolveNote})
	}
	return putRows(f, listSheet, rows, []float64{8, 16, 10, 12, 8, 24, 9, 10, 30, 12, 17, 9, 17, 30})
}

func reviewUnitSheet(f *excelize.File, sheet string, r models.ReviewRound, u models.ReviewExportUnit) error {
	head := []any{"姓名", "编号", "职务", "维度"}
	for _, s := range models.ReviewSources {
		head = append(head, sourceLabels[s])
	}
	head = append(head, "多方印证", "反映内容", "提拔前须核查")
	rows := [][]any{{u.Unit.Name + " " + r.Code + "季度体检表"}, head}
	for _, c := range u.Cadres {
		m := c.Matrix
		guard := ""
		if c.Guard {
			guard = "有未销号清单"
		}
		for i, d := range models.ReviewDims {
			row := []any{c.Cadre.Name, c.Cadre.ExternalID, c.Cadre.Position, models.DimZH(d)}
			var notes []string
			for j, s := range models.ReviewSources {
				cell := m.Cells[i][j]
				switch {
				case s == models.SrcColleague && m.Hidden:
					row = append(row, "—")
				default:
					row = append(row, cell.Count)
				}
				for _, n := range cell.Notes {
					notes = append(notes, sourceLabels[s]+"："+n)
				}
			}
			for _, cc := range m.Concerns {
				if cc.Source == models.SrcDepartment && strings.Contains(","+cc.Dims+",", ","+d+",") && cc.Ref != "" {
					notes = append(notes, fmt.Sprintf("（%s %s %s）", cc.Dept, cc.Ref, sevLabels[cc.Severity]))
				}
			}
			corr := ""
			if m.Corroborated(i) {
				corr = "是"
			}
			rows = append(rows, append(row, corr, strings.Join(notes, "\n"), guard))
		}
	}
	return putRows(f, sheet, rows, []float64{10, 12, 16, 6, 10, 10, 10, 10, 10, 9, 50, 14})
}

// ReviewCodesXLSX writes the slips an admin prints and hands to the
// people a unit serves: one code and its link a row, each usable once.
func ReviewCodesXLSX(w io.Writer, unit, round string, codes []string, link func(code string) string, until time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "服务对象评价码"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("write codes sheet: %w", err)
	}
	rows := [][]any{{"序号", "单位", "轮次", "评价码（一次有效）", "链接", "有效期至"}}
	for i, c := range codes {
		rows = append(rows, []any{i + 1, unit, round, c, link(c), until.Format(timeLayout)})
	}
	if err := putRows(f, sheet, rows, []float64{6, 16, 9, 28, 60, 18}); err != nil {
		return fmt.Errorf("write codes sheet: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write codes sheet: %w", err)
	}
	return nil
}
