package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// editPaths are the edit page and every POST it makes, for a contest.
func editPaths(id int64) (string, []string) {
	base := "/contest/" + strconv.FormatInt(id, 10)
	return base + "/edit", []string{base + "/tasks", base + "/targets", base + "/members", base + "/active"}
}

// The department changes a target and a task in the console and the
// competition page shows them; bad values come back named, unwritten.
func TestContestEditInTheConsole(t *testing.T) {
	b := newBoardEnv(t)
	ctx := context.Background()
	id := b.contest.Contest.ID
	houses, _ := b.contest.TaskBySeq(1)
	cg, dg := b.units["城关镇"].ID, b.units["东港镇"].ID
	cell := fmt.Sprintf("t%d_%d", houses.ID, cg)
	edit, posts := editPaths(id)
	admin := b.login("周部长")
	_, body := admin.get("/contest/settings")
	mustHave(t, "settings", body, `href="`+edit+`"`, "调整任务、目标和分组", "打擂进行中")
	code, body := admin.get(edit)
	if code != http.StatusOK {
		t.Fatalf("edit page: %d", code)
	}
	mustHave(t, "edit page", body, "2026年度结对打擂", "棚户区改造征收", "城关镇", "东港镇", `name="`+cell+`" value="120"`)

	code, body = admin.postFollow(posts[1], url.Values{cell: {"150"}, fmt.Sprintf("t%d_%d", houses.ID, dg): {""}})
	if code != http.StatusOK {
		t.Fatalf("targets: %d\n%s", code, body)
	}
	mustHave(t, "after the targets", body, "已修改1个目标", `value="150"`)
	code, body = admin.postFollow(posts[0], url.Values{"task": {strconv.FormatInt(houses.ID, 10)}, "measure": {"套"}, "direction": {"higher"}, "weight": {"2"}})
	if code != http.StatusOK {
		t.Fatalf("task: %d\n%s", code, body)
	}
	mustHave(t, "after the task", body, "任务“棚户区改造征收”已保存")
	_, body = b.login("李书记").get("/contest")
	mustHave(t, "the competition page", body, "/ 150套", "/ 100套")

	code, body = admin.post(posts[1], url.Values{cell: {"一百五"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("a bad target: %d", code)
	}
	mustHave(t, "a bad target", body, "未作任何修改", "城关镇·棚户区改造征收的目标“一百五”不是有效数字", `value="一百五" inputmode="decimal" size="8" aria-label="城关镇·棚户区改造征收" class="bad"`)
	code, body = admin.post(posts[0], url.Values{"task": {strconv.FormatInt(houses.ID, 10)}, "measure": {""}, "direction": {"higher"}, "weight": {"-1"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("a bad task: %d", code)
	}
	mustHave(t, "a bad task", body, "“计量单位”为空，请补填", "权重“-1”须为大于0的数字", `value="-1"`)
	code, body = admin.post(posts[2], url.Values{"unit": {strconv.FormatInt(b.units["河西乡"].ID, 10)}, "group": {"1"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("a unit not in the contest: %d", code)
	}
	mustHave(t, "a unit not in the contest", body, "单位“河西乡”不在本次打擂中")
	l, err := b.st.ContestLayout(ctx, id)
	b.must(err)
	if l.Targets[[2]int64{houses.ID, cg}] != 150 || l.Tasks[0].Measure != "套" || l.Tasks[0].Weight != 2 {
		t.Fatalf("a refused form wrote: %v %+v", l.Targets, l.Tasks[0])
	}

	code, body = admin.postFollow(posts[3], url.Values{"active": {"off"}})
	if code != http.StatusOK {
		t.Fatalf("stop: %d", code)
	}
	mustHave(t, "stopped", body, "打擂已停止。", "恢复打擂")
	if c, _ := b.st.ContestByID(ctx, id); c.Active {
		t.Fatal("still active")
	}
}

// Only the department adjusts a contest; a POST without the session's
// token is refused too.
func TestContestEditRefused(t *testing.T) {
	b := newBoardEnv(t)
	id := b.contest.Contest.ID
	houses, _ := b.contest.TaskBySeq(1)
	edit, posts := editPaths(id)
	form := func() url.Values {
		return url.Values{"task": {strconv.FormatInt(houses.ID, 10)}, "measure": {"套"}, "direction": {"lower"}, "weight": {"5"},
			fmt.Sprintf("t%d_%d", houses.ID, b.units["城关镇"].ID): {"1"}, "active": {"off"},
			"unit": {strconv.FormatInt(b.units["城关镇"].ID, 10)}, "group": {"1"}}
	}
	for _, name := range []string{"李书记", "张三"} {
		c := b.login(name)
		if code, _ := c.get(edit); code != http.StatusForbidden {
			t.Errorf("%s GET %s: %d, want 403", name, edit, code)
		}
		for _, p := range posts {
			if code, _ := c.post(p, form()); code != http.StatusForbidden {
				t.Errorf("%s POST %s: %d, want 403", name, p, code)
			}
		}
	}
	admin := b.login("周部长")
	for _, p := range posts {
		if code, _ := admin.postRaw(p, form()); code != http.StatusForbidden {
			t.Errorf("POST %s without a CSRF token: %d, want 403", p, code)
		}
	}
	l, err := b.st.ContestLayout(context.Background(), id)
	b.must(err)
	if !l.Contest.Active || l.Tasks[0].Measure != "户" || l.Targets[[2]int64{houses.ID, b.units["城关镇"].ID}] != 120 {
		t.Fatalf("a refused request wrote: %+v %v", l.Tasks[0], l.Targets)
	}
}
