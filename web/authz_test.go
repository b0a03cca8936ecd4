package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

func (e *env) audits(action string) []models.AuditEntry {
	es, err := e.st.AuditEntries(context.Background(), action, 100)
	e.must(err)
	return es
}

// The principal of 河西乡 cannot open, list, print or sign 城关镇's
// reports by putting their ids in URLs; each try is refused and audited.
func TestLeaderOfAnotherUnitIsRefused(t *testing.T) {
	e := newEnv(t)
	rep := e.submitted("张三")
	wang := e.login("王乡长")
	cg := e.units["城关镇"].ID
	for _, path := range []string{fmt.Sprintf("/reports/%d", rep.ID), fmt.Sprintf("/reports?unit=%d", cg),
		fmt.Sprintf("/units/%d/posting", cg), fmt.Sprintf("/roster/units/%d", cg)} {
		status, body := wang.get(path)
		if status != http.StatusForbidden {
			t.Errorf("GET %s: %d", path, status)
		}
		mustLack(t, path, body, "完成棚户区改造征收", "张三")
	}
	ref := fmt.Sprintf("%d:%d", rep.ID, rep.Version)
	if status, _ := wang.post("/reports/sign", url.Values{"id": {ref}}); status != http.StatusForbidden {
		t.Errorf("signing another unit's report: %d", status)
	}
	if status, _ := wang.post(fmt.Sprintf("/reports/%d/return", rep.ID), url.Values{"version": {strconv.Itoa(rep.Version)}, "comment": {"x"}}); status != http.StatusForbidden {
		t.Errorf("returning another unit's report: %d", status)
	}
	if got, _ := e.st.GetReport(context.Background(), rep.ID); got.Status != models.ReportSubmitted {
		t.Errorf("the report changed: %s", got.Status)
	}
	if n := len(e.audits("refused")); n != 6 {
		t.Errorf("%d refusals audited, want 6", n)
	}
	// One forged id among good ones refuses the whole request.
	own := e.submitted("孙七")
	wang.get("/")
	form := url.Values{"id": {fmt.Sprintf("%d:%d", own.ID, own.Version), ref}}
	if status, _ := wang.post("/reports/sign", form); status != http.StatusForbidden {
		t.Errorf("a bulk signature with a forged id: %d", status)
	}
	if got, _ := e.st.GetReport(context.Background(), own.ID); got.Status != models.ReportSubmitted {
		t.Error("a bulk signature with a forged id signed the good one")
	}
	// A cadre may not sign even in their own unit.
	if status, _ := e.login("张三").post("/reports/sign", url.Values{"id": {ref}}); status != http.StatusForbidden {
		t.Errorf("a cadre signing: %d", status)
	}
}

// talk seeds a talk 李书记 held with 张三 and wrote down.
func (e *env) recordedTalk() models.Talk {
	at := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	tk := models.Talk{CadreID: e.cadres["张三"].ID, LeaderID: e.cadres["李书记"].ID, Reason: models.TalkFamily,
		Status: models.TalkClosed, Version: 1, Source: models.TalkFromChat, Note: "父亲病重", DueFrom: "2026-11-16",
		DueBy: "2026-11-25", StartsAt: &at, Place: "书记办公室", RecordStep: models.RecordDone,
		Summary: "了解家庭困难", Concerns: "担心工作进度", Agreed: "调整分工两周", RecordedAt: &at}
	e.must(e.st.DB().Create(&tk).Error)
	return tk
}

// A talk's record opens for the leader who held it and for admins (each
// admin read audited), never for the cadre or another unit; the ledger is
// not for cadres at all.
func TestTalkRecordsStayConfidential(t *testing.T) {
	e := newEnv(t)
	tk := e.recordedTalk()
	path := fmt.Sprintf("/talks/%d", tk.ID)
	record := "担心工作进度"

	status, body := e.login("张三").get(path)
	if status != http.StatusOK {
		t.Fatalf("the cadre's own talk: %d", status)
	}
	mustHave(t, "the cadre's view", body, "书记办公室", "李书记")
	mustLack(t, "the cadre's view", body, record, "父亲病重", "家庭发生重大变故")
	zhang := e.login("张三")
	if status, body := zhang.get("/talks/ledger"); status != http.StatusForbidden {
		t.Errorf("a cadre opening the ledger: %d", status)
	} else {
		mustLack(t, "the refused ledger", body, "书记办公室", "查看记录")
	}
	if status, body := e.login("孙七").get(path); status != http.StatusForbidden {
		t.Errorf("another unit's cadre: %d", status)
	} else {
		mustLack(t, "another cadre's view", body, record)
	}
	if status, body := e.login("王乡长").get(path); status != http.StatusForbidden {
		t.Errorf("another unit's leader: %d", status)
	} else {
		mustLack(t, "another leader's view", body, record)
	}

	_, body = e.login("李书记").get(path)
	mustHave(t, "the holder's view", body, record, "父亲病重")
	if n := len(e.audits("talk.record.view")); n != 0 {
		t.Errorf("the holder's read was audited (%d)", n)
	}
	_, body = e.login("周部长").get(path)
	mustHave(t, "the department's view", body, record)
	if es := e.audits("talk.record.view"); len(es) != 1 || *es[0].ActorID != e.cadres["周部长"].ID || es[0].Target != fmt.Sprintf("talk:%d", tk.ID) {
		t.Errorf("the department's read was not audited: %+v", es)
	}
	_, body = e.login("李书记").get("/talks/ledger?from=2026-11-01&to=2026-11-30")
	mustHave(t, "the holder's ledger", body, "张三", "查看记录")
	mustLack(t, "the ledger", body, record)
}
