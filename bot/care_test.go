package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

// A cadre enters leave, the principal confirms it with a tap; leave past
// the entitlement is entered with a warning and the principal is told;
// overlapping leave is refused.
func TestCareLeaveInChat(t *testing.T) {
	h := newHarness(t)
	h.st.DB().Model(&models.Cadre{}).Where("id = ?", h.cadres["张三"].ID).Update("work_start_year", 2020) // 5 days
	out := h.say("张三", "/care leave 2026-11-02 2026-11-04")
	if len(out) != 2 || !strings.Contains(out[0].Text, "张三登记了年休假") || !strings.Contains(out[1].Text, "共3个工作日") ||
		!strings.Contains(out[1].Text, "剩余2天（应休5天）") {
		t.Fatalf("entering leave:\n%s", joined(out))
	}
	confirm := out[0].Buttons[0][0].Data
	if got := joined(h.tap("王乡长", confirm)); !strings.Contains(got, "无权") && !strings.Contains(got, "权限") {
		t.Errorf("another unit's principal confirming: %s", got)
	}
	got := joined(h.tap("李书记", confirm))
	if !strings.Contains(got, "已确认张三的年休假") || !strings.Contains(got, "主要负责同志已确认您") {
		t.Errorf("confirming:\n%s", got)
	}
	if got := joined(h.say("张三", "/care leave 2026-11-04 2026-11-05")); !strings.Contains(got, "重叠") {
		t.Errorf("overlapping leave:\n%s", got)
	}
	got = joined(h.say("张三", "/care leave 2026-11-09 2026-11-11"))
	if !strings.Contains(got, "超出应休5天") || !strings.Contains(got, "已超出其应休天数") {
		t.Errorf("leave beyond the entitlement:\n%s", got)
	}
	got = joined(h.say("李书记", "/care"))
	if !strings.Contains(got, "张三：剩余0天（应休5天），已超出应休天数") || !strings.Contains(got, "编号2") {
		t.Errorf("the principal's view:\n%s", got)
	}
}

// A care reminder the cadre muted is not sent: at send time the re-check
// lapses it.
func TestCareMutedReminderLapses(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	zs := h.cadres["张三"]
	h.st.DB().Model(&models.Cadre{}).Where("id = ?", zs.ID).Update("work_start_year", 2010)
	p, _ := json.Marshal(models.CareLeaveNotice{CadreID: zs.ID, Lang: "zh", Year: 2026, Left: 10, Entitled: 10})
	n := models.Notification{ChatID: *zs.ChatID, Kind: models.KindCareLeave, Payload: string(p)}
	ms, err := Renderer(h.r.loc)(ctx, h.st, n)
	if err != nil || len(ms) != 1 || !strings.Contains(ms[0].Text, "还有10天带薪年休假未休") || !strings.Contains(ms[0].Text, "12月31日前") {
		t.Fatalf("before muting: %+v %v", ms, err)
	}
	mute := ms[0].Buttons[0][0].Data
	if got := joined(h.tap("张三", mute)); !strings.Contains(got, "已设为不再提醒：年休假提醒") {
		t.Errorf("mute tap: %s", got)
	}
	if _, err := Renderer(h.r.loc)(ctx, h.st, n); !errors.Is(err, models.ErrLapsed) {
		t.Errorf("after muting: %v, want lapsed", err)
	}
}

// The register end to end in chat: the department opens a case, takes
// the steps, cannot decide without a reason, decides 容错免责 and sets a
// correction; the cadre and the principal read it, another unit's
// principal is refused, the admin's read is audited.
func TestToleranceInChat(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	list, _ := models.ParseSituationsCSV([]byte("1,先行先试出现失误\n3,政策界限不明出现偏差\n"))
	if _, err := h.st.ImportSituations(ctx, nil, list); err != nil {
		t.Fatal(err)
	}
	if got := joined(h.say("周部长", "/tolerance new 张三 19 单位 招商项目违约")); !strings.Contains(got, "不在容错情形清单上") {
		t.Errorf("a situation not on the list:\n%s", got)
	}
	if got := joined(h.say("李书记", "/tolerance new 张三 1 单位 招商项目违约")); !strings.Contains(got, "权") {
		t.Errorf("a principal opening a case:\n%s", got)
	}
	got := joined(h.say("周部长", "/tolerance new 张三 1,3 单位 招商项目签约后企业违约"))
	if !strings.Contains(got, "容错纠错案例#1") || !strings.Contains(got, "申请（11月2日）→核实（待办）") {
		t.Fatalf("opening:\n%s", got)
	}
	if got := joined(h.say("周部长", "/tolerance decide 1 容错免责 为公")); !strings.Contains(got, "依次进行") {
		t.Errorf("deciding before 核实:\n%s", got)
	}
	h.say("周部长", "/tolerance step 1 核实")
	if got := joined(h.say("周部长", "/tolerance docs 1 申请书；核实报告（县委组织部〔2026〕12号）")); !strings.Contains(got, "相关材料：申请书；核实报告（县委组织部〔2026〕12号）") {
		t.Errorf("documents:\n%s", got)
	}
	if got := joined(h.say("周部长", "/tolerance decide 1 容错免责")); !strings.Contains(got, "认定必须写明理由") {
		t.Errorf("a decision without a reason:\n%s", got)
	}
	got = joined(h.say("周部长", "/tolerance decide 1 容错免责 因政策界限不明先行先试，未谋私利"))
	if !strings.Contains(got, "认定结果：容错免责") {
		t.Errorf("deciding:\n%s", got)
	}
	if got := joined(h.say("周部长", "/tolerance measure 1 张三 2026-12-15 完善项目风险评估")); !strings.Contains(got, "已添加纠错措施#1") {
		t.Errorf("measure:\n%s", got)
	}
	if got := joined(h.say("张三", "/tolerance 1")); !strings.Contains(got, "容错免责") || !strings.Contains(got, "完善项目风险评估") {
		t.Errorf("the cadre's own case:\n%s", got)
	}
	if got := joined(h.say("李书记", "/tolerance")); !strings.Contains(got, "#1 张三") {
		t.Errorf("the principal's list:\n%s", got)
	}
	if got := joined(h.say("王乡长", "/tolerance 1")); strings.Contains(got, "招商") || !strings.Contains(got, "或您无权查看") {
		t.Errorf("another unit's principal:\n%s", got)
	}
	if got := joined(h.tap("王乡长", viewCaseData(1))); strings.Contains(got, "招商") {
		t.Errorf("another unit's principal tapping a forged button:\n%s", got)
	}
	if es, _ := h.st.AuditEntries(ctx, "refused", 10); len(es) < 2 || *es[0].ActorID != h.cadres["王乡长"].ID {
		t.Errorf("refusals audited: %+v", es)
	}
	if got := joined(h.say("孙七", "/tolerance")); !strings.Contains(got, "暂无") {
		t.Errorf("another cadre's list:\n%s", got)
	}
	if got := joined(h.say("张三", "/tolerance done 1")); !strings.Contains(got, "已登记完成") {
		t.Errorf("measure done:\n%s", got)
	}
	rep, err := h.st.OpenReport(ctx, h.cadres["张三"], models.Period{Year: 2026, Month: 11}, h.clock.Now().AddDate(0, 0, 20))
	if err != nil {
		t.Fatal(err)
	}
	if got := joined(h.say("周部长", "/tolerance link 1 2026-11")); !strings.Contains(got, "关联月度实绩：2026年11月") {
		t.Errorf("linking the report:\n%s", got)
	}
	if got := joined(h.say("李书记", fmt.Sprintf("/view %d", rep.ID))); !strings.Contains(got, "关联容错纠错案例#1：容错免责") {
		t.Errorf("the linked report's view:\n%s", got)
	}
	round := models.ReviewRound{Code: "2026Q4", State: models.ReviewConfirmed, OpensOn: "2026-10-08", ClosesOn: "2026-10-21"}
	if err := h.st.DB().Create(&round).Error; err != nil {
		t.Fatal(err)
	}
	item := models.ReviewItem{RoundID: round.ID, CadreID: h.cadres["张三"].ID, State: models.ItemOpen, Dim: models.DimStyle,
		Sources: "principal", Disposition: models.DispAdmonish, DecidedByID: h.cadres["周部长"].ID, DecidedAt: h.clock.Now()}
	others := models.ReviewItem{RoundID: round.ID, CadreID: h.cadres["孙七"].ID, State: models.ItemOpen, Dim: models.DimLaw,
		Sources: "principal", Disposition: models.DispWatch, DecidedByID: h.cadres["周部长"].ID, DecidedAt: h.clock.Now()}
	for _, it := range []*models.ReviewItem{&item, &others} {
		if err := h.st.DB().Create(it).Error; err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []string{fmt.Sprintf("#%d", others.ID), "#9999"} {
		if got := joined(h.say("周部长", "/tolerance link 1 "+bad)); !strings.Contains(got, "未找到该干部的反向体检清单") {
			t.Errorf("linking %s:\n%s", bad, got)
		}
	}
	if got := joined(h.say("周部长", fmt.Sprintf("/tolerance link 1 第%d项", item.ID))); !strings.Contains(got, fmt.Sprintf("关联反向体检清单第%d项：作风", item.ID)) {
		t.Errorf("linking the check-up item:\n%s", got)
	}
	for _, who := range []string{"张三", "李书记"} {
		if got := joined(h.say(who, "/review")); !strings.Contains(got, "关联容错纠错案例#1：容错免责") {
			t.Errorf("%s's /review shows the item's case:\n%s", who, got)
		}
	}
	if got := joined(h.say("孙七", "/review")); strings.Contains(got, "容错") {
		t.Errorf("another cadre's /review shows nothing of the case:\n%s", got)
	}
	if m, _ := h.st.ToleratedMatters(ctx, h.cadres["张三"].ID, 2026); len(m) != 1 || m[0].ReportID == nil || *m[0].ReportID != rep.ID {
		t.Errorf("tolerated matters: %+v", m)
	}
	es, _ := h.st.AuditEntries(ctx, "tolerance.case.view", 10)
	if len(es) == 0 || *es[0].ActorID != h.cadres["周部长"].ID {
		t.Errorf("admin reads audited: %+v", es)
	}
}
