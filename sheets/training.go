package sheets

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// trainingAnswer and trainingAttendance are the words the department's
// ledgers use.
var (
	trainingAnswer = map[string]string{models.TrainingNoAnswer: "未答复", models.TrainingConfirmed: "已确认",
		models.TrainingLeaveAsked: "请假待批", models.TrainingLeaveApproved: "请假已批", models.TrainingLeaveRefused: "请假未批"}
	trainingAttendance = map[string]string{models.AttendPending: "待签到", models.AttendPresent: "已到", models.AttendLate: "迟到",
		models.AttendLeftEarly: "早退", models.AttendLeave: "请假", models.AttendAbsent: "缺席"}
)

// TrainingXLSX writes a year's training: one row per session with its
// counts (场次), one per invitee (参训明细, with leave reasons), and each
// cadre's hours this year and over the plan period (学时). No ranking:
// cadres are listed by unit and name.
func TrainingXLSX(w io.Writer, year int, lists []models.AttendanceList, hours []models.CadreHours, loc *time.Location) error {
	f := excelize.NewFile()
	defer f.Close()
	from, to := models.PlanPeriod(year)
	sessions := [][]any{{"编号", "类型", "名称", "开始", "结束", "地点", "主讲", "学时", "状态", "应到", "已确认", "请假", "实到", "迟到", "早退", "缺席", "无法联系"}}
	detail := [][]any{{"场次编号", "场次", "工号", "姓名", "单位", "答复", "请假原因", "出勤", "签到时间", "现场补登"}}
	for _, l := range lists {
		t := l.Session
		status := "正常"
		if t.Status == models.TrainingCancelled {
			status = "已取消：" + t.CancelReason
		}
		sessions = append(sessions, []any{t.ID, models.TrainingKindZH(t.Kind), t.Title, t.StartsAt.In(loc).Format(timeLayout),
			t.EndsAt.In(loc).Format(timeLayout), t.Place, t.Lecturer, t.Hours, status, l.Invited, l.Confirmed, l.Leave,
			l.Present, l.Late, l.LeftEarly, l.Absent, l.Unreachable})
		for _, a := range l.Rows {
			in, hand := "", ""
			if a.CheckedInAt != nil {
				in = a.CheckedInAt.In(loc).Format(timeLayout)
			}
			if a.ByHand {
				hand = "是"
			}
			detail = append(detail, []any{t.ID, t.Title, a.ExternalID, a.Cadre, a.Unit, trainingAnswer[a.Answer], a.LeaveReason,
				trainingAttendance[a.Attendance], in, hand})
		}
	}
	hrs := [][]any{{"工号", "姓名", "单位", strconv.Itoa(year) + "年场次", "实到场次", strconv.Itoa(year) + "年学时",
		fmt.Sprintf("%d—%d年累计学时", from, to)}}
	for _, h := range hours {
		hrs = append(hrs, []any{h.ExternalID, h.Name, h.Unit, h.Sessions, h.Present, h.Year, h.Period})
	}
	units := unitSummary(year, hours)
	if err := f.SetSheetName(f.GetSheetName(0), "场次"); err != nil {
		return fmt.Errorf("write training sheet: %w", err)
	}
	for _, s := range []struct {
		name string
		rows [][]any
	}{{"场次", sessions}, {"参训明细", detail}, {"学时", hrs}, {"单位汇总", units}} {
		if s.name != "场次" {
			if _, err := f.NewSheet(s.name); err != nil {
				return fmt.Errorf("write training sheet: %w", err)
			}
		}
		for i := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(s.name, cell, &s.rows[i]); err != nil {
				return fmt.Errorf("write training sheet %s: %w", s.name, err)
			}
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write training workbook: %w", err)
	}
	return nil
}

// unitSummary adds up each unit's invitees, attendances and hours, and the
// county's, by unit name: a summary, not a ranking.
func unitSummary(year int, hours []models.CadreHours) [][]any {
	type sum struct {
		people, sessions, present int
		hours                     float64
	}
	by := map[string]*sum{}
	var names []string
	var county sum
	for _, h := range hours {
		u := h.Unit
		if by[u] == nil {
			by[u] = &sum{}
			names = append(names, u)
		}
		for _, x := range []*sum{by[u], &county} {
			x.people++
			x.sessions += h.Sessions
			x.present += h.Present
			x.hours += h.Year
		}
	}
	sort.Strings(names)
	rows := [][]any{{"单位", "参训人数", "应参训人次", "实到人次", strconv.Itoa(year) + "年学时合计"}}
	for _, n := range names {
		x := by[n]
		if n == "" {
			n = "（无单位）" // the department's own staff
		}
		rows = append(rows, []any{n, x.people, x.sessions, x.present, x.hours})
	}
	return append(rows, []any{"全县", county.people, county.sessions, county.present, county.hours})
}
