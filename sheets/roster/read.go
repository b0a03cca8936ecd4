package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/ganshi/ganshi/models"
)

// Encodings a CSV file may be read in. EncodingAuto takes UTF-8 when the
// bytes are valid UTF-8 and GBK otherwise: Excel on a Chinese Windows saves
// "CSV" in GBK, and GBK text with Chinese in it is practically never valid
// UTF-8 by accident.
const (
	EncodingAuto = ""
	EncodingUTF8 = "utf-8"
	EncodingGBK  = "gbk"
)

// ParseEncoding reads an --encoding value; GB2312 and CP936 are GBK's
// subset and Windows name, so they are accepted as GBK.
func ParseEncoding(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return EncodingAuto, nil
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "gbk", "gb2312", "cp936":
		return EncodingGBK, nil
	}
	return "", fmt.Errorf("unknown encoding %q: use utf-8 or gbk", s)
}

// Record is one non-blank row as read, before any checking.
type Record struct {
	Line   int // the line the row starts on, as a spreadsheet program counts
	Fields []string
}

// ReadCSV decodes data and splits it into records. A row with a different
// number of fields than the header is reported and left out; a quoting
// error ends reading, because the parser cannot tell where the next row
// starts.
func ReadCSV(data []byte, encoding string) ([]Record, Problems) {
	text, probs := decode(data, encoding)
	if len(probs) > 0 {
		return nil, probs
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1 // ragged rows are reported below, all of them
	var recs []Record
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			probs = append(probs, models.CSVSyntaxProblem(pe))
			break
		}
		if err != nil {
			probs.add(0, "roster_read_failed", err)
			break
		}
		if line, _ := r.FieldPos(0); !blank(fields) {
			recs = append(recs, Record{Line: line, Fields: fields})
		}
	}
	return dropRagged(recs, &probs), probs
}

// dropRagged reports and leaves out rows below the header whose number of
// fields differs from the header's. Title rows above it may differ.
func dropRagged(recs []Record, probs *Problems) []Record {
	if len(recs) == 0 {
		return recs
	}
	h := headerAt(recs)
	width, kept := len(recs[h].Fields), recs[:h+1]
	for _, r := range recs[h+1:] {
		if len(r.Fields) != width {
			probs.add(r.Line, "roster_ragged", len(r.Fields), width)
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

// decode returns the text of a CSV file in the given encoding.
func decode(data []byte, encoding string) (string, Problems) {
	var probs Problems
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		probs.add(0, "roster_utf16")
		return "", probs
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if encoding == EncodingUTF8 || (encoding == EncodingAuto && utf8.Valid(data)) {
		if !utf8.Valid(data) {
			probs.add(lineOf(data, firstInvalid(data)), "roster_not_utf8")
		}
		return string(data), probs
	}
	text, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
	if err != nil {
		probs.add(0, "roster_gbk_failed", err)
		return "", probs
	}
	// The decoder turns bytes that are not GBK into U+FFFD.
	if i := bytes.IndexRune(text, utf8.RuneError); i >= 0 {
		probs.add(lineOf(text, i), "roster_not_gbk")
	}
	return string(text), probs
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func lineOf(b []byte, offset int) int { return bytes.Count(b[:offset], []byte("\n")) + 1 }

// ReadXLSX reads the first sheet of a workbook. A merged cell's value is
// copied to every cell it covers: rosters often merge the unit column over
// all of a unit's rows.
func ReadXLSX(data []byte) ([]Record, Problems) {
	var probs Problems
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		probs.add(0, "roster_xlsx_open", err)
		return nil, probs
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		probs.add(0, "roster_xlsx_no_sheets")
		return nil, probs
	}
	sheet := sheets[0]
	rows, err := f.GetRows(sheet)
	if err == nil {
		err = fillMerged(f, sheet, rows)
	}
	if err != nil {
		probs.add(0, "roster_xlsx_sheet", sheet, err)
		return nil, probs
	}
	var recs []Record
	for i, row := range rows {
		if !blank(row) {
			recs = append(recs, Record{Line: i + 1, Fields: row})
		}
	}
	return recs, probs
}

func fillMerged(f *excelize.File, sheet string, rows [][]string) error {
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		return err
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		for r := r1; r <= r2 && r <= len(rows); r++ {
			for len(rows[r-1]) < c2 {
				rows[r-1] = append(rows[r-1], "")
			}
			for c := c1; c <= c2; c++ {
				rows[r-1][c-1] = m.GetCellValue()
			}
		}
	}
	return nil
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
