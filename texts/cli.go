package texts

// The command line's own words (cli_): ganshi --help, the subcommands'
// summaries, the global --lang, flag errors and what several subcommands
// share. Synopses use ASCII placeholders (FILE, NAME), as shells do.
var cliZH = map[string]string{
	"cli_title":    "干事（ganshi）：在Telegram中提醒干部按时填报月度实绩、开展谈心谈话。",
	"cli_usage":    "用法：ganshi [--lang zh|en] COMMAND [选项]\n各子命令的选项用“ganshi COMMAND --help”查看。",
	"cli_commands": "子命令：",
	"cli_lang_note": "提示语言：--lang zh（中文，默认）或--lang en（英文），写在子命令前后均可；" +
		"也可设环境变量GANSHI_LANG。",
	"cli_sum_serve":    "运行机器人：接收Telegram消息、处理并按限速发送",
	"cli_sum_demo":     "用内置的模拟Telegram演示一段完整流程，无需令牌和网络",
	"cli_sum_import":   "从.csv或.xlsx文件导入或更新干部名册",
	"cli_sum_invite":   "为尚未绑定的干部生成邀请码和链接",
	"cli_sum_unbind":   "解除干部的Telegram绑定（如更换手机）",
	"cli_sum_export":   "把月度实绩或谈话台账导出为.xlsx或.csv",
	"cli_sum_events":   "从CSV登记需要谈心谈话的事件（岗位变动等）",
	"cli_sum_schedule": "查看、修改、启用、停用或立即运行提醒日程",
	"cli_sum_calendar": "导入、查看或修改工作日历（节假日、调休）",
	"cli_sum_simulate": "用模拟时钟预演日程，检查提醒是否超出负担预算",
	"cli_sum_backup":   "备份SQLite数据库（serve运行时也可以）",
	"cli_sum_restore":  "用备份替换SQLite数据库（须先停止serve）",

	"cli_no_command":      "没有给出子命令。请从上面的列表中选一个，例如ganshi serve --help。",
	"cli_unknown_command": "没有“%s”这个子命令。可用的子命令：%s。",
	"cli_bad_lang":        "%s的值“%s”不是支持的语言，请写zh（中文）或en（英文）。",
	"cli_lang_missing":    "--lang后面要写语言：zh（中文）或en（英文）。",

	"cli_flags":            "选项：",
	"cli_flag_default":     "（默认：%s）",
	"cli_flag_unknown":     "ganshi %s没有%s这个选项，可用的选项见上。",
	"cli_flag_needs_value": "ganshi %s：选项%s后面要写一个值。",
	"cli_flag_bad_value":   "ganshi %s：选项%s的值“%s”无效，请对照上面的说明改正。",
	"cli_flag_bad_bool":    "ganshi %s：选项%s不带值，写%[2]s即可（或%[2]s=false）。",
	"cli_flag_syntax":      "ganshi %s：选项写法有误：“%s”。",
	"cli_flag_other":       "ganshi %s：%v",

	"cli_flag_db":        "SQLite文件路径或postgres://连接串（环境变量GANSHI_DB）",
	"cli_no_db":          "%s：找不到数据库文件%s。请用--db或环境变量GANSHI_DB指定正确的路径。",
	"cli_bad_tz":         "%s：无法识别时区“%s”，请写IANA时区名，例如Asia/Shanghai。",
	"cli_no_file":        "%s：找不到文件%s，请检查路径。",
	"cli_read_file":      "%s：无法读取文件%s：%s",
	"cli_unexpected_arg": "%s：多余的参数“%s”。",
	"cli_failed":         "%s失败：%s",
	"cli_unknown_unit":   "%s：没有名为“%s”的单位。%s",
	"cli_similar_units":  "您是不是要找：%s？",
	"cli_no_similar":     "没有名称相近的单位（共%d个单位）。",
	"cli_bad_month":      "%s：月份“%s”无效，请写成2026-11这样。",

	"cli_demo_usage": "用法：ganshi demo [--lang zh|en]\n\n" +
		"用内置的模拟Telegram和模拟用户演示一段完整流程，并打印聊天记录。无需令牌，也不联网。",
	"cli_demo_flag_lang": "聊天记录的语言：zh或en（与全局--lang相同）",
}

var cliEN = map[string]string{
	"cli_title":    "ganshi: reminders, monthly reports and heart-to-heart talks for cadres, in Telegram.",
	"cli_usage":    "Usage: ganshi [--lang zh|en] COMMAND [flags]\nganshi COMMAND --help lists a command's flags.",
	"cli_commands": "Commands:",
	"cli_lang_note": "Language of messages: --lang zh (Chinese, the default) or --lang en (English), " +
		"before or after the command; or set GANSHI_LANG.",
	"cli_sum_serve":    "run the bot: poll or receive Telegram updates, handle them, send the outbox",
	"cli_sum_demo":     "play a scripted story against a built-in fake Telegram, no token or network needed",
	"cli_sum_import":   "import or update the roster from a .csv or .xlsx file",
	"cli_sum_invite":   "issue invitation codes and links for cadres not yet bound",
	"cli_sum_unbind":   "remove a cadre's Telegram binding (a new phone)",
	"cli_sum_export":   "export monthly reports or the talks ledger to .xlsx or .csv",
	"cli_sum_events":   "record life events from a CSV; each makes a talk owed by the principal",
	"cli_sum_schedule": "list, change, enable, disable or run reminder schedules",
	"cli_sum_calendar": "import, list or change the workday calendar (holidays, make-up workdays)",
	"cli_sum_simulate": "play the schedules through days on a simulated clock and check the burden budget",
	"cli_sum_backup":   "copy the SQLite database to a file, consistently, also while serve runs",
	"cli_sum_restore":  "put a backup in place of the SQLite database (serve stopped)",

	"cli_no_command":      "no subcommand given; pick one from the list above, e.g. ganshi serve --help",
	"cli_unknown_command": `unknown subcommand "%s"; known: %s`,
	"cli_bad_lang":        `%s "%s" is not a language ganshi speaks: write zh (Chinese) or en (English)`,
	"cli_lang_missing":    "--lang needs a value: zh (Chinese) or en (English)",

	"cli_flags":            "Flags:",
	"cli_flag_default":     " (default %s)",
	"cli_flag_unknown":     "%s: unknown flag %s; the flags are listed above",
	"cli_flag_needs_value": "%s: flag %s needs a value",
	"cli_flag_bad_value":   `%[1]s: invalid value "%[3]s" for flag %[2]s; see the description above`,
	"cli_flag_bad_bool":    "%s: flag %s takes no value: write %[2]s (or %[2]s=false)",
	"cli_flag_syntax":      `%s: bad flag syntax: "%s"`,
	"cli_flag_other":       "%s: %v",

	"cli_flag_db":        "SQLite file path or postgres:// DSN (env GANSHI_DB)",
	"cli_no_db":          "%s: no database at %s (give --db or set GANSHI_DB)",
	"cli_bad_tz":         `%s: --tz: unknown time zone "%s" (an IANA name, for example Asia/Shanghai)`,
	"cli_no_file":        "%s: no file %s; check the path",
	"cli_read_file":      "%s: read %s: %s",
	"cli_unexpected_arg": `%s: unexpected argument "%s"`,
	"cli_failed":         "%s: %s",
	"cli_unknown_unit":   `%s: no unit named "%s"; %s`,
	"cli_similar_units":  "did you mean: %s?",
	"cli_no_similar":     "no unit has a similar name (there are %d units)",
	"cli_bad_month":      `%s: --month "%s" is not a month; write it like 2026-11`,

	"cli_demo_usage": "Usage: ganshi demo [--lang zh|en]\n\n" +
		"Plays a scripted story with simulated users against a built-in fake Telegram and prints the chat transcript. " +
		"It needs no token and no network.",
	"cli_demo_flag_lang": "transcript language: zh or en (the same as the global --lang)",
}
