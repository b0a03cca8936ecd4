package roster

import (
	"path/filepath"
	"strings"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// Parse reads a roster file by its extension (.csv or .xlsx) and checks it.
// Problems in the file come back as Problems, all of them, the same problem
// on many rows as one grouped Problem; any other error means the file could
// not be considered at all (a texts.Msg when it is the file's type).
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
		return nil, texts.M("roster_old_format", name, ext)
	default:
		return nil, texts.M("roster_unknown_type", name, ext)
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
