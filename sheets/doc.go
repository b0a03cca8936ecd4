// Package sheets owns the spreadsheets Ganshi reads and writes: every
// .xlsx and .csv a person opens in Excel comes from here, whichever edge
// hands it out (the CLI, a chat attachment, the web console), and its
// subpackage roster reads the department's roster file. Every text cell a
// person typed is defused first (cells.go): a cell starting with = + - @,
// a tab or a CR gets the apostrophe that makes it text, in the CSVs and
// the workbooks alike.
//
// It is pure: callers read the data (models.Store.Board, ItemsForPeriod,
// TalksHeldBetween, the digests) and pass it in with the io.Writer, so the
// figures are models.Tally's, the same as /reports shows, and the caller
// keeps its flags, its file names and its audit records.
//
// Map of the package:
//
//	xlsx.go, summary.go, unitsheet.go  ReportsXLSX: the month's 汇总 and one 公示 table per unit
//	csv.go                             ReportsCSV: the month flat, one row per cadre
//	invites.go                         InvitesXLSX (slips to print), InvitesCSV
//	talks.go                           TalksLedger: the 谈话台账, with its records
//	table.go                           Table: one plain sheet, the digests' attachment
//	cells.go, sheetname.go             cell contents, defusing, styles' helpers, sheet names
//	roster/                            reading the roster (columns.go names its columns)
//
// A unit sheet is meant to be posted inside the unit, so it never says
// who was late; only the summary sheet, which stays with the department,
// counts late reports per unit, in the report categories of
// models.ReportTally, which add up to 应报.
//
// Where things go: a new export is a function here taking plain values
// and an io.Writer, a `ganshi export <kind>` case in cmd/ganshi/export.go
// (flags and wiring only) and, for chat or the web, a call from bot or web.
package sheets
