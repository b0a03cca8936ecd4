package roster

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/texts"
)

// TestSameProblemOnManyRowsIsOneLine is a county's 1,920-cadre roster whose
// county bodies carry a kind the import does not know: 1,632 rows with the
// same mistake must read as one problem, not 1,632.
func TestSameProblemOnManyRowsIsOneLine(t *testing.T) {
	lines := []string{header}
	for i := 2; i <= 1921; i++ {
		kind := "乡镇"
		if i >= 290 {
			kind = "县委部门"
		}
		lines = append(lines, fmt.Sprintf("单位%d,%s,一类,干部%d,科员,,干部,GS%05d", i/10, kind, i, i))
	}
	got := problemsOf(t, csvOf(lines...), EncodingAuto)
	wantProblems(t, got, []string{`lines 290–1921 (1,632 rows): unknown 单位类型 (unit_kind) "县委部门" (allowed: 乡镇/`})
	if !strings.HasPrefix(got[0], "lines 290–1921 (1,632 rows): ") {
		t.Errorf("problem = %q", got[0])
	}
}

// TestDifferentProblemsStaySeparate mixes several mistakes over scattered
// rows: each distinct problem is one line naming its rows compactly, and
// the lines come in the order of each problem's first row.
func TestDifferentProblemsStaySeparate(t *testing.T) {
	lines := []string{header}
	for i := 2; i <= 40; i++ {
		kind, name, id := "乡镇", fmt.Sprintf("干部%d", i), fmt.Sprintf("GS%04d", i)
		switch {
		case i == 3 || (i >= 7 && i <= 9) || i == 12:
			kind = "县委部门"
		case i == 5 || i == 30:
			kind = "村"
		case i == 6:
			name = ""
		case i%2 == 0 && i >= 14:
			id = ""
		}
		lines = append(lines, fmt.Sprintf("单位%d,%s,一类,%s,科员,,干部,%s", i, kind, name, id))
	}
	got := problemsOf(t, csvOf(lines...), EncodingAuto)
	wantProblems(t, got,
		[]string{`lines 3, 7–9, 12 (5 rows): unknown 单位类型 (unit_kind) "县委部门"`},
		[]string{`lines 5, 30 (2 rows): unknown 单位类型 (unit_kind) "村"`},
		[]string{"line 6: 姓名 (name) is empty"},
		[]string{"lines 14, 16, 18, 20, 22, … (13 rows): 工号 (external_id) is empty"},
	)
	for _, g := range got {
		if strings.Count(g, "\n") > 0 {
			t.Errorf("problem spans lines: %q", g)
		}
	}
}

// The same problems read in Chinese by default at every edge that renders
// them with Text: the column by its Chinese header, the kinds by their
// Chinese names, the lines as 第…行.
func TestProblemsInChinese(t *testing.T) {
	_, err := Parse("roster.csv", csvOf(header,
		"城关镇,乡镇,乡镇一类,张建国,书记,,主要负责同志,GS0001",
		"城关镇,园区,乡镇一类,王五,副镇长,,主要负责人,GS0001",
		"河西乡,乡镇,一类,,乡长,,书记,GS0003",
		"河西乡,乡镇,二类,王六,乡长,,干部,GS0004",
	), EncodingAuto)
	ps, ok := err.(Problems)
	if !ok {
		t.Fatalf("error is %T (%v), want Problems", err, err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Text(texts.ZH))
	}
	wantProblems(t, got,
		[]string{"第3行：工号GS0001与第2行重复"},
		[]string{"第3行：城关镇在本行是园区，在第2行却是乡镇；同一单位的类型要一致"},
		[]string{"第3行：城关镇有两位主要负责同志：本行的王五和第2行的张建国；每个单位只能有一位"},
		[]string{"第4行：姓名为空，请补填"},
		[]string{"第4行：角色“书记”无法识别，请改为以下之一：干部/cadre、主要负责同志/", "；留空即为干部"},
		[]string{"第5行：河西乡在本行的类别是“二类”，在第4行却是“一类”；同一单位的类别要一致"},
	)
}
