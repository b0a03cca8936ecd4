package models

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// LineProblem is one thing wrong with an imported file: on Line, or, when
// GroupLineProblems found the same problem on several lines, on every line
// in Lines (Line is then the first). Line 0 means the file as a whole.
type LineProblem struct {
	Line  int
	Msg   string
	Lines []int
}

func (p LineProblem) String() string {
	if p.Line == 0 && len(p.Lines) == 0 {
		return p.Msg
	}
	return linesText(p.lines()) + ": " + p.Msg
}

func (p LineProblem) lines() []int {
	if len(p.Lines) > 0 {
		return p.Lines
	}
	return []int{p.Line}
}

// LineProblems lists everything wrong with a file; as an error it prints
// one problem a line so a person can fix them all in one pass.
type LineProblems []LineProblem

func (ps LineProblems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// GroupLineProblems merges problems that say the same thing into one that
// names every line it is on: a value wrong on 1,632 rows is then one line
// of output a person can read, not 1,632. Problems that differ stay apart,
// ordered by their first line (and as found within a line); problems about
// the whole file (line 0) are never merged.
func GroupLineProblems[S ~[]LineProblem](ps S) S {
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(a, b LineProblem) int { return cmp.Compare(a.Line, b.Line) })
	var out S
	at := map[string]int{}
	for _, p := range sorted {
		if i, ok := at[p.Msg]; ok && p.Line != 0 {
			out[i].Lines = append(out[i].lines(), p.lines()...)
			continue
		}
		if p.Line != 0 {
			at[p.Msg] = len(out)
		}
		p.Lines = slices.Clone(p.Lines) // appended to above: never the caller's array
		out = append(out, p)
	}
	for i := range out {
		slices.Sort(out[i].Lines)
		if out[i].Lines = slices.Compact(out[i].Lines); len(out[i].Lines) == 1 {
			out[i].Lines = nil
		}
	}
	return out
}

// maxRuns is how many runs of lines a grouped problem names before "…".
const maxRuns = 5

// linesText names sorted lines as a person looks them up: "line 7",
// "lines 3, 7–9, 12 (5 rows)", "lines 290–1921 (1,632 rows)"; past maxRuns
// runs, the first few and "…" before the count.
func linesText(lines []int) string {
	if len(lines) == 1 {
		return fmt.Sprintf("line %d", lines[0])
	}
	var runs []string
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if len(runs) == maxRuns {
			runs = append(runs, "…")
			break
		}
		run := strconv.Itoa(lines[i])
		if j > i {
			run += "–" + strconv.Itoa(lines[j])
		}
		runs = append(runs, run)
		i = j + 1
	}
	return fmt.Sprintf("lines %s (%s rows)", strings.Join(runs, ", "), thousands(len(lines)))
}

// thousands writes 1632 as 1,632.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// readImport reads a small CSV import file (a UTF-8 BOM is dropped, lines
// starting with # are comments, a first line whose first cell is header is
// skipped) and hands each record with its line number to each, which
// returns a problem or "". Every problem is collected; a CSV syntax error
// stops the reading. The error is LineProblems, grouped, when the file is
// wrong.
func readImport(data []byte, header, what string, each func(line int, rec []string) string) error {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comment, r.FieldsPerRecord, r.TrimLeadingSpace = '#', -1, true
	var probs LineProblems
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return GroupLineProblems(append(probs, LineProblem{Line: pe.Line, Msg: pe.Err.Error()}))
		} else if err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
		line, _ := r.FieldPos(0)
		if first && strings.EqualFold(strings.TrimSpace(rec[0]), header) {
			continue
		}
		if msg := each(line, rec); msg != "" {
			probs = append(probs, LineProblem{Line: line, Msg: msg})
		}
	}
	if len(probs) > 0 {
		return GroupLineProblems(probs)
	}
	return nil
}
