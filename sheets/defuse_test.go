package sheets_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
)

// payloads are what a person could type as a name to make a spreadsheet
// run something: every character a formula may start with.
var payloads = []string{`=HYPERLINK("http://evil.example","点我")`, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"}

// writer writes one sheet whose cells include name where a person's name,
// a unit or a record goes.
type writer struct {
	name string
	csv  bool
	// cells is how many cells must hold name, defused: a writer that drops
	// a field would pass an "every cell" check by showing nothing.
	cells int
	write func(w io.Writer, name string) error
}

var writers = []writer{
	{"ReportsCSV", true, 2, func(w io.Writer, name string) error {
		id, status := int64(1), models.ReportSubmitted
		rows := []models.BoardRow{{UnitID: 1, UnitName: name, Name: name, ReportID: &id, Status: &status}}
		return sheets.ReportsCSV(w, nov, rows, nil, shanghai)
	}},
	{"ReportsXLSX", false, 3, func(w io.Writer, name string) error {
		// the summary's unit, the unit sheet's title (the unit's name
		// first) and the cadre on it
		id, status := int64(1), models.ReportSubmitted
		rows := []models.BoardRow{{UnitID: 1, UnitName: name, Name: name, ReportID: &id, Status: &status}}
		return sheets.ReportsXLSX(w, nov, rows, nil, shanghai)
	}},
	{"InvitesCSV", true, 1, func(w io.Writer, name string) error {
		return sheets.InvitesCSV(w, []models.Invitation{{Cadre: models.Cadre{Name: name}, Unit: "城关镇", Code: "C"}},
			func(c string) string { return "https://t.me/b?start=" + c }, due)
	}},
	{"InvitesXLSX", false, 1, func(w io.Writer, name string) error {
		return sheets.InvitesXLSX(w, []models.Invitation{{Cadre: models.Cadre{Name: name}, Unit: "城关镇", Code: "C"}},
			func(c string) string { return "https://t.me/b?start=" + c }, due)
	}},
	{"TalksLedger", false, 2, func(w io.Writer, name string) error {
		at := time.Date(2026, 11, 10, 7, 0, 0, 0, time.UTC)
		rows := []models.TalkRow{{Talk: models.Talk{Reason: models.TalkFamily, StartsAt: &at, RecordStep: models.RecordDone,
			Summary: name}, CadreName: name, LeaderName: "李书记"}}
		return sheets.TalksLedger(w, "2026-11-01", "2026-11-30", rows, shanghai)
	}},
	{"Table", false, 2, func(w io.Writer, name string) error {
		return sheets.Table(w, []string{"状态", name}, [][]any{{"待签字", name, 3}})
	}},
}

// Whatever a person typed, no writer leaves a cell that a spreadsheet
// would run as a formula: it starts with the apostrophe that makes it text.
func TestEveryWriterDefusesFormulas(t *testing.T) {
	for _, wr := range writers {
		for _, p := range payloads {
			var buf bytes.Buffer
			if err := wr.write(&buf, p); err != nil {
				t.Fatalf("%s: %v", wr.name, err)
			}
			var cells []string
			want := p
			if wr.csv {
				cells = csvCells(t, buf.Bytes())
				want = strings.ReplaceAll(p, "\r", "") // encoding/csv drops a bare CR when it writes CRLF
			} else {
				cells = xlsxCells(t, buf.Bytes())
			}
			found := 0
			for _, c := range cells {
				if !strings.Contains(c, want) {
					continue
				}
				found++
				if !strings.HasPrefix(c, "'") {
					t.Errorf("%s writes %q as it was typed", wr.name, c)
				}
			}
			if found != wr.cells {
				t.Errorf("%s: %d cells hold %q, want %d", wr.name, found, p, wr.cells)
			}
		}
	}
}

func csvCells(t *testing.T, data []byte) []string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r...)
	}
	return out
}

// xlsxCells are the values of every cell of every sheet; a cell holding
// a formula fails the test whatever its value.
func xlsxCells(t *testing.T, data []byte) []string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, c := range r {
				name, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := f.GetCellFormula(sheet, name); fm != "" {
					t.Errorf("%s!%s is a formula: %q", sheet, name, fm)
				}
				out = append(out, c)
			}
		}
	}
	return out
}
