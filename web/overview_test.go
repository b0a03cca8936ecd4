package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// unitRowRE reads one unit's figures from the 总览: due, signed,
// awaiting, returned, not submitted, exempt, on time, late.
var unitRowRE = regexp.MustCompile(`unit=(\d+)">[^<]+</a></td>` + `((?:<td class="num">\d+</td>){8})`)
var numRE = regexp.MustCompile(`>(\d+)<`)

// The 总览 shows, for every unit, the figures models.Tally gives over the
// board: the figures of /reports, the digests and the export.
func TestOverviewFiguresEqualTheTally(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.submitted("张三")
	rep := e.submitted("孙七")
	_, err := e.st.SignReport(ctx, rep.ID, 0, e.cadres["王乡长"])
	e.must(err)
	e.must(e.st.Exempt(ctx, e.cadres["赵六"].ID, nov, "培训", e.cadres["李书记"].ID))
	_, err = e.st.OpenReport(ctx, e.cadres["李书记"], nov, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	e.must(err)
	rows, err := e.st.Board(ctx, nov, nil)
	e.must(err)
	want := map[int64][]int{}
	for _, tl := range models.Tally(rows) {
		want[tl.UnitID] = []int{tl.Due, tl.Signed, tl.Submitted - tl.Signed, tl.Returned, tl.Missing, tl.Exempt, tl.OnTime, tl.Late}
	}
	admin := e.login("周部长")
	got := map[int64][]int{}
	for _, cat := range []string{"乡镇一类", "乡镇二类"} {
		_, body := admin.get("/?month=2026-11&category=" + cat)
		for id, f := range figures(body) {
			got[id] = f
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(want) != 2 {
		t.Errorf("总览 figures %v, Tally %v", got, want)
	}
}

// figures reads every unit row of a 总览 page, by unit id.
func figures(body string) map[int64][]int {
	out := map[int64][]int{}
	for _, m := range unitRowRE.FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		for _, n := range numRE.FindAllStringSubmatch(m[2], -1) {
			v, _ := strconv.Atoi(n[1])
			out[id] = append(out[id], v)
		}
	}
	return out
}

// The county's figures are counted at most every TallyTTL: a signature in
// chat shows once it has passed, one on the web at once.
func TestOverviewFollowsChangesInChatAndOnTheWeb(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a, b := e.submitted("张三"), e.submitted("李书记")
	admin := e.login("周部长")
	cg := e.units["城关镇"].ID
	signed := func() int {
		_, body := admin.get("/?month=2026-11&category=乡镇一类")
		return figures(body)[cg][1]
	}
	if n := signed(); n != 0 {
		t.Fatalf("signed before anything: %d", n)
	}
	_, err := e.st.SignReport(ctx, a.ID, 0, e.cadres["李书记"]) // as /sign in chat
	e.must(err)
	e.clock.Advance(21 * time.Second)
	if n := signed(); n != 1 {
		t.Errorf("a signature in chat, after the TTL: %d signed", n)
	}
	li := e.login("李书记")
	li.get("/reports")
	li.post("/reports/sign", url.Values{"id": {fmt.Sprintf("%d:%d", b.ID, b.Version)}})
	if n := signed(); n != 2 {
		t.Errorf("a signature on the web, at once: %d signed", n)
	}
}
