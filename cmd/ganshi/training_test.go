package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

func newSession(t *testing.T, getenv func(string) string) {
	t.Helper()
	out, errOut, err := ganshi(getenv, "training", "create", "--kind", "军训", "--title", "2027年集中军训第一批",
		"--start", "2027-06-10 08:00", "--end", "2027-06-12 17:00", "--place", "县人武部训练基地", "--organiser", "GS9001",
		"--hours", "24", "--capacity", "3", "--series", "2027军训", "--batch", "1")
	if err != nil || !strings.Contains(out, "Session 1 created") {
		t.Fatalf("create: %q %v\n%s", out, err, errOut)
	}
}

// Bad input: an invitee list naming a cadre not on the roster is refused
// whole, each problem with its line.
func TestTrainingImportUnknownCadre(t *testing.T) {
	getenv, db := imported(t)
	newSession(t, getenv)
	bad := writeFile(t, "list.csv", "场次,工号,姓名\n1,GS0002,刘志强\n1,GS0099,\nx,GS0003,\n1,GS0004,王五\n")
	_, errOut, err := ganshi(getenv, "training", "import", bad)
	if err == nil {
		t.Fatal("a list with an unknown cadre was accepted")
	}
	for _, want := range []string{`line 3: no cadre with id "GS0099"`, "line 4:", "line 5: id GS0004 is 杨帆 on the roster, the file says 王五"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("problems lack %q:\n%s", want, errOut)
		}
	}
	st := openDB(t, db)
	var n int64
	st.DB().Model(&models.TrainingInvitation{}).Count(&n)
	if n != 0 {
		t.Errorf("%d invitations written from a refused file", n)
	}
}

// Bad input: a batch over capacity.
func TestTrainingInviteOverCapacity(t *testing.T) {
	getenv, _ := imported(t)
	newSession(t, getenv)
	_, _, err := ganshi(getenv, "training", "invite", "1", "--unit", "城关镇")
	if err == nil || !strings.Contains(err.Error(), "full") {
		t.Fatalf("4 people in a batch of 3: %v", err)
	}
	out, _, err := ganshi(getenv, "training", "import", "../../examples/training-invitees.csv")
	if err != nil || !strings.Contains(out, "3 newly invited") || !strings.Contains(out, "3 the bot cannot reach") {
		t.Fatalf("import: %q %v", out, err)
	}
}

func TestTrainingExport(t *testing.T) {
	getenv, db := imported(t)
	newSession(t, getenv)
	if _, _, err := ganshi(getenv, "training", "import", "../../examples/training-invitees.csv"); err != nil {
		t.Fatal(err)
	}
	st := openDB(t, db)
	// 陈晓燕 was there (a check-in recorded directly).
	c, _ := st.CadreByExternalID(context.Background(), "GS0003")
	st.DB().Model(&models.TrainingInvitation{}).Where("cadre_id = ?", c.ID).Update("checked_in_at", st.Now())
	file := filepath.Join(t.TempDir(), "t.xlsx")
	out, errOut, err := ganshi(getenv, "export", "training", "--year", "2027", "--xlsx", file)
	if err != nil || !strings.Contains(out, "1 sessions") {
		t.Fatalf("export: %q %v\n%s", out, err, errOut)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("学时")
	found := false
	for _, r := range rows {
		if len(r) >= 7 && r[1] == "陈晓燕" && r[5] == "24" && r[6] == "24" {
			found = true
		}
	}
	if !found {
		t.Errorf("hours sheet: %v", rows)
	}
	units, _ := f.GetRows("单位汇总")
	if len(units) != 3 || units[1][0] != "城关镇" || units[1][1] != "3" || units[1][3] != "1" || units[2][0] != "全县" {
		t.Errorf("unit summary: %v", units)
	}
}
