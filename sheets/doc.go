// Package sheets owns the spreadsheets Ganshi reads and writes: every
// .xlsx and .csv a person opens in Excel comes from here, with cells a
// spreadsheet would run as formulas defused (cells.go), and its subpackage
// roster reads the department's roster file.
//
// A month's reports go out as an .xlsx workbook (a summary sheet, then one
// 公示 table per unit) or a flat .csv; invitations as a printable sheet or
// a CSV. It is pure: callers read the board
// (models.Store.Board) and the items (models.Store.ItemsForPeriod) and pass
// them in, so the figures are models.Tally's, the same as /reports shows.
//
// A unit sheet is meant to be posted inside the unit, so it never says
// who was late; only the summary sheet, which stays with the department,
// counts late reports per unit, in the report categories of
// models.ReportTally, which add up to 应报.
package sheets
