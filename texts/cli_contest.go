package texts

// cliContestZH and cliContestEN are `ganshi contest`'s and `ganshi export
// contest`'s texts.
var cliContestZH = map[string]string{
	"cli_sum_contest": "结对打擂：导入任务和分组、管理大屏链接、安排推进会、保存年度结果",
	"cli_contest_usage": "用法：\n" +
		"  ganshi contest import FILE --name NAME [--year YEAR]   从.csv或.xlsx导入或更新任务、目标和分组（整份文件检查，有错不写入）\n" +
		"  ganshi contest board-token create [--label PLACE]    生成大屏链接（只显示一次）\n" +
		"  ganshi contest board-token list                      列出大屏链接\n" +
		"  ganshi contest board-token revoke ID                 作废大屏链接，已打开的大屏立即停止显示\n" +
		"  ganshi contest ranking on|off                        组内是否按进度排序\n" +
		"  ganshi contest meeting KIND \"YYYY-MM-DD HH:MM\" PLACE   安排推进会、现场会或点评会，前一天提醒各单位主要负责同志\n" +
		"  ganshi contest results                               保存各单位本年度结果\n" +
		"有多个竞赛时用--contest ID指定。",
	"cli_contest_what":          "请给出要做的事：import、board-token、ranking、meeting或results。",
	"cli_contest_unknown_sub":   "不认识的子命令“%s”，请看 ganshi contest --help。",
	"cli_contest_flag_name":     "竞赛名称，如2026年度结对打擂",
	"cli_contest_flag_year":     "年度，默认今年",
	"cli_contest_flag_contest":  "竞赛编号，默认正在进行的竞赛",
	"cli_contest_flag_label":    "大屏所在位置，便于日后辨认",
	"cli_contest_flag_tz":       "时区，默认Asia/Shanghai",
	"cli_contest_flag_xlsx":     "导出到此.xlsx文件",
	"cli_contest_one_file":      "请给出一个.csv或.xlsx文件，现在给了%d个参数。",
	"cli_contest_need_name":     "请用--name给出竞赛名称，例如--name 2026年度结对打擂。",
	"cli_contest_imported":      "已导入%s：%s（%d年，编号%d），任务%d项、分组%d个、单位%d个、目标%d条。",
	"cli_contest_problems":      "%s中有%d处问题（见上），一条也没有导入。请改正后重新导入。",
	"cli_contest_no_such":       "没有编号为%d的竞赛。",
	"cli_contest_none":          "还没有正在进行的竞赛，请先用 ganshi contest import 导入。",
	"cli_contest_token_what":    "用法：ganshi contest board-token create|list|revoke 编号",
	"cli_contest_token_made":    "已生成大屏链接%d（%s）：\n%s\n请在大屏的浏览器中打开，此链接只显示这一次。",
	"cli_contest_token_unknown": "没有编号为%d的大屏链接。",
	"cli_contest_token_revoked": "大屏链接%d已作废。",
	"cli_contest_token_live":    "有效",
	"cli_contest_token_dead":    "已作废",
	"cli_contest_ranking_what":  "用法：ganshi contest ranking on|off",
	"cli_contest_ranking_on":    "%s：大屏上组内按进度排序。",
	"cli_contest_ranking_off":   "%s：大屏上组内不再按进度排序，按单位名称排列。",
	"cli_contest_meeting_what":  "用法：ganshi contest meeting 推进会|现场会|点评会 \"2026-12-03 09:00\" 地点（时间须在今后）",
	"cli_contest_meeting_made":  "已安排会议%d：%s%s，%s。各单位主要负责同志将在前一天收到本组进度图。",
	"cli_contest_results":       "已保存%s（%d年）%d个单位的年度结果。",
	"cli_contest_export_what":   "用法：ganshi export contest --xlsx 文件.xlsx [--contest 编号]",
	"cli_contest_exported":      "已导出%s：%s的进度和%d条填报记录。",
	"cli_demo_flag_board":       "演示结束后继续提供结对打擂大屏，按Ctrl-C退出",
	"cli_demo_board_open":       "大屏仍在运行：%s（按Ctrl-C退出）",
}

var cliContestEN = map[string]string{
	"cli_sum_contest": "paired competition: import tasks and groups, manage board links, schedule meetings, keep the year's results",
	"cli_contest_usage": "Usage:\n" +
		"  ganshi contest import FILE.csv|FILE.xlsx --name NAME [--year YEAR]   import or update tasks, targets and groups (whole file checked; nothing written on a problem)\n" +
		"  ganshi contest board-token create [--label PLACE]   make a board link (shown once)\n" +
		"  ganshi contest board-token list                     list board links\n" +
		"  ganshi contest board-token revoke ID                revoke a board link; open boards stop at once\n" +
		"  ganshi contest ranking on|off                       order each group by progress or not\n" +
		"  ganshi contest meeting 推进会|现场会|点评会 \"2026-12-03 09:00\" PLACE   schedule a meeting; principals are reminded the day before\n" +
		"  ganshi contest results                              keep each unit's result of the year\n" +
		"With several contests, pick one with --contest ID.",
	"cli_contest_what":          "say what to do: import, board-token, ranking, meeting or results",
	"cli_contest_unknown_sub":   `unknown subcommand "%s": see ganshi contest --help`,
	"cli_contest_flag_name":     "the contest's name, e.g. 2026年度结对打擂",
	"cli_contest_flag_year":     "the year; default this year",
	"cli_contest_flag_contest":  "the contest's id; default the active one",
	"cli_contest_flag_label":    "where the screen is, to recognise the link later",
	"cli_contest_flag_tz":       "time zone; default Asia/Shanghai",
	"cli_contest_flag_xlsx":     "export to this .xlsx file",
	"cli_contest_one_file":      "give exactly one .csv or .xlsx file, got %d arguments",
	"cli_contest_need_name":     "give the contest's name with --name, e.g. --name 2026年度结对打擂",
	"cli_contest_imported":      "imported %s: %s (%d, id %d), %d tasks, %d groups, %d units, %d targets",
	"cli_contest_problems":      "%s: %d problem(s) listed above; nothing was imported",
	"cli_contest_no_such":       "no contest with id %d",
	"cli_contest_none":          "no active contest yet: import one with ganshi contest import",
	"cli_contest_token_what":    "usage: ganshi contest board-token create|list|revoke ID",
	"cli_contest_token_made":    "board link %d (%s):\n%s\nopen it in the screen's browser; it is shown this once only",
	"cli_contest_token_unknown": "no board link with id %d",
	"cli_contest_token_revoked": "board link %d revoked",
	"cli_contest_token_live":    "live",
	"cli_contest_token_dead":    "revoked",
	"cli_contest_ranking_what":  "usage: ganshi contest ranking on|off",
	"cli_contest_ranking_on":    "%s: the board orders each group by progress",
	"cli_contest_ranking_off":   "%s: the board no longer orders groups by progress, only by name",
	"cli_contest_meeting_what":  `usage: ganshi contest meeting 推进会|现场会|点评会 "2026-12-03 09:00" PLACE (a future time)`,
	"cli_contest_meeting_made":  "meeting %d scheduled: %s %s, %s; principals get their group's chart the day before",
	"cli_contest_results":       "kept the results of %s (%d) for %d units",
	"cli_contest_export_what":   "usage: ganshi export contest --xlsx FILE.xlsx [--contest ID]",
	"cli_contest_exported":      "exported %s: the standing of %s and %d entries",
	"cli_demo_flag_board":       "keep serving the competition's live board after the story; Ctrl-C quits",
	"cli_demo_board_open":       "the board keeps running at %s (Ctrl-C quits)",
}
