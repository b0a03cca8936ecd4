package models_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/texts"
)

// linesDiff says how got differs from want, or "" when it does not.
func linesDiff(want, got []string) string {
	if strings.Join(want, "\n") == strings.Join(got, "\n") {
		return ""
	}
	return "want:\n" + strings.Join(want, "\n") + "\ngot:\n" + strings.Join(got, "\n")
}

// problemLines renders problems as the command line prints them.
func problemLines(ps models.LineProblems) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func TestGroupLineProblems(t *testing.T) {
	// The grouping and the line names are what is tested here: each problem
	// names an external id, its text in English is nc(id).
	p := func(line int, id string) models.LineProblem { return models.Problem(line, "events_no_cadre", id) }
	nc := func(id string) string { return fmt.Sprintf(`no cadre with external_id "%s" on the roster`, id) }
	var scattered models.LineProblems
	for line := 2; line <= 3264; line += 2 {
		scattered = append(scattered, p(line, "k"))
	}
	for name, c := range map[string]struct {
		in   models.LineProblems
		want []string
	}{
		"one":      {models.LineProblems{p(7, "a")}, []string{"line 7: " + nc("a")}},
		"the file": {models.LineProblems{p(0, "e"), p(0, "e")}, []string{nc("e"), nc("e")}},
		"runs, out of order, repeated": {models.LineProblems{p(12, "a"), p(8, "a"), p(3, "a"), p(9, "a"), p(7, "a"), p(8, "a")},
			[]string{"lines 3, 7–9, 12 (5 rows): " + nc("a")}},
		"different problems stay apart, by first line": {models.LineProblems{p(5, "b"), p(2, "a"), p(4, "c"), p(6, "a"), p(4, "b")},
			[]string{"lines 2, 6 (2 rows): " + nc("a"), "line 4: " + nc("c"), "lines 4–5 (2 rows): " + nc("b")}},
		"found order within a line": {models.LineProblems{p(2, "z"), p(2, "y")}, []string{"line 2: " + nc("z"), "line 2: " + nc("y")}},
		"many runs":                 {scattered, []string{"lines 2, 4, 6, 8, 10, … (1,632 rows): " + nc("k")}},
	} {
		if diff := linesDiff(c.want, problemLines(models.GroupLineProblems(c.in))); diff != "" {
			t.Errorf("%s \n%s", name, diff)
		}
	}
	once := models.GroupLineProblems(models.LineProblems{p(3, "a"), p(4, "a")})
	again := models.GroupLineProblems(append(once, p(9, "a"), p(5, "b")))
	if diff := linesDiff([]string{"lines 3–4, 9 (3 rows): " + nc("a"), "line 5: " + nc("b")}, problemLines(again)); diff != "" {
		t.Errorf("grouping grouped problems \n%s", diff)
	}
	if once[0].String() != "lines 3–4 (2 rows): "+nc("a") {
		t.Errorf("grouping again changed the first result: %q", once[0])
	}
}

// A Chinese reader gets the lines the Chinese way: 第…行, runs joined with
// 、, the count without a thousands comma, 等 for the runs left out, and
// the problem itself in Chinese.
func TestLineProblemsInChinese(t *testing.T) {
	p := func(line int) models.LineProblem { return models.Problem(line, "events_no_cadre", "GS9") }
	var scattered models.LineProblems
	for line := 2; line <= 3264; line += 2 {
		scattered = append(scattered, p(line))
	}
	for _, c := range []struct {
		in   models.LineProblems
		want string
	}{
		{models.LineProblems{p(7)}, "第7行：名册中没有工号为“GS9”的干部，请核对工号"},
		{models.LineProblems{p(12), p(3), p(8), p(9), p(7)}, "第3、7—9、12行（共5行）：名册中没有工号为“GS9”的干部，请核对工号"},
		{scattered, "第2、4、6、8、10等行（共1632行）：名册中没有工号为“GS9”的干部，请核对工号"},
		{models.LineProblems{models.Problem(0, "calendar_empty")}, "文件里没有列出任何日子，请按“2026-10-01,holiday,国庆节”的格式逐行填写"},
	} {
		got := models.GroupLineProblems(c.in)
		if len(got) != 1 || got[0].Text(texts.ZH) != c.want {
			t.Errorf("got %v, want %q", problemText(got, texts.ZH), c.want)
		}
	}
}

func problemText(ps models.LineProblems, lang string) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text(lang))
	}
	return out
}

// TestCalendarAndEventsGroupProblems: the calendar and events imports
// print a mistake repeated down a file once, as the roster import does.
func TestCalendarAndEventsGroupProblems(t *testing.T) {
	var cal strings.Builder
	cal.WriteString("date,type,name\n")
	for d := 1; d <= 20; d++ {
		kind := "rest"
		if d == 4 {
			kind = "holiday,国庆节,extra"
		}
		fmt.Fprintf(&cal, "2027-10-%02d,%s\n", d, kind)
	}
	_, err := models.ParseCalendarCSV([]byte(cal.String()))
	var probs models.CalendarProblems
	if !errors.As(err, &probs) {
		t.Fatalf("calendar: %v", err)
	}
	want := []string{`lines 2–4, 6–21 (19 rows): type "rest": use holiday or workday`,
		"line 5: expected date,type,name (2 or 3 fields), got 4 fields"}
	if diff := linesDiff(want, problemLines(probs)); diff != "" {
		t.Errorf("calendar problems \n%s", diff)
	}
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		var lines []models.EventLine
		for l := 2; l <= 6; l++ {
			lines = append(lines, models.EventLine{Line: l, ExternalID: []string{"NOBODY", "GONE"}[l%2], Reason: models.TalkFamily, Day: "2026-11-01"})
		}
		_, err := st.ImportEvents(context.Background(), lines, nil)
		var probs models.EventProblems
		if !errors.As(err, &probs) {
			t.Fatalf("events: %v", err)
		}
		want := []string{`lines 2, 4, 6 (3 rows): no cadre with external_id "NOBODY" on the roster`,
			`lines 3, 5 (2 rows): no cadre with external_id "GONE" on the roster`}
		if diff := linesDiff(want, problemLines(probs)); diff != "" {
			t.Errorf("events problems \n%s", diff)
		}
	})
}
