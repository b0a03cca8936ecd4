package roster

import "testing"

// 参加工作年份 or 工龄 (optional) set the year of joining work for the
// annual leave; a value that is neither is a problem on its line.
func TestWorkStartColumns(t *testing.T) {
	rows, err := Parse("r.csv", csvOf(header+",参加工作年份,工龄",
		"城关镇,乡镇,乡镇一类,李明,副镇长,分管城建,干部,GS0002,1998年7月,",
		"城关镇,乡镇,乡镇一类,王芳,副镇长,分管农业,干部,GS0003,,12",
		"城关镇,乡镇,乡镇一类,赵六,副镇长,分管民政,干部,GS0004,,"), EncodingAuto)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].WorkStartYear != 1998 || rows[1].ServiceYears != 12 || rows[2].WorkStartYear != 0 || rows[2].ServiceYears != 0 {
		t.Errorf("rows = %+v", rows)
	}
	got := problemsOf(t, csvOf(header+",参加工作年份", "城关镇,乡镇,乡镇一类,李明,副镇长,分管城建,干部,GS0002,九八年"), EncodingAuto)
	wantProblems(t, got, []string{"line 2", "参加工作年份", "九八年"})
}
