package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestImportPrintsARepeatedProblemOnce: a 1,920-cadre roster whose county
// bodies use a kind the import does not know prints that once, with the
// lines it is on, and a different problem on a line of its own.
func TestImportPrintsARepeatedProblemOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString("单位,单位类型,类别,姓名,职务,分工,角色,工号\n")
	for line := 2; line <= 1921; line++ {
		kind, name := "乡镇", fmt.Sprintf("干部%d", line)
		if line >= 290 {
			kind = "县委部门"
		}
		if line == 1000 {
			name = ""
		}
		fmt.Fprintf(&b, "单位%d,%s,一类,%s,科员,,干部,GS%05d\n", line/16, kind, name, line)
	}
	getenv, _ := rosterEnv(t)
	_, errOut, err := ganshi(getenv, "import", writeFile(t, "花名册.csv", b.String()), "--dry-run")
	if err == nil || !strings.Contains(err.Error(), "listed above") {
		t.Fatalf("import: %v, want the problems listed", err)
	}
	got := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(got) != 2 || !strings.HasPrefix(got[0], "lines 290–1921 (1,632 rows): ") || !strings.Contains(got[0], `"县委部门"`) ||
		!strings.HasPrefix(got[1], "line 1000: ") {
		t.Fatalf("stderr has %d lines, want the unknown kind grouped on one and the empty name on another:\n%.600s", len(got), errOut)
	}
}
