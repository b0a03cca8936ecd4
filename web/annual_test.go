package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// The profile page opens for the cadre, the unit's principal and the
// department, and is refused to another unit's leader; the principal
// assesses, the department grades and confirms, a second confirmation
// changes nothing, a correction needs a reason and is audited.
func TestAnnualPage(t *testing.T) {
	e := newEnv(t)
	zhang := e.cadres["张三"]
	path := fmt.Sprintf("/annual/%d?year=2026", zhang.ID)
	for _, name := range []string{"张三", "李书记", "周部长"} {
		status, body := e.login(name).get(path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", name, status)
		}
		mustHave(t, name+"'s view", body, "张三·2026年度实绩画像", "月度实绩", "暂无数据（数据来源尚未接入）", "不影响评先评优")
	}
	if status, _ := e.login("王乡长").get(path); status != http.StatusForbidden {
		t.Errorf("another unit's leader: %d", status)
	}
	li := e.login("李书记")
	li.get(path)
	if status, body := li.postFollow(fmt.Sprintf("/annual/%d/assess", zhang.ID), url.Values{"year": {"2026"}, "assessment": {"工作扎实"}}); status != http.StatusOK {
		t.Fatalf("assess: %d %s", status, body)
	} else {
		mustHave(t, "after assessing", body, "主要负责同志评价：工作扎实")
	}
	if status, _ := li.post(fmt.Sprintf("/annual/%d/grade", zhang.ID), url.Values{"year": {"2026"}, "grade": {"excellent"}, "use": {"promote"}, "rationale": {"x"}}); status != http.StatusForbidden {
		t.Errorf("a principal grading: %d", status)
	}
	wang := e.login("王乡长")
	wang.get("/annual")
	if status, _ := wang.post(fmt.Sprintf("/annual/%d/assess", zhang.ID), url.Values{"year": {"2026"}, "assessment": {"差"}}); status != http.StatusForbidden {
		t.Errorf("another unit's leader assessing: %d", status)
	}
	adm := e.login("周部长")
	adm.get(path)
	adm.postFollow(fmt.Sprintf("/annual/%d/grade", zhang.ID), url.Values{"year": {"2026"}, "grade": {"excellent"}, "use": {"cultivate"}, "rationale": {"实绩突出"}})
	_, body := adm.postFollow(fmt.Sprintf("/annual/%d/confirm", zhang.ID), url.Values{"year": {"2026"}})
	mustHave(t, "after confirming", body, "等次：优秀；使用建议：重点培养；理由：实绩突出", "已确认", "更正原因")
	_, body = adm.postFollow(fmt.Sprintf("/annual/%d/confirm", zhang.ID), url.Values{"year": {"2026"}})
	mustHave(t, "a second confirmation", body, "已确认并锁定，未作修改")
	if status, _ := adm.post(fmt.Sprintf("/annual/%d/correct", zhang.ID), url.Values{"year": {"2026"}, "grade": {"competent"}, "use": {"watch"}, "rationale": {"复核"}}); status != http.StatusBadRequest {
		t.Errorf("a correction without a reason: %d", status)
	}
	_, body = adm.postFollow(fmt.Sprintf("/annual/%d/correct", zhang.ID), url.Values{"year": {"2026"}, "grade": {"competent"}, "use": {"watch"}, "rationale": {"复核"}, "reason": {"核实来信"}})
	mustHave(t, "after correcting", body, "等次：称职", "已更正1次")
	if es, _ := e.st.AuditEntries(context.Background(), "annual.correction", 5); len(es) != 1 {
		t.Errorf("correction audit: %+v", es)
	}
	if j, _ := e.st.AnnualJudgementOf(context.Background(), zhang.ID, 2026); j.Grade != models.GradeCompetent {
		t.Errorf("stored: %+v", j)
	}
	if status, _ := adm.get("/annual?unit=99999"); status != http.StatusNotFound {
		t.Errorf("an unknown unit: %d", status)
	}
	if status, body := li.get("/annual"); status != http.StatusOK {
		t.Errorf("list: %d", status)
	} else {
		mustHave(t, "the principal's list", body, "张三", "赵六")
	}
}

// The hours and the check-up items of the profile name their sources;
// the department's page links them to the session and the matrix, a
// principal's shows the names without links to pages they may not open.
func TestAnnualSourcesLink(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	zhang, adm := e.cadres["张三"], e.cadres["周部长"]
	at := time.Date(2026, 12, 10, 1, 0, 0, 0, time.UTC)
	lec, err := e.st.CreateTraining(ctx, models.NewTraining{Kind: models.TrainingLecture, Title: "学习贯彻专题党课", Place: "镇政府三楼",
		StartsAt: at, EndsAt: at.Add(2 * time.Hour), OrganiserID: adm.ID, Hours: 2})
	e.must(err)
	_, err = e.st.InviteToTraining(ctx, lec.ID, []int64{zhang.ID}, "Asia/Shanghai")
	e.must(err)
	e.must(e.st.DB().Model(&models.TrainingInvitation{}).Where("session_id = ?", lec.ID).Update("checked_in_at", at).Error)
	round := models.ReviewRound{Code: "2026Q3", State: models.ReviewClosed, OpensOn: "2026-07-01", ClosesOn: "2026-07-14"}
	e.must(e.st.DB().Create(&round).Error)
	e.must(e.st.DB().Create(&models.ReviewItem{RoundID: round.ID, CadreID: zhang.ID, State: models.ItemOpen, Dim: models.DimStyle,
		Sources: "principal", Disposition: models.DispAdmonish, DecidedByID: adm.ID, DecidedAt: at}).Error)
	path := fmt.Sprintf("/annual/%d?year=2026", zhang.ID)
	_, body := e.login("周部长").get(path)
	mustHave(t, "the department's profile", body, "2026-12-10 学习贯彻专题党课", fmt.Sprintf(`href="/training/%d"`, lec.ID),
		fmt.Sprintf(`href="/review/cadres/%d"`, zhang.ID))
	_, body = e.login("李书记").get(path)
	mustHave(t, "the principal's profile", body, "2026-12-10 学习贯彻专题党课")
	mustLack(t, "the principal's profile", body, `href="/training/`, `href="/review/cadres/`)
}
