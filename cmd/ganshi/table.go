package main

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// cols is how many terminal columns s takes: Chinese characters take two.
func cols(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// pad fills s with spaces to n terminal columns, at least one.
func pad(s string, n int) string { return s + strings.Repeat(" ", max(n-cols(s), 1)) }

// writeTable prints rows (the header first) in aligned columns two spaces
// apart, counting a Chinese character as two columns as a terminal shows
// it (text/tabwriter counts it as one). Columns listed in right are
// aligned right: figures.
func writeTable(w io.Writer, rows [][]string, right ...int) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cols(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			gap := strings.Repeat(" ", widths[i]-cols(c))
			switch {
			case contains(right, i):
				b.WriteString(gap + c)
			case i < len(r)-1:
				b.WriteString(c + gap)
			default:
				b.WriteString(c)
			}
			if i < len(r)-1 {
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

func contains(list []int, i int) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}
