package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// unitRowRE reads one unit's figures from the 总览: due, the five parts
// (signed on time, signed late, awaiting, returned, not submitted), exempt.
var unitRowRE = regexp.MustCompile(`unit=(\d+)">[^<]+</a></td>` + `((?:<td class="num">\d+</td>){7})`)
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
	// A report signed that was submitted late: a part of its own.
	late := e.submitted("王乡长")
	e.must(e.st.DB().Model(&models.Report{}).Where("id = ?", late.ID).Update("late", true).Error)
	_, err = e.st.SignReport(ctx, late.ID, 0, e.cadres["王乡长"])
	e.must(err)
	e.must(e.st.Exempt(ctx, e.cadres["赵六"].ID, nov, "培训", e.cadres["李书记"].ID))
	_, err = e.st.OpenReport(ctx, e.cadres["李书记"], nov, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	e.must(err)
	rows, err := e.st.Board(ctx, nov, nil)
	e.must(err)
	want := map[int64][]int{}
	for _, tl := range models.Tally(rows) {
		p := tl.Parts()
		want[tl.UnitID] = []int{tl.Due, p[0], p[1], p[2], p[3], p[4], tl.Exempt}
	}
	admin := e.login("周部长")
	got := map[int64][]int{}
	for _, cat := range []string{"乡镇一类", "乡镇二类"} {
		_, body := admin.get("/?month=2026-11&category=" + cat)
		for id, f := range figures(body) {
			got[id] = f
		}
		// The columns in the words and order of the digests and /reports.
		heads := []string{texts.T(texts.ZH, "tally_due")}
		for _, part := range models.TallyParts {
			heads = append(heads, texts.T(texts.ZH, "tally_"+part))
		}
		heads = append(heads, texts.T(texts.ZH, "tally_exempt"))
		if !regexp.MustCompile(`<th class="num">` + strings.Join(heads, `</th><th class="num">`) + `</th>`).MatchString(body) {
			t.Errorf("总览 of %s does not head its figures %v", cat, heads)
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
		f := figures(body)[cg]
		return f[1] + f[2] // signed on time and late
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
