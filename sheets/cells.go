package sheets

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
)

// stateLabels name a report's state as a posting shows it.
var stateLabels = map[string]string{
	models.StateSigned:     "已签字",
	models.StateSubmitted:  "待签字",
	models.StateReturned:   "已退回",
	models.StateInProgress: "填写中",
	models.StateNotStarted: "未开始",
	models.StateExempt:     "免报",
}

// progressLabels say how last month's plan item went, as the bot says it.
var progressLabels = map[string]string{
	models.ProgressDone:    "已完成",
	models.ProgressPartly:  "部分完成",
	models.ProgressNotDone: "未完成，结转下月",
}

// timeLayout is how sign times are written: local, to the minute.
const timeLayout = "2006-01-02 15:04"

func periodTitle(p models.Period) string { return fmt.Sprintf("%d年%d月", p.Year, p.Month) }

// status is the state label; an exemption carries its reason so that
// nobody reading the posting takes it for a missed report.
func status(r models.BoardRow) string {
	if r.State() == models.StateExempt {
		return "免报（" + *r.ExemptReason + "）"
	}
	return stateLabels[r.State()]
}

// itemsCell numbers one section's items 1. 2. …, one per line, with the
// answer to last month's plan and the cadre's remark after the text.
func itemsCell(its []models.ReportItem, section string) string {
	var b strings.Builder
	n := 0
	for _, it := range its {
		if it.Section != section {
			continue
		}
		n++
		if n > 1 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%d. %s", n, it.Text)
		if l, ok := progressLabels[it.Progress]; ok {
			b.WriteString("（上月计划·" + l + "）")
		}
		if it.Remark != "" {
			b.WriteString("；说明：" + it.Remark)
		}
	}
	return b.String()
}

// figuresCell lists this month's recognised figures, "35户；92%；3.5公里".
// Plan items are left out: their numbers are targets, not results.
func figuresCell(its []models.ReportItem) string {
	var out []string
	for _, it := range its {
		if it.Section != models.SectionAchievement {
			continue
		}
		for _, f := range it.FigureList() {
			s := strconv.FormatFloat(f.Value, 'f', -1, 64)
			if f.Percent {
				s += "%"
			} else {
				s += f.Unit
			}
			out = append(out, s)
		}
	}
	return strings.Join(out, "；")
}

func signer(r models.BoardRow) string {
	if r.SignedByName == nil {
		return ""
	}
	if r.SelfSigned != nil && *r.SelfSigned {
		return *r.SignedByName + "（本人签字）"
	}
	return *r.SignedByName
}

func signedAt(r models.BoardRow, loc *time.Location) string {
	if r.SignedAt == nil {
		return ""
	}
	return r.SignedAt.In(loc).Format(timeLayout)
}

// rowItems are the items to show for a row: what the cadre handed in
// (submitted or signed). A draft or a returned report is still being
// written, and a 公示 table must not publish it.
func rowItems(r models.BoardRow, items map[int64][]models.ReportItem) []models.ReportItem {
	if st := r.State(); r.ReportID == nil || (st != models.StateSigned && st != models.StateSubmitted) {
		return nil
	}
	return items[*r.ReportID]
}

func orUnsorted(category string) string {
	if category == "" {
		return "未分类"
	}
	return category
}

// defuse keeps a spreadsheet from running a cell as a formula: names,
// duties, remarks and talk records are typed by people, and
// "=HYPERLINK(…)" in a CSV is a known attack. A leading apostrophe is what
// Excel itself uses to mean "text". Every writer here passes every text
// cell through it, the workbooks too: their cells are typed as text and
// Excel would not run them as they are, but a sheet is copied, re-saved
// as CSV and edited, and then it would.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// defused defuses every text cell of a workbook row in place; numbers
// pass as they are.
func defused(row []any) []any {
	for i, v := range row {
		if s, ok := v.(string); ok {
			row[i] = defuse(s)
		}
	}
	return row
}
