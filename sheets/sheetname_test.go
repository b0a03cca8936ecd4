package sheets

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func TestSheetNames(t *testing.T) {
	names := newSheetNames("汇总")
	tests := []struct{ unit, want string }{
		{"城关镇", "城关镇"},
		{"城关镇", "城关镇(2)"},
		{"城关镇", "城关镇(3)"},
		{"汇总", "汇总(2)"},
		{"History", "History(2)"},
		{"a/b\\c?d*e:f[g]h", "a／b＼c？d＊e：f［g］h"},
		{"'quoted'", "quoted"},
		{"  ", "单位"},
		{"''", "单位(2)"},
		{"tab\there", "tab here"},
		{strings.Repeat("测", 40), strings.Repeat("测", 31)},
		{strings.Repeat("测", 35), strings.Repeat("测", 28) + "(2)"},
		{strings.Repeat("😀", 20), strings.Repeat("😀", 15)}, // two UTF-16 units each
		{"ABC", "ABC"},
		{"abc", "abc(2)"}, // Excel compares names without case
	}
	for _, tt := range tests {
		got := names.add(tt.unit)
		if got != tt.want {
			t.Errorf("add(%q) = %q, want %q", tt.unit, got, tt.want)
		}
		if n := len(utf16.Encode([]rune(got))); n > maxSheetName {
			t.Errorf("add(%q) = %q: %d UTF-16 units", tt.unit, got, n)
		}
	}
}

func TestRowHeight(t *testing.T) {
	cols := []column{{"a", 11}, {"b", 21}}
	tests := []struct {
		vals []string
		want float64
	}{
		{[]string{"", ""}, 19},
		{[]string{"五个汉字。", "x"}, 19},            // 10 units fit in 11
		{[]string{"六个汉字汉字", "x"}, 34},           // 12 units wrap once
		{[]string{"x", "1. a\n2. b\n3. c"}, 49}, // three lines
		{[]string{strings.Repeat("长", 5000), ""}, 409},
	}
	for _, tt := range tests {
		if got := rowHeight(tt.vals, cols); got != tt.want {
			t.Errorf("rowHeight(%q) = %v, want %v", tt.vals, got, tt.want)
		}
	}
}
