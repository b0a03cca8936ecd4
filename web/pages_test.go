package web_test

import (
	"fmt"
	"net/http"
	"testing"
)

// Every page opens for whoever may see it and is refused (403) to the
// rest; nobody logged in is told how to log in.
func TestPagesByRole(t *testing.T) {
	e := newEnv(t)
	rep := e.submitted("张三")
	cg, hx := e.units["城关镇"].ID, e.units["河西乡"].ID
	all := []string{"周部长", "李书记", "张三", "王乡长"}
	pages := []struct {
		path  string
		allow []string
	}{
		{"/", all},
		{"/?month=2026-10", all},
		{"/reports", all},
		{fmt.Sprintf("/reports?unit=%d", cg), []string{"周部长", "李书记", "张三"}},
		{fmt.Sprintf("/reports?unit=%d&state=submitted", cg), []string{"周部长", "李书记", "张三"}},
		{fmt.Sprintf("/reports/%d", rep.ID), []string{"周部长", "李书记", "张三"}},
		{fmt.Sprintf("/units/%d/posting", cg), []string{"周部长", "李书记", "张三"}},
		{"/talks", all},
		{"/talks/ledger", []string{"周部长", "李书记", "王乡长"}},
		{fmt.Sprintf("/roster/units/%d", hx), []string{"周部长", "王乡长"}},
		{"/roster", []string{"周部长"}},
		{fmt.Sprintf("/roster/units/%d", cg), []string{"周部长", "李书记"}},
		{"/schedules", []string{"周部长"}},
		{"/calendar", []string{"周部长"}},
		{"/calendar?year=2027", []string{"周部长"}},
	}
	who := map[string]*client{}
	for _, name := range []string{"周部长", "李书记", "张三", "王乡长"} {
		who[name] = e.login(name)
	}
	for _, pg := range pages {
		for name, c := range who {
			want := http.StatusForbidden
			for _, a := range pg.allow {
				if a == name {
					want = http.StatusOK
				}
			}
			status, body := c.get(pg.path)
			if status == http.StatusSeeOther && pg.path == "/roster" {
				continue // a principal goes on to their unit
			}
			if status != want {
				t.Errorf("%s GET %s: %d, want %d\n%.600s", name, pg.path, status, want, body)
			}
		}
	}
	status, body := e.browser().get("/")
	if status != http.StatusUnauthorized {
		t.Errorf("no session: %d", status)
	}
	mustHave(t, "the page without a session", body, "/web")
}
