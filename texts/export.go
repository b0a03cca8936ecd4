package texts

// /export's texts (export_*).
var exportZH = map[string]string{
	"export_bad_month":    "“%s”不是有效的月份。请写成 /export 2026-11，也可以在月份后加单位名称，例如 /export 2026-11 城关镇。",
	"export_unknown_unit": "没有名为“%s”的单位，请核对单位全称。",
	"export_empty":        "%s没有需要填报月度实绩的干部，无可导出。",
	"export_caption":      "%s月度实绩：%d个单位，%d人。已提交%d（其中已签字%d），已退回%d，未提交%d，免报%d。",
	"cmd_export":          "导出月度实绩表格",
}

var exportEN = map[string]string{
	"export_bad_month":    "“%s” is not a month. Write /export 2026-11, optionally followed by a unit's name, e.g. /export 2026-11 城关镇.",
	"export_unknown_unit": "There is no unit named “%s”. Please check the full name.",
	"export_empty":        "No cadre reports for %s; there is nothing to export.",
	"export_caption":      "Monthly reports, %s: %d units, %d people. Submitted %d (signed %d), returned %d, missing %d, exempt %d.",
	"cmd_export":          "export monthly reports (.xlsx)",
}
