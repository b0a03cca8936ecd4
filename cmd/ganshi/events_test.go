package main

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/ganshi/ganshi/models"
)

// events runs `ganshi events …` through run once the subcommand is
// registered there, and runEvents directly until then.
func events(t *testing.T, getenv func(string) string, args ...string) (string, string, error) {
	t.Helper()
	for _, c := range commands() {
		if c.name == "events" {
			return ganshi(getenv, append([]string{"events"}, args...)...)
		}
	}
	var out, errOut strings.Builder
	err := runEvents(context.Background(), args, getenv, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestEventsImport(t *testing.T) {
	getenv, db := imported(t)
	bad := writeFile(t, "events.csv", "external_id,reason,date,note\n"+
		"GS0003,家庭变故,2026-11-20,父亲病重住院\n"+
		"GS0099,setback,2026-11-20,\n"+
		"GS0001,setback,2026-11-20,\n"+
		"GS0004,心情,2026-02-30\n")
	_, errOut, err := events(t, getenv, "import", bad)
	if err == nil || !strings.Contains(err.Error(), "nothing was recorded") {
		t.Fatalf("bad file: %v", err)
	}
	if !strings.Contains(errOut, `line 5: reason "心情"`) {
		t.Errorf("format problems:\n%s", errOut)
	}
	// Format problems come first; once the format is right, the roster is checked.
	bad = writeFile(t, "events.csv", "GS0003,家庭变故,2026-11-20,父亲病重住院\nGS0099,setback,2026-11-20,\nGS0001,setback,2026-11-20,\n")
	_, errOut, err = events(t, getenv, "import", bad)
	if err == nil || !strings.Contains(errOut, `line 2: no cadre with external_id "GS0099"`) || !strings.Contains(errOut, "line 3: 张建国 (GS0001) has no principal") {
		t.Fatalf("roster problems: %v\n%s", err, errOut)
	}
	st := openDB(t, db)
	ctx := context.Background()
	if due, _ := st.TalksDueUnscheduled(ctx); len(due) != 0 {
		t.Fatalf("a refused file made talks: %+v", due)
	}

	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("GS0003,家庭变故,2026-11-20,父亲病重住院\nGS0012,岗位变动,2026-11-25,调任党政办\n")
	good := writeFile(t, "events-gbk.csv", gbk)
	out, errOut, err := events(t, getenv, "import", good)
	if err != nil || !strings.Contains(out, "2 events recorded, 0 already recorded; 2 talks now owed") {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	out, _, err = events(t, getenv, "import", good)
	if err != nil || !strings.Contains(out, "0 events recorded, 2 already recorded; 0 talks") {
		t.Fatalf("import again: %v\n%s", err, out)
	}
	c, _ := st.CadreByExternalID(ctx, "GS0003")
	talks, err := st.OpenTalksOfCadre(ctx, c.ID)
	if err != nil || len(talks) != 1 || talks[0].Reason != models.TalkFamily || talks[0].LeaderName != "张建国" || talks[0].Note != "父亲病重住院" {
		t.Fatalf("talk: %+v %v", talks, err)
	}
}

func TestEventsWorkdays(t *testing.T) {
	getenv, _ := imported(t)
	out, _, err := events(t, getenv, "workdays")
	if err != nil || !strings.Contains(out, "owed 7 workdays") {
		t.Fatalf("show: %v %s", err, out)
	}
	out, _, err = events(t, getenv, "workdays", "5")
	if err != nil || !strings.Contains(out, "owed 5 workdays") {
		t.Fatalf("set: %v %s", err, out)
	}
	for _, args := range [][]string{{"workdays", "0"}, {"workdays", "x"}, {"nonsense"}, {}} {
		if _, _, err := events(t, getenv, args...); err == nil {
			t.Errorf("events %v was accepted", args)
		}
	}
}
