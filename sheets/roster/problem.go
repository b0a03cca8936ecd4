package roster

import (
	"sort"

	"github.com/ganshi/ganshi/models"
)

// Problem is one thing wrong with the file. Line 0 means the file as a
// whole (it is empty, it cannot be decoded). It is the line problem every
// whole-file import uses, so that all of them print and group alike; an
// edge shows it with Text in its reader's language (texts' roster_ keys).
type Problem = models.LineProblem

// Problems is every problem found in one file, by line. As an error it
// prints one problem per line (in English, for logs), so an operator can
// fix them all in one pass.
type Problems []Problem

func (ps Problems) Error() string { return models.LineProblems(ps).Error() }

func (ps *Problems) add(line int, key string, args ...any) {
	*ps = append(*ps, models.Problem(line, key, args...))
}

// sorted orders problems by line, keeping the order they were found in
// within a line.
func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}
