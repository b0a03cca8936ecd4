package roster

import (
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

func TestHeaderMapping(t *testing.T) {
	wantRow := models.RosterRow{Line: 2, ExternalID: "GS0001", Name: "张建国", Unit: "城关镇", UnitKind: models.UnitTownship,
		Category: "乡镇一类", Position: "党委书记", Duty: "主持全面工作", Role: models.RoleLeader, Lang: "en"}
	for name, c := range map[string]struct{ header, row string }{
		"chinese": {"单位,单位类型,类别,姓名,职务,分工,角色,工号,语言",
			"城关镇,乡镇,乡镇一类,张建国,党委书记,主持全面工作,主要负责同志,GS0001,英文"},
		"english, other order": {"external_id,name,unit,unit_kind,category,position,duty,role,lang",
			"GS0001,张建国,城关镇,township,乡镇一类,党委书记,主持全面工作,leader,en"},
		"mixed, spaced, upper case, extra columns": {" 编号 ,Name,备注,单位, Unit Kind ,CATEGORY,职务,Duty,ROLE,Language,电话",
			"GS0001,张建国,,城关镇,乡镇,乡镇一类,党委书记,主持全面工作,负责人,EN,13800000000"},
		"BOM and required marks": {"\uFEFF单位*,单位类型*,类别,姓名*,职务,分工,角色,工号*,lang",
			"城关镇,乡镇,乡镇一类,张建国,党委书记,主持全面工作,主要负责人,GS0001,en"},
		"full-width": {"ＵＮＩＴ,ｕｎｉｔ＿ｋｉｎｄ,Ｃａｔｅｇｏｒｙ,ＮＡＭＥ,ｐｏｓｉｔｉｏｎ,ｄｕｔｙ,ｒｏｌｅ,ＥＸＴＥＲＮＡＬ＿ＩＤ,ｌａｎｇ",
			"城关镇,ＴＯＷＮＳＨＩＰ,乡镇一类,张建国,党委书记,主持全面工作,ＬＥＡＤＥＲ,ＧＳ０００１,ｅｎ"},
		"title row above the header": {"某某县干部花名册\n单位,单位类型,类别,姓名,职务,分工,角色,工号,语言",
			"城关镇,乡镇,乡镇一类,张建国,党委书记,主持全面工作,主要负责同志,GS0001,en"},
	} {
		t.Run(name, func(t *testing.T) {
			rows, err := Parse("r.csv", csvOf(c.header, c.row), EncodingAuto)
			if err != nil {
				t.Fatal(err)
			}
			want := wantRow
			want.Line = strings.Count(c.header, "\n") + 2
			if len(rows) != 1 || rows[0] != want {
				t.Fatalf("rows = %+v\nwant   %+v", rows, want)
			}
		})
	}
}

func TestCellCleaning(t *testing.T) {
	rows, err := Parse("r.csv", csvOf(header,
		" 城关镇 ,乡镇,乡镇一类,王　五,副镇长, 分管农业 ,,ＧＳ０００２",
		"城关镇,乡镇,乡镇一类,John  Smith,顾问,,cadre,GS0003"), EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	if r := rows[0]; r.Unit != "城关镇" || r.Name != "王五" || r.Duty != "分管农业" || r.ExternalID != "GS0002" || r.Role != models.RoleCadre {
		t.Errorf("row = %+v", r)
	}
	if r := rows[1]; r.Name != "John Smith" {
		t.Errorf("latin name = %q", r.Name)
	}
}

func TestValidationProblems(t *testing.T) {
	long := func(n int) string { return strings.Repeat("长", n) }
	ok := "城关镇,乡镇,乡镇一类,李明,副镇长,分管城建,干部,GS0002"
	for name, c := range map[string]struct {
		lines []string
		want  [][]string
	}{
		"missing columns": {[]string{"单位,姓名,职务,分工,角色,编号", "城关镇,李明,副镇长,,干部,GS0002"},
			[][]string{{"line 1: missing column 单位类型"}, {"line 1: missing column 类别"}}},
		"column twice":      {[]string{header + ",姓名", ok + ",李明"}, [][]string{{"line 1: columns 4 and 9 are both 姓名"}}},
		"姓名 wins over name": {[]string{header + ",Name", ok + ","}, nil},
		"empty name":        {[]string{header, "城关镇,乡镇,乡镇一类,,副镇长,,干部,GS0002"}, [][]string{{"line 2: 姓名 (name) is empty"}}},
		"empty id":          {[]string{header, ok, "城关镇,乡镇,乡镇一类,王五,副镇长,,干部,"}, [][]string{{"line 3: 工号 (external_id) is empty"}}},
		"duplicate id": {[]string{header, ok, "城关镇,乡镇,乡镇一类,王五,副镇长,,干部,GS0002"},
			[][]string{{"line 3:", "GS0002 is also on line 2"}}},
		"unknown kind": {[]string{header, "城关镇,村,乡镇一类,李明,副镇长,,干部,GS0002"},
			[][]string{{"line 2: unknown 单位类型", `"村"`, "乡镇/镇/", "县级机关", "county_body"}}},
		"no kind on any row": {[]string{header, "城关镇,,乡镇一类,李明,副镇长,,干部,GS0002", "城关镇,,,王五,副镇长,,干部,GS0003"},
			[][]string{{"line 2: 城关镇 has no 单位类型 (unit_kind) on any of its rows"}}},
		"unknown role": {[]string{header, "城关镇,乡镇,乡镇一类,李明,副镇长,,书记,GS0002"},
			[][]string{{"line 2: unknown 角色", `"书记"`, "leader", "admin"}}},
		"unknown lang": {[]string{header + ",语言", ok + ",fr"}, [][]string{{"line 2: unknown 语言", "zh"}}},
		"two kinds": {[]string{header, ok, "城关镇,园区,乡镇一类,王五,副镇长,,干部,GS0003"},
			[][]string{{"line 3: 城关镇 is 园区 (park) here but 乡镇 (township) on line 2"}}},
		"two categories": {[]string{header, ok, "城关镇,乡镇,乡镇二类,王五,副镇长,,干部,GS0003"},
			[][]string{{"line 3: 城关镇 is in category \"乡镇二类\" here but \"乡镇一类\" on line 2"}}},
		"two leaders": {[]string{header, "城关镇,乡镇,乡镇一类,张建国,书记,,主要负责同志,GS0001", ok, "城关镇,乡镇,乡镇一类,王五,镇长,,负责人,GS0003"},
			[][]string{{"line 4: 城关镇 has two leaders", "王五 here and 张建国 on line 2"}}},
		"cadre without unit":             {[]string{header, ",,,李明,副镇长,,干部,GS0002"}, [][]string{{"line 2: 单位 (unit) is empty"}}},
		"leader without unit":            {[]string{header, ",,,李明,镇长,,leader,GS0002"}, [][]string{{"line 2: 单位 (unit) is empty"}}},
		"kind given on a later row only": {[]string{header, "城关镇,,,李明,副镇长,,干部,GS0002", "城关镇,乡镇,乡镇一类,王五,副镇长,,干部,GS0003"}, nil},
		"too long": {[]string{header, strings.Join([]string{long(101), "乡镇", long(101), long(101), long(201), long(501), "干部", strings.Repeat("9", 65)}, ",")},
			[][]string{{"line 2: 单位 (unit) is 101 characters long, at most 100"}, {"类别 (category) is 101"}, {"姓名 (name) is 101"},
				{"职务 (position) is 201", "at most 200"}, {"分工 (duty) is 501", "at most 500"}, {"工号 (external_id) is 65", "at most 64"}}},
		"exactly at the limits": {[]string{header, strings.Join([]string{long(100), "乡镇", "", long(100), long(200), long(500), "干部", strings.Repeat("9", 64)}, ",")}, nil},
	} {
		t.Run(name, func(t *testing.T) { wantProblems(t, problemsOf(t, csvOf(c.lines...), EncodingAuto), c.want...) })
	}
}

func TestEveryProblemAtOnce(t *testing.T) {
	got := problemsOf(t, csvOf(header,
		"城关镇,乡镇,乡镇一类,张建国,书记,,主要负责同志,GS0001",
		"城关镇,乡镇,乡镇一类,,副镇长,,干部,GS0002",
		"城关镇,乡镇,乡镇一类,王五,镇长,,主要负责同志,GS0001",
		"河西乡,乡镇,乡镇二类,赵六,副乡长,,干部",
		"河西乡,乡镇,乡镇二类,钱八,副乡长,,干部,GS0008",
		"河西乡,园区,乡镇二类,孙七,副乡长,,打工人,GS0007",
		",,,周敏,科长,,干部,GS0099",
	), EncodingAuto)
	wantProblems(t, got,
		[]string{"line 3: 姓名 (name) is empty"},
		[]string{"line 4: 工号 (external_id) GS0001 is also on line 2"},
		[]string{"line 4: 城关镇 has two leaders"},
		[]string{"line 5: 7 fields, but the header has 8"},
		[]string{"line 7: unknown 角色"},
		[]string{"line 7: 河西乡 is 园区 (park) here but 乡镇 (township) on line 6"},
		[]string{"line 8: 单位 (unit) is empty"},
	)
}

func TestFirstHeaderNameWins(t *testing.T) {
	rows, err := Parse("r.csv", csvOf("编号,"+header, "1,城关镇,乡镇,乡镇一类,李明,副镇长,,干部,GS0002"), EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].ExternalID != "GS0002" {
		t.Fatalf("external id = %q: the serial 编号 column won over 工号", rows[0].ExternalID)
	}
}
