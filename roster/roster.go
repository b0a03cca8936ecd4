package roster

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// Parse reads a roster file by its extension (.csv or .xlsx) and checks it.
// Problems in the file come back as Problems, all of them, the same problem
// on many rows as one grouped Problem; any other error means the file could
// not be considered at all.
func Parse(name string, data []byte, encoding string) ([]models.RosterRow, error) {
	var (
		recs  []Record
		probs Problems
	)
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".csv", ".txt":
		recs, probs = ReadCSV(data, encoding)
	case ".xlsx", ".xlsm":
		recs, probs = ReadXLSX(data)
	case ".xls", ".et", ".wps":
		return nil, fmt.Errorf("%s: %s is an old binary spreadsheet format; save it as .xlsx or as CSV", name, ext)
	default:
		return nil, fmt.Errorf("%s: unknown file type %q; give a .csv or .xlsx file", name, ext)
	}
	if len(probs) > 0 && len(recs) == 0 {
		return nil, models.GroupLineProblems(probs)
	}
	rows, more := Validate(recs)
	if probs = models.GroupLineProblems(append(probs, more...)); len(probs) > 0 {
		return nil, probs
	}
	return rows, nil
}
