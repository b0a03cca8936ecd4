package texts

// `ganshi schedule`, `ganshi calendar` and `ganshi events`: when reminders
// fire, which days are workdays, and the life events that call for a talk.
// A refused cron spec is said with the chat's spec_ texts.
var cliScheduleZH = map[string]string{
	"cli_schedule_usage": "用法：ganshi schedule list\n" +
		"      ganshi schedule set NAME \"SPEC\"     例如ganshi schedule set report-remind-due-day \"0 9 * * 1-5\"\n" +
		"      ganshi schedule enable|disable NAME\n" +
		"      ganshi schedule run NAME            立即运行，不论日程如何设定\n" +
		"选项（写在子命令后）：--db DSN（环境变量GANSHI_DB）、--tz ZONE（环境变量GANSHI_TZ，默认Asia/Shanghai）\n\n" +
		"SPEC是5段cron时间（分、时、日、月、周），按日程的时区计算；写成\"CRON_TZ=Europe/Berlin 0 9 * * 1-5\"可另指时区。\n" +
		"请给SPEC加上引号，以免shell展开其中的星号。",
	"cli_flag_tz_schedule":          "没有指定时区的日程以及显示所用的时区（环境变量GANSHI_TZ）",
	"cli_schedule_what":             "请说明要做什么：list、set、enable、disable或run。",
	"cli_schedule_unknown_sub":      "schedule没有“%s”这个操作，可用的有：list、set、enable、disable、run。",
	"cli_wrong_args":                "%s：参数个数不对。\n%s",
	"cli_schedule_set":              "%s：%s（%s）。接下来：%s",
	"cli_schedule_is_off":           "这个日程已停用；用ganshi schedule enable %s启用。",
	"cli_schedule_enabled":          "已启用%s。",
	"cli_schedule_disabled":         "已停用%s。",
	"cli_schedule_already_enabled":  "%s原本就是启用的，没有改动。",
	"cli_schedule_already_disabled": "%s原本就是停用的，没有改动。",
	"cli_schedule_ran":              "%s已于%s运行：向发件箱写入%d条通知。",
	"cli_spec_bad":                  "schedule set：时间“%s”无法使用：%s。示例：\"0 9 * * 1-5\"（工作日9:00）。",
	"cli_schedule_unknown":          "schedule %s：没有名为“%s”的日程。%s",
	"cli_schedule_known":            "现有的日程：%s。",
	"cli_schedule_none":             "还没有任何日程（ganshi serve首次启动时会创建默认日程）。",
	"cli_schedule_list_empty":       "还没有任何日程；ganshi serve首次启动时会创建默认日程。",
	"cli_schedule_col_name":         "名称",
	"cli_schedule_col_kind":         "类型",
	"cli_schedule_col_on":           "状态",
	"cli_schedule_col_spec":         "时间规则",
	"cli_schedule_col_zone":         "时区",
	"cli_schedule_col_next":         "接下来三次（当地时间）",
	"cli_schedule_on":               "启用",
	"cli_schedule_off":              "停用",
	"cli_schedule_off_next":         "—（已停用）",
	"cli_schedule_cannot_fire":      "无法运行：%s",
	"cli_fire":                      "%s（%s）%s",

	"cli_calendar_usage": "用法：ganshi calendar list [--year 2026]\n" +
		"      ganshi calendar set DATE holiday|workday [NAME]   例如ganshi calendar set 2026-10-09 holiday \"县里补休\"\n" +
		"      ganshi calendar delete DATE                       撤销set的设置，恢复官方安排\n" +
		"      ganshi calendar import FILE                       每行“日期,类型,名称”（#开头的行为注释）\n" +
		"选项（写在子命令后）：--db DSN（环境变量GANSHI_DB）、--tz ZONE（环境变量GANSHI_TZ）\n\n" +
		"未列出的日子按周一至周五上班计算。国务院公布的节假日和调休已经内置；您设置或导入的日子优先。",
	"cli_calendar_flag_year":   "要列出的年份（默认今年）",
	"cli_calendar_what":        "请说明要做什么：list、set、delete或import。",
	"cli_calendar_unknown_sub": "calendar没有“%s”这个操作，可用的有：list、set、delete、import。",
	"cli_calendar_list_arg":    "多余的参数“%s”：年份请用--year 2026指定。",
	"cli_calendar_bad_date":    "calendar %s：“%s”不是有效的日期，请写成2026-10-01这样。",
	"cli_calendar_bad_kind":    "calendar set：“%s”无法识别，请写holiday（放假）或workday（调休上班）。",
	"cli_calendar_bad_year":    "calendar list：--year %d超出范围，请写2027这样的年份。",
	"cli_calendar_set_done":    "%s已设为%s。",
	"cli_calendar_deleted":     "%s：已删除您的设置，恢复官方安排或周一至周五的规则。",
	"cli_calendar_no_entry":    "%s没有您设置过的条目（官方安排的日子请用set修改）。",
	"cli_calendar_empty":       "%d年没有列出任何日子：周一至周五均为工作日。可用ganshi calendar import FILE导入当年的安排。",
	"cli_calendar_day":         "%s（%s）",
	"cli_day_kind_holiday":     "放假",
	"cli_day_kind_workday":     "调休上班",
	"cli_day_source_official":  "官方",
	"cli_day_source_admin":     "组织部",
	"cli_calendar_listed":      "%[2]d年共列出%[1]d天；未列出的日子按周一至周五计算。",
	"cli_file_problem":         "%s：%s",
	"cli_calendar_problems":    "%s中有%d处问题（见上），一天也没有导入。请改正后重新导入。",
	"cli_calendar_imported":    "%s：已导入%d天，这些日子以导入的安排为准。",

	"cli_events_usage": "用法：\n" +
		"  ganshi events import FILE [--db DSN]    从CSV登记事件，每行：external_id,reason,date,note（工号,事由,日期,备注）\n" +
		"  ganshi events workdays [N] [--db DSN]   查看或设置事件发生后最多几个工作日内要谈话（默认7）\n\n" +
		"每个事件（post_change岗位变动、setback工作挫折、family家庭变故、early_sign问题苗头）都会让该干部所在单位的主要负责同志欠一次谈心谈话。\n" +
		"先检查整个文件：只要有一行有误，就一条也不登记。同一文件再次导入不会重复登记。",
	"cli_events_what":          "请说明要做什么，例如ganshi events import events.csv。",
	"cli_events_unknown_sub":   "events没有“%s”这个操作，可用的有：import、workdays。",
	"cli_events_one_file":      "请给出一个CSV文件，现在给了%d个参数。",
	"cli_events_problems":      "%s中有%d处问题（见上），一条也没有登记。请改正后重新导入。",
	"cli_events_done":          "%s：新登记%d个事件，%d个此前已登记；主要负责同志新增%d次待谈话。",
	"cli_events_workdays_args": "最多只能给一个数字，现在给了%d个参数。",
	"cli_events_not_number":    "“%s”不是工作日天数，请写一个整数，例如10。",
	"cli_events_workdays_bad":  "无法设置：%s。",
	"cli_events_workdays":      "事件发生后最多%d个工作日内要谈话（按%s的日历计算）。",
	"talk_policy_workdays":     "%d个工作日超出范围，请在1到60之间选",
}

var cliScheduleEN = map[string]string{
	"cli_schedule_usage": "Usage: ganshi schedule list\n" +
		"       ganshi schedule set NAME \"SPEC\"     e.g. ganshi schedule set report-remind-due-day \"0 9 * * 1-5\"\n" +
		"       ganshi schedule enable|disable NAME\n" +
		"       ganshi schedule run NAME            run the job now, whatever the schedule says\n" +
		"Flags (after the subcommand): --db DSN (env GANSHI_DB)  --tz ZONE (env GANSHI_TZ, default Asia/Shanghai)\n\n" +
		"SPEC is 5 cron fields, minute hour day-of-month month day-of-week, in the\n" +
		"schedule's zone; \"CRON_TZ=Europe/Berlin 0 9 * * 1-5\" names another zone.\n" +
		"Quote it so the shell leaves the stars alone.",
	"cli_flag_tz_schedule":          "time zone for schedules without one and for display (env GANSHI_TZ)",
	"cli_schedule_what":             "schedule: say what to do: list, set, enable, disable or run",
	"cli_schedule_unknown_sub":      `schedule: unknown subcommand "%s"; known: list, set, enable, disable, run`,
	"cli_wrong_args":                "%s: wrong number of arguments\n%s",
	"cli_schedule_set":              "%s: %s (%s). Next: %s",
	"cli_schedule_is_off":           "It is off; ganshi schedule enable %s turns it on.",
	"cli_schedule_enabled":          "%s enabled.",
	"cli_schedule_disabled":         "%s disabled.",
	"cli_schedule_already_enabled":  "%s was enabled already; nothing changed.",
	"cli_schedule_already_disabled": "%s was disabled already; nothing changed.",
	"cli_schedule_ran":              "%s ran at %s: %d notification(s) written to the outbox.",
	"cli_spec_bad":                  `schedule set: "%s": %s; e.g. "0 9 * * 1-5" (workdays at 9:00)`,
	"cli_schedule_unknown":          `schedule %s: no schedule named "%s"; %s`,
	"cli_schedule_known":            "known: %s",
	"cli_schedule_none":             "there are none yet (ganshi serve creates the default ones)",
	"cli_schedule_list_empty":       "No schedules yet; ganshi serve creates the default ones.",
	"cli_schedule_col_name":         "NAME",
	"cli_schedule_col_kind":         "KIND",
	"cli_schedule_col_on":           "ON",
	"cli_schedule_col_spec":         "SPEC",
	"cli_schedule_col_zone":         "ZONE",
	"cli_schedule_col_next":         "NEXT FIRES (local time)",
	"cli_schedule_on":               "on",
	"cli_schedule_off":              "off",
	"cli_schedule_off_next":         "— (off)",
	"cli_schedule_cannot_fire":      "cannot fire: %s",
	"cli_fire":                      "%[2]s %[1]s %[3]s",

	"cli_calendar_usage": "Usage: ganshi calendar list [--year 2026]\n" +
		"       ganshi calendar set DATE holiday|workday [NAME]   e.g. ganshi calendar set 2026-10-09 holiday \"county rest day\"\n" +
		"       ganshi calendar delete DATE                       undo a set: back to the official day\n" +
		"       ganshi calendar import FILE                       lines of date,type,name (# starts a comment)\n" +
		"Flags (after the subcommand): --db DSN (env GANSHI_DB)  --tz ZONE (env GANSHI_TZ)\n\n" +
		"Days not listed follow Monday to Friday. The official holidays and make-up\n" +
		"workdays ship with Ganshi; what you set or import overrides them.",
	"cli_calendar_flag_year":   "year to list (default: this year)",
	"cli_calendar_what":        "calendar: say what to do: list, set, delete or import",
	"cli_calendar_unknown_sub": `calendar: unknown subcommand "%s"; known: list, set, delete, import`,
	"cli_calendar_list_arg":    `calendar list: unexpected argument "%s" (the year is --year 2026)`,
	"cli_calendar_bad_date":    `calendar %s: "%s" is not a date; write it like 2026-10-01`,
	"cli_calendar_bad_kind":    `calendar set: "%s": say holiday or workday`,
	"cli_calendar_bad_year":    "calendar list: --year %d is out of range; give a year like 2027",
	"cli_calendar_set_done":    "%s is now a %s.",
	"cli_calendar_deleted":     "%s: your entry is gone; the official arrangement or Monday to Friday applies.",
	"cli_calendar_no_entry":    "calendar delete: %s has no admin entry (official days are changed with set)",
	"cli_calendar_empty":       "No days listed for %d: every Monday to Friday is a workday. Import the year's arrangement with ganshi calendar import FILE.",
	"cli_calendar_day":         "%s %s",
	"cli_day_kind_holiday":     "holiday",
	"cli_day_kind_workday":     "workday",
	"cli_day_source_official":  "official",
	"cli_day_source_admin":     "admin",
	"cli_calendar_listed":      "%d days listed for %d; days not listed follow Monday to Friday.",
	"cli_file_problem":         "%s: %s",
	"cli_calendar_problems":    "calendar import: %s: %d problem(s) listed above; nothing was imported",
	"cli_calendar_imported":    "%s: %d days imported; they override the official arrangement for those dates.",

	"cli_events_usage": "Usage:\n" +
		"  ganshi events import FILE [--db DSN]    record life events from a CSV: external_id,reason,date,note\n" +
		"  ganshi events workdays [N] [--db DSN]   show or set how many workdays a talk may stay owed (default 7)\n\n" +
		"Each event (post_change, setback, family, early_sign) makes a heart-to-heart talk owed by\n" +
		"the cadre's principal. The whole file is checked first; if any line is wrong nothing is\n" +
		"recorded. Importing the same file again records nothing new.",
	"cli_events_what":          "events: say what to do, e.g. ganshi events import events.csv",
	"cli_events_unknown_sub":   `events: unknown action "%s"; known: import, workdays`,
	"cli_events_one_file":      "events import: give exactly one CSV file, got %d arguments",
	"cli_events_problems":      "events import: %s: %d problem(s) listed above; nothing was recorded",
	"cli_events_done":          "%s: %d events recorded, %d already recorded; %d talks now owed by the principals.",
	"cli_events_workdays_args": "events workdays: give at most one number, got %d arguments",
	"cli_events_not_number":    `events workdays: "%s" is not a number of workdays`,
	"cli_events_workdays_bad":  "events workdays: %s",
	"cli_events_workdays":      "a talk may stay owed %d workdays after its event (counted in %s)",
	"talk_policy_workdays":     "%d workdays; choose 1–60",
}
