package roster

import (
	"strings"
	"testing"
)

// header is a complete Chinese header; rows below follow its order.
const header = "单位,单位类型,类别,姓名,职务,分工,角色,工号"

func csvOf(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// problemsOf parses a CSV and returns its problems as strings.
func problemsOf(t *testing.T, data []byte, encoding string) []string {
	t.Helper()
	_, err := Parse("roster.csv", data, encoding)
	if err == nil {
		return nil
	}
	ps, ok := err.(Problems)
	if !ok {
		t.Fatalf("error is %T (%v), want Problems", err, err)
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// wantProblems checks that each problem starts with the wanted prefix and
// contains the wanted words, in order, and that there are no others.
func wantProblems(t *testing.T, got []string, want ...[]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		for _, part := range w {
			if !strings.Contains(got[i], part) {
				t.Errorf("problem %d = %q, want it to contain %q", i, got[i], part)
			}
		}
	}
}
