package telegram

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	line := strings.Repeat("实", 99) + "\n" // 100 runes with the newline
	tests := []struct {
		name      string
		text      string
		max       int
		wantParts int
	}{
		{"short stays whole", "你好", 4096, 1},
		{"exactly the limit", strings.Repeat("a", 4096), 4096, 1},
		{"4097 characters", strings.Repeat("a", 4097), 4096, 2},
		{"lines fill parts", strings.Repeat(line, 100), 4096, 3},
		{"emoji count twice", strings.Repeat("😀", 3000), 4096, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := Split(tt.text, tt.max)
			if len(parts) != tt.wantParts {
				t.Fatalf("got %d parts, want %d", len(parts), tt.wantParts)
			}
			var joined int
			for _, p := range parts {
				n := Length(p)
				if n > tt.max || n == 0 {
					t.Fatalf("part of %d characters", n)
				}
				joined += n
			}
			if lost := Length(strings.TrimRight(tt.text, "\n")) - joined; lost < 0 || lost > len(parts) {
				t.Fatalf("text changed by %d characters beyond the newlines at cuts", lost)
			}
		})
	}
}

func TestSplitCutsAtLineEnds(t *testing.T) {
	text := strings.Repeat("第1条 完成征收 35 户\n", 400)
	for _, p := range Split(text, 4096) {
		if !strings.HasSuffix(p, "户") {
			t.Fatalf("part ends mid-line: %q", p[len(p)-20:])
		}
	}
}

func TestSplitNeverCutsEntityOrTag(t *testing.T) {
	text := strings.Repeat("&amp;<b>x</b>", 1000) // one long line
	for _, p := range Split(text, 100) {
		if strings.Count(p, "<b>") != strings.Count(p, "</b>") {
			t.Fatalf("tag cut: %q", p)
		}
		if strings.Count(p, "&") != strings.Count(p, "&amp;") {
			t.Fatalf("entity cut: %q", p)
		}
	}
}

func TestParseUpdateKeepsOddUpdates(t *testing.T) {
	u, err := ParseUpdate([]byte(`{"update_id":7,"message":{"chat":{"id":"not a number"}}}`))
	if err != nil || u.ID != 7 || u.ChatID != 0 {
		t.Fatalf("odd update: %+v, %v; want it kept with id 7", u, err)
	}
	u, err = ParseUpdate([]byte(`{"update_id":8,"message":{"message_id":1,"date":0,"chat":{"id":42,"type":"private"}}}`))
	if err != nil || u.ChatID != 42 {
		t.Fatalf("normal update: %+v, %v", u, err)
	}
	if _, err := ParseUpdate([]byte(`{"message":{}}`)); err == nil {
		t.Fatal("update without update_id accepted")
	}
}
