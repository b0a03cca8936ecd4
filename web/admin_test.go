package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

func (e *env) schedule(name, spec string) {
	sc := models.Schedule{Name: name, Kind: "report_remind", Spec: spec, TZ: "Asia/Shanghai", Enabled: true}
	_, err := e.st.EnsureSchedule(context.Background(), &sc)
	e.must(err)
}

// A spec the cron parser refuses comes back with the reason and what was
// typed; a good one is saved and audited like /schedule set; on and off.
func TestSchedulesEdit(t *testing.T) {
	e := newEnv(t)
	e.schedule("report-overdue", "30 9 * * *")
	admin := e.login("周部长")
	_, body := admin.get("/schedules")
	mustHave(t, "the schedules", body, "report-overdue", "30 9 * * *", "2026-11-27 10:00")
	status, body := admin.post("/schedules/report-overdue", url.Values{"action": {"spec"}, "spec": {"61 9 * * *"}})
	if status != http.StatusUnprocessableEntity {
		t.Errorf("a bad spec: %d", status)
	}
	mustHave(t, "the refusal", body, "日程report-overdue的触发规则未保存", "minute", `value="61 9 * * *"`)
	status, body = admin.postFollow("/schedules/report-overdue", url.Values{"action": {"spec"}, "spec": {"0 10 * * 1-5"}})
	if status != http.StatusOK {
		t.Fatalf("a good spec: %d", status)
	}
	mustHave(t, "after saving", body, "日程report-overdue已更新", "0 10 * * 1-5")
	admin.postFollow("/schedules/report-overdue", url.Values{"action": {"disable"}})
	sc, _ := e.st.ScheduleByName(context.Background(), "report-overdue")
	if sc.Spec != "0 10 * * 1-5" || sc.Enabled {
		t.Errorf("schedule after the changes: %+v", sc)
	}
	if es := e.audits("schedule.set"); len(es) != 1 || *es[0].ActorID != e.cadres["周部长"].ID {
		t.Errorf("audit of the spec change: %+v", es)
	}
	if status, _ := admin.post("/schedules/nope", url.Values{"action": {"enable"}}); status != http.StatusNotFound {
		t.Errorf("an unknown schedule: %d", status)
	}
	if status, _ := e.login("李书记").post("/schedules/report-overdue", url.Values{"action": {"enable"}}); status != http.StatusForbidden {
		t.Errorf("a principal changing a schedule: %d", status)
	}
}

// Holidays are added and deleted as with /holiday; official days stay.
func TestCalendarEdit(t *testing.T) {
	e := newEnv(t)
	admin := e.login("周部长")
	admin.get("/calendar")
	status, body := admin.post("/calendar", url.Values{"date": {"2027-02-30"}, "kind": {"holiday"}, "name": {"x"}})
	if status != http.StatusUnprocessableEntity {
		t.Errorf("a bad date: %d", status)
	}
	mustHave(t, "the bad date", body, "日期或类型有误")
	status, body = admin.postFollow("/calendar", url.Values{"date": {"2027-01-01"}, "kind": {"holiday"}, "name": {"元旦"}})
	if status != http.StatusOK {
		t.Fatalf("add: %d", status)
	}
	mustHave(t, "after adding", body, "已设置2027-01-01", "2027-01-01 周五", "元旦", "管理员设置")
	status, body = admin.postFollow("/calendar/2027-01-01/delete", url.Values{})
	if status != http.StatusOK {
		t.Fatalf("delete: %d", status)
	}
	mustHave(t, "after deleting", body, "已删除2027-01-01的管理员设置")
	if status, _ := admin.post("/calendar/2026-10-01/delete", url.Values{}); status != http.StatusNotFound {
		t.Errorf("deleting an official day: %d", status)
	}
	if n := len(e.audits("calendar.set")) + len(e.audits("calendar.delete")); n != 2 {
		t.Errorf("%d calendar changes audited", n)
	}
}

// Invitations come back as the sheet to print: a code per unbound cadre
// of the unit, each link good for /start, issued under the admin's name.
func TestInvitationsDownload(t *testing.T) {
	e := newEnv(t)
	admin := e.login("周部长")
	admin.get("/roster")
	form := url.Values{"unit": {strconv.FormatInt(e.units["城关镇"].ID, 10)}, "csrf": {admin.csrf}}
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/roster/invites", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := admin.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.Contains(ct, "spreadsheetml") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("invitations: %d %s", resp.StatusCode, ct)
	}
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("邀请码")
	if len(rows) != 2 || rows[1][1] != "赵六" || !strings.HasPrefix(rows[1][5], "https://t.me/ganshi_bot?start=") {
		t.Fatalf("sheet rows: %v", rows)
	}
	if c, err := e.st.Redeem(context.Background(), rows[1][4], 77777, 77777); err != nil || c.Name != "赵六" {
		t.Errorf("the code does not bind: %+v %v", c, err)
	}
	if es := e.audits("invite.issue"); len(es) != 1 || es[0].Target != "城关镇" {
		t.Errorf("audit: %+v", es)
	}
}
