package roster

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the file. Line 0 means the file as a
// whole (it is empty, it cannot be decoded).
type Problem struct {
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.Msg
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
}

// Problems is every problem found in one file, by line. As an error it
// prints one problem per line, so an operator can fix them all in one pass.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps *Problems) add(line int, format string, args ...any) {
	*ps = append(*ps, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// sorted orders problems by line, keeping the order they were found in
// within a line.
func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}
