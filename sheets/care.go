package sheets

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// table writes one sheet: a title row, a header and the rows, with widths.
func table(w io.Writer, sheet, title string, cols []column, rows [][]any) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s workbook: %w", sheet, cerr)
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("write %s: %w", sheet, err)
	}
	all := append([][]any{{title}, headers(cols)}, rows...)
	for i := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &all[i]); err != nil {
			return fmt.Errorf("write %s: %w", sheet, err)
		}
	}
	if err := setWidths(f.SetColWidth, sheet, cols); err != nil {
		return fmt.Errorf("write %s: %w", sheet, err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write %s workbook: %w", sheet, err)
	}
	return nil
}

var careColumns = []column{
	{"单位", 16}, {"姓名", 10}, {"编号", 10}, {"应休天数", 10}, {"已确认", 8}, {"待确认", 8}, {"剩余", 8},
	{"超出应休", 10}, {"体检", 10}, {"体检日期", 12}, {"疗养", 30}, {"不再提醒", 20},
}

var checkupLabels = map[string]string{models.CheckupDue: "未体检", models.CheckupBooked: "已预约", models.CheckupDone: "已体检"}
var restLabels = map[string]string{models.RestAssigned: "待确认", models.RestConfirmed: "已确认", models.RestDeclined: "无法参加"}
var itemLabels = map[string]string{models.CareLeave: "年休假", models.CareCheckup: "体检", models.CareRest: "疗养"}

// CareXLSX writes a year's care sheet: per cadre the leave entitled,
// taken and left, the check-up and the 疗养 rotations. unitName names
// each unit by id. No medical content exists to be written.
func CareXLSX(w io.Writer, year int, rows []models.CareSummary, unitName map[int64]string) error {
	var out [][]any
	for _, c := range rows {
		unit := ""
		if c.Cadre.UnitID != nil {
			unit = unitName[*c.Cadre.UnitID]
		}
		entitled, left := any(c.Entitled), any(c.Left())
		if c.Entitled < 0 {
			entitled, left = "未知", ""
		}
		beyond := ""
		if c.Beyond() {
			beyond = "是"
		}
		var rests, muted []string
		for _, r := range c.Rest {
			rests = append(rests, fmt.Sprintf("%s至%s %s", r.StartsOn, r.EndsOn, restLabels[r.Status]))
		}
		for _, it := range models.CareItems {
			if c.Year.Muted(it) {
				muted = append(muted, itemLabels[it])
			}
		}
		out = append(out, []any{unit, c.Cadre.Name, c.Cadre.ExternalID, entitled, c.Confirmed, c.Pending, left, beyond,
			checkupLabels[c.Year.Checkup], c.Year.CheckupOn, strings.Join(rests, "；"), strings.Join(muted, "、")})
	}
	return table(w, "关心关爱", fmt.Sprintf("%d年干部年休假、体检与疗养", year), careColumns, out)
}

var toleranceColumns = []column{
	{"案例编号", 8}, {"单位", 16}, {"姓名", 10}, {"编号", 10}, {"事项", 36}, {"所涉情形", 10}, {"申请方", 8},
	{"申请", 12}, {"核实", 12}, {"认定", 12}, {"告知", 12}, {"备案", 12}, {"认定结果", 10}, {"理由", 36},
	{"相关材料", 24}, {"关联月度实绩", 12}, {"关联体检清单", 12}, {"纠错措施", 48},
}

var decisionLabels = map[string]string{models.DecisionExempt: "容错免责", models.DecisionLighter: "从轻减轻", models.DecisionRefused: "不予容错"}
var applicantLabels = map[string]string{models.ApplicantCadre: "本人", models.ApplicantUnit: "单位", models.ApplicantDepartment: "组织部"}

// itemRef names a check-up item as /review numbers it, "" when none.
func itemRef(id *int64) string {
	if id == nil {
		return ""
	}
	return fmt.Sprintf("第%d项", *id)
}

// ToleranceXLSX writes the error-tolerance register (容错纠错台账): one row
// per case with its procedure dates, decision, reason and measures.
func ToleranceXLSX(w io.Writer, rows []models.CaseRow) error {
	var out [][]any
	for _, c := range rows {
		var ms []string
		for _, m := range c.Measures {
			state := "未完成"
			if m.DoneOn != "" {
				state = m.DoneOn + "完成"
			}
			ms = append(ms, fmt.Sprintf("%s（责任人%s，期限%s，%s）", m.Text, m.OwnerName, m.Deadline, state))
		}
		out = append(out, []any{c.ID, c.UnitName, c.CadreName, c.ExternalID, c.Matter, c.Situations, applicantLabels[c.Applicant],
			c.AppliedOn, c.VerifiedOn, c.DeterminedOn, c.NotifiedOn, c.FiledOn, decisionLabels[c.Decision], c.Reason,
			c.Documents, c.ReportPeriod, itemRef(c.ReviewItemID), strings.Join(ms, "\n")})
	}
	return table(w, "容错纠错台账", "容错纠错案例台账（保密）", toleranceColumns, out)
}
