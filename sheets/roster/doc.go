// Package roster reads the organization department's roster spreadsheet —
// a .csv in UTF-8 (with or without BOM) or GBK, or the first sheet of an
// .xlsx workbook — into checked, normalized models.RosterRow values.
//
// Columns are found by their Chinese or English header, in any order, and
// values such as unit kinds by their common names. The whole file is
// checked before anything is written, and every problem comes back at once,
// each with the line number a person sees in a spreadsheet program (the
// header is line 1); the same problem on many rows comes back once, naming
// them all ("lines 290–1921 (1,632 rows): …"). The package is pure: it
// never touches the database; models.Store.ApplyRoster writes what Parse
// returns.
package roster
