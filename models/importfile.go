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

	"github.com/ganshi/ganshi/texts"
)

// LineProblem is one thing wrong with an imported file: on Line, or, when
// GroupLineProblems found the same problem on several lines, on every line
// in Lines (Line is then the first). Line 0 means the file as a whole. Msg
// says what is wrong in no language yet: each edge renders it with Text
// in its reader's.
type LineProblem struct {
	Line  int
	Msg   texts.Msg
	Lines []int
}

// Problem is a LineProblem saying key with args.
func Problem(line int, key string, args ...any) LineProblem {
	return LineProblem{Line: line, Msg: texts.M(key, args...)}
}

// Text is the problem as a person reads it in lang, the lines first:
// "第3行：姓名为空，请补填", "lines 290–1921 (1,632 rows): …".
func (p LineProblem) Text(lang string) string {
	msg := p.Msg.Text(lang)
	if p.Line == 0 && len(p.Lines) == 0 {
		return msg
	}
	return linesText(lang, p.lines(), msg)
}

// String is the problem in English, the language of logs.
func (p LineProblem) String() string { return p.Text(texts.EN) }

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
		same := fmt.Sprintf("%#v", p.Msg) // the same key with the same arguments
		if i, ok := at[same]; ok && p.Line != 0 {
			out[i].Lines = append(out[i].lines(), p.lines()...)
			continue
		}
		if p.Line != 0 {
			at[same] = len(out)
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

// linesText puts the lines before msg as a person looks them up:
// "第7行", "第3、7—9、12行（共5行）", "lines 290–1921 (1,632 rows)"; past
// maxRuns runs, the first few and "…" (等) before the count.
func linesText(lang string, lines []int, msg string) string {
	if len(lines) == 1 {
		return texts.T(lang, "line_one", lines[0], msg)
	}
	var runs []string
	more := false
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if len(runs) == maxRuns {
			more = true
			break
		}
		run := strconv.Itoa(lines[i])
		if j > i {
			run = texts.T(lang, "line_range", lines[i], lines[j])
		}
		runs = append(runs, run)
		i = j + 1
	}
	var named any = texts.List(runs)
	if more {
		named = texts.M("line_more", named)
	}
	count := strconv.Itoa(len(lines))
	if texts.Lang(lang) == texts.EN {
		count = thousands(len(lines))
	}
	return texts.T(lang, "line_many", named, count, msg)
}

// thousands writes 1632 as 1,632.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// CSVSyntaxProblem explains a CSV quoting error on the line its row starts
// on; an unclosed quote makes the parser read on and fail lines later.
func CSVSyntaxProblem(pe *csv.ParseError) LineProblem {
	switch {
	case pe.Line != pe.StartLine:
		return Problem(pe.StartLine, "file_unclosed_quote", pe.Line)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return Problem(pe.StartLine, "file_bare_quote")
	}
	return Problem(pe.StartLine, "file_quote")
}

// readImport reads a small CSV import file (a UTF-8 BOM is dropped, lines
// starting with # are comments, a first line whose first cell is header is
// skipped) and hands each record with its line number to each, which
// returns a problem or a Msg with no key. Every problem is collected; a CSV syntax error
// stops the reading. The error is LineProblems, grouped, when the file is
// wrong.
func readImport(data []byte, header, what string, each func(line int, rec []string) texts.Msg) error {
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
			return GroupLineProblems(append(probs, CSVSyntaxProblem(pe)))
		} else if err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
		line, _ := r.FieldPos(0)
		if first && strings.EqualFold(strings.TrimSpace(rec[0]), header) {
			continue
		}
		if msg := each(line, rec); msg.Key != "" {
			probs = append(probs, LineProblem{Line: line, Msg: msg})
		}
	}
	if len(probs) > 0 {
		return GroupLineProblems(probs)
	}
	return nil
}
