package models_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
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
	p := func(line int, msg string) models.LineProblem { return models.LineProblem{Line: line, Msg: msg} }
	var scattered models.LineProblems
	for line := 2; line <= 3264; line += 2 {
		scattered = append(scattered, p(line, "unknown kind"))
	}
	for name, c := range map[string]struct {
		in   models.LineProblems
		want []string
	}{
		"one":      {models.LineProblems{p(7, "a")}, []string{"line 7: a"}},
		"the file": {models.LineProblems{p(0, "empty"), p(0, "empty")}, []string{"empty", "empty"}},
		"runs, out of order, repeated": {models.LineProblems{p(12, "a"), p(8, "a"), p(3, "a"), p(9, "a"), p(7, "a"), p(8, "a")},
			[]string{"lines 3, 7–9, 12 (5 rows): a"}},
		"different problems stay apart, by first line": {models.LineProblems{p(5, "b"), p(2, "a"), p(4, "c"), p(6, "a"), p(4, "b")},
			[]string{"lines 2, 6 (2 rows): a", "line 4: c", "lines 4–5 (2 rows): b"}},
		"found order within a line": {models.LineProblems{p(2, "z"), p(2, "y")}, []string{"line 2: z", "line 2: y"}},
		"many runs":                 {scattered, []string{"lines 2, 4, 6, 8, 10, … (1,632 rows): unknown kind"}},
	} {
		if diff := linesDiff(c.want, problemLines(models.GroupLineProblems(c.in))); diff != "" {
			t.Errorf("%s \n%s", name, diff)
		}
	}
	once := models.GroupLineProblems(models.LineProblems{p(3, "a"), p(4, "a")})
	again := models.GroupLineProblems(append(once, p(9, "a"), p(5, "b")))
	if diff := linesDiff([]string{"lines 3–4, 9 (3 rows): a", "line 5: b"}, problemLines(again)); diff != "" {
		t.Errorf("grouping grouped problems \n%s", diff)
	}
	if once[0].String() != "lines 3–4 (2 rows): a" {
		t.Errorf("grouping again changed the first result: %q", once[0])
	}
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
