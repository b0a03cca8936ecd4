package models

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// LineProblem is one thing wrong with a line of an imported file.
type LineProblem struct {
	Line int
	Msg  string
}

func (p LineProblem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

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

// readImport reads a small CSV import file (a UTF-8 BOM is dropped, lines
// starting with # are comments, a first line whose first cell is header is
// skipped) and hands each record with its line number to each, which
// returns a problem or "". Every problem is collected; a CSV syntax error
// stops the reading. The error is LineProblems when the file is wrong.
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
			return append(probs, LineProblem{pe.Line, pe.Err.Error()})
		} else if err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
		line, _ := r.FieldPos(0)
		if first && strings.EqualFold(strings.TrimSpace(rec[0]), header) {
			continue
		}
		if msg := each(line, rec); msg != "" {
			probs = append(probs, LineProblem{line, msg})
		}
	}
	if len(probs) > 0 {
		return probs
	}
	return nil
}
