package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

func (e *env) count(kind string) int64 {
	var n int64
	e.must(e.st.DB().Model(&models.Notification{}).Where("kind = ?", kind).Count(&n).Error)
	return n
}

func (e *env) signatures(reportID int64) int64 {
	var n int64
	e.must(e.st.DB().Model(&models.ReportEvent{}).Where("report_id = ? AND kind = ?", reportID, "signed").Count(&n).Error)
	return n
}

// The same signature posted twice (a double click, a reload) signs once
// and tells the cadre once; the second answer says the report changed.
func TestDoublePostSignsOnce(t *testing.T) {
	e := newEnv(t)
	e.must(e.st.BindGroup(context.Background(), e.units["城关镇"].ID, -700))
	a, b := e.submitted("张三"), e.submitted("李书记")
	li := e.login("李书记")
	li.get("/reports")
	form := url.Values{"id": {fmt.Sprintf("%d:%d", a.ID, a.Version), fmt.Sprintf("%d:%d", b.ID, b.Version)}}
	status, body := li.postFollow("/reports/sign", form)
	if status != http.StatusOK {
		t.Fatalf("first POST: %d", status)
	}
	mustHave(t, "after signing", body, "已签字确认2份", "0份状态已变化")
	form.Set("csrf", li.csrf)
	status, body = li.postFollow("/reports/sign", form)
	if status != http.StatusOK {
		t.Fatalf("second POST: %d", status)
	}
	mustHave(t, "after the second POST", body, "已签字确认0份", "2份状态已变化")
	if n := e.signatures(a.ID); n != 1 {
		t.Errorf("%d signatures", n)
	}
	// 张三 is told once; the principal signing their own report is not
	// told about it; the group gets both postings once.
	if n := e.count(models.KindReportJudged); n != 1 {
		t.Errorf("%d notices to owners", n)
	}
	if n := e.count(models.KindReportPosting); n != 2 {
		t.Errorf("%d postings", n)
	}
}

// What people type is shown as text, in every field: a comment, a name.
func TestScriptInAFieldIsEscaped(t *testing.T) {
	e := newEnv(t)
	script := `<script>alert(1)</script>`
	e.must(e.st.DB().Model(&models.Cadre{}).Where("id = ?", e.cadres["张三"].ID).Update("position", script+"副镇长").Error)
	rep := e.submitted("张三")
	li := e.login("李书记")
	li.get(fmt.Sprintf("/reports/%d", rep.ID))
	status, body := li.postFollow(fmt.Sprintf("/reports/%d/return", rep.ID),
		url.Values{"version": {strconv.Itoa(rep.Version)}, "comment": {script + "请写明户数"}})
	if status != http.StatusOK {
		t.Fatalf("return: %d", status)
	}
	mustHave(t, "the returned report", body, "&lt;script&gt;alert(1)&lt;/script&gt;请写明户数", "&lt;script&gt;alert(1)&lt;/script&gt;副镇长")
	if strings.Contains(body, script) {
		t.Error("the page carries a live <script> element")
	}
	_, list := li.get("/reports")
	mustLack(t, "the list", list, script)
}

// A POST without the session's token, with another session's token, or
// from another site is refused and changes nothing.
func TestPostWithoutCSRFIsRefused(t *testing.T) {
	e := newEnv(t)
	rep := e.submitted("张三")
	li, other := e.login("李书记"), e.login("孙七")
	form := func(token string) url.Values {
		return url.Values{"id": {fmt.Sprintf("%d:%d", rep.ID, rep.Version)}, "csrf": {token}}
	}
	for what, token := range map[string]string{"no token": "", "another session's token": other.csrf, "a made-up token": "x"} {
		status, body := li.postRaw("/reports/sign", form(token))
		if status != http.StatusForbidden {
			t.Errorf("%s: %d", what, status)
		}
		mustHave(t, what, body, "表单已过期或来源不明")
	}
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/reports/sign", strings.NewReader(form(li.csrf).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	if status, _ := li.do(req); status != http.StatusForbidden {
		t.Errorf("a POST from another site with the right token: %d", status)
	}
	req, _ = http.NewRequest(http.MethodPost, e.ts.URL+"/reports/sign", strings.NewReader(form(li.csrf).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if status, _ := li.do(req); status != http.StatusForbidden {
		t.Errorf("a cross-site POST with the right token: %d", status)
	}
	if got, _ := e.st.GetReport(context.Background(), rep.ID); got.Status != models.ReportSubmitted {
		t.Errorf("a refused POST changed the report: %s", got.Status)
	}
	if status, _ := e.browser().postRaw("/login/"+strings.Repeat("A", 43), url.Values{}); status != http.StatusForbidden {
		t.Errorf("a login POST without the login page's token: %d", status)
	}
}

// Returning needs a comment; reopening is for the principal and admins,
// with a reason; both tell the cadre.
func TestReturnAndReopen(t *testing.T) {
	e := newEnv(t)
	rep := e.submitted("张三")
	li := e.login("李书记")
	li.get(fmt.Sprintf("/reports/%d", rep.ID))
	if status, body := li.post(fmt.Sprintf("/reports/%d/return", rep.ID), url.Values{"version": {strconv.Itoa(rep.Version)}, "comment": {"  "}}); status != http.StatusBadRequest {
		t.Errorf("return without a comment: %d", status)
	} else {
		mustHave(t, "return without a comment", body, "请填写意见或原因")
	}
	_, err := e.st.SignReport(context.Background(), rep.ID, 0, e.cadres["李书记"])
	e.must(err)
	admin := e.login("周部长")
	admin.get(fmt.Sprintf("/reports/%d", rep.ID))
	status, body := admin.postFollow(fmt.Sprintf("/reports/%d/reopen", rep.ID), url.Values{"reason": {"数字有误"}})
	if status != http.StatusOK {
		t.Fatalf("admin reopen: %d", status)
	}
	mustHave(t, "after reopening", body, "已重新打开张三的月度实绩", "数字有误", "重新打开")
	if got, _ := e.st.GetReport(context.Background(), rep.ID); got.Status != models.ReportReturned {
		t.Errorf("after reopening: %s", got.Status)
	}
	if n := e.count(models.KindReportJudged); n != 2 {
		t.Errorf("%d notices to the cadre, want signed and reopened", n)
	}
}
