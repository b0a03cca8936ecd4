package texts

// `ganshi export reports` and `ganshi export talks`. The files themselves
// (sheet names, column titles) are read by programs and people alike and
// stay as they are.
var cliExportZH = map[string]string{
	"cli_export_usage": "用法：ganshi export reports --month 2026-11 [--unit NAME] (--xlsx FILE | --csv FILE) [--db DSN] [--tz ZONE]\n" +
		"      ganshi export talks --from 2026-11-01 --to 2026-11-30 --xlsx FILE [--db DSN] [--tz ZONE]\n" +
		"      ganshi export annual --year 2026 --xlsx FILE [--db DSN] [--tz ZONE]\n\n" +
		"reports导出某月的月度实绩，数字与/reports一致；talks导出这段时间的谈话台账（含谈话记录，属保密内容）。\n" +
		"各自的选项用“ganshi export reports --help”“ganshi export talks --help”查看。",
	"cli_export_what":         "请说明要导出什么，例如ganshi export reports --month 2026-11 --xlsx 月度实绩.xlsx。",
	"cli_export_unknown_kind": "没有“%s”这种导出，可用的有：reports（月度实绩）、talks（谈话台账）、annual（年度对标研判）。",
	"cli_unexpected_unit":     "%s：多余的参数“%s”，单位请用--unit指定。",

	"cli_export_reports_usage": "用法：ganshi export reports --month 2026-11 [--unit NAME] (--xlsx FILE | --csv FILE) [--db DSN] [--tz ZONE]\n\n" +
		"导出某月的月度实绩，数字与/reports一致。",
	"cli_export_flag_month":     "要导出的月份，写成2026-11（必填）",
	"cli_export_flag_unit":      "只导出这个单位（写单位全称）",
	"cli_export_flag_xlsx":      "写成Excel工作簿：第一张为汇总，之后每个单位一张公示表",
	"cli_export_flag_csv":       "写成UTF-8（带BOM）的CSV，每位干部一行",
	"cli_export_flag_tz":        "签字时间所用的时区（环境变量GANSHI_TZ）",
	"cli_export_month_required": "请用--month指定月份，例如--month 2026-11。",
	"cli_export_one_output":     "请在--xlsx FILE和--csv FILE中选且只选一个。",
	"cli_export_no_similar":     "没有名称相近的单位（共%d个单位）；去掉--unit即导出所有单位。",
	"cli_export_summary":        "已写入%s：%d个单位，%d人（已签字%d，已提交%d，未交%d，免报%d）。",

	"cli_export_talks_usage": "用法：ganshi export talks --from 2026-11-01 --to 2026-11-30 --xlsx FILE [--db DSN] [--tz ZONE]\n\n" +
		"导出这段时间内谈过的谈话及其记录（谈话台账）。内容保密，请妥善保管文件。",
	"cli_talks_flag_from":     "第一天，写成2026-11-01（必填）",
	"cli_talks_flag_to":       "最后一天（含当天），写成2026-11-30（必填）",
	"cli_talks_flag_xlsx":     "把谈话台账写成这个Excel文件（必填）",
	"cli_talks_flag_tz":       "日期和时间所用的时区（环境变量GANSHI_TZ）",
	"cli_talks_days_required": "请用--from和--to指定日期，例如--from 2026-11-01 --to 2026-11-30。",
	"cli_talks_xlsx_required": "请用--xlsx FILE指定输出文件。",
	"cli_talks_bad_day":       "%s的值“%s”不是有效的日期，请写成%s这样。",
	"cli_talks_reversed":      "--to（%s）早于--from（%s），请调换。",
	"cli_talks_done":          "已写入%[1]s：%[3]s至%[4]s共%[2]d次谈话。",
}

var cliExportEN = map[string]string{
	"cli_export_usage": "Usage: ganshi export reports --month 2026-11 [--unit NAME] (--xlsx FILE | --csv FILE) [--db DSN] [--tz ZONE]\n" +
		"       ganshi export talks --from 2026-11-01 --to 2026-11-30 --xlsx FILE [--db DSN] [--tz ZONE]\n" +
		"       ganshi export annual --year 2026 --xlsx FILE [--db DSN] [--tz ZONE]\n\n" +
		"reports writes a month's reports with the figures /reports shows; talks writes the talks ledger of those days\n" +
		"(with the records: confidential). ganshi export reports --help and ganshi export talks --help list their flags.",
	"cli_export_what":         "export: say what to export, e.g. ganshi export reports --month 2026-11 --xlsx reports.xlsx",
	"cli_export_unknown_kind": `export: unknown kind "%s"; known: reports, talks, annual`,
	"cli_unexpected_unit":     `%s: unexpected argument "%s" (a unit is given with --unit)`,

	"cli_export_reports_usage": "Usage: ganshi export reports --month 2026-11 [--unit NAME] (--xlsx FILE | --csv FILE) [--db DSN] [--tz ZONE]\n\n" +
		"Writes the month's reports with the same figures /reports shows.",
	"cli_export_flag_month":     "the month to export, written 2026-11 (required)",
	"cli_export_flag_unit":      "only this unit (its exact name)",
	"cli_export_flag_xlsx":      "write an Excel workbook: a summary sheet, then one posting table per unit",
	"cli_export_flag_csv":       "write a UTF-8 CSV (with BOM), one row per cadre",
	"cli_export_flag_tz":        "time zone for sign times (env GANSHI_TZ)",
	"cli_export_month_required": "export reports: --month is required, written like --month 2026-11",
	"cli_export_one_output":     "export reports: give exactly one of --xlsx FILE or --csv FILE",
	"cli_export_no_similar":     "no unit has a similar name (there are %d units; leave out --unit to export all)",
	"cli_export_summary":        "wrote %s: %d units, %d cadres (signed %d, submitted %d, missing %d, exempt %d)",

	"cli_export_talks_usage": "Usage: ganshi export talks --from 2026-11-01 --to 2026-11-30 --xlsx FILE [--db DSN] [--tz ZONE]\n\n" +
		"Writes the talks held in those days, with their records (confidential: keep the file safe).",
	"cli_talks_flag_from":     "first day, written 2026-11-01 (required)",
	"cli_talks_flag_to":       "last day, included, written 2026-11-30 (required)",
	"cli_talks_flag_xlsx":     "write the talks ledger as an Excel workbook (required)",
	"cli_talks_flag_tz":       "time zone of the days and times (env GANSHI_TZ)",
	"cli_talks_days_required": "export talks: --from and --to are required, written like --from 2026-11-01 --to 2026-11-30",
	"cli_talks_xlsx_required": "export talks: --xlsx FILE is required",
	"cli_talks_bad_day":       `export talks: %s "%s" is not a day; write it like %s`,
	"cli_talks_reversed":      "export talks: --to %s is before --from %s",
	"cli_talks_done":          "wrote %s: %d talks from %s to %s",
}
