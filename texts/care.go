package texts

// careZH and careEN are the care (关心关爱) feature's texts: leave,
// check-ups, 疗养, and the roster columns they read.
var careZH = map[string]string{
	"roster_col_work_start":    "参加工作年份",
	"roster_col_service_years": "工龄",
	"roster_bad_year":          "%s“%s”无法识别，请填四位年份，例如1998",
	"roster_bad_service":       "%s“%s”无法识别，请填0到70之间的整数年数",
}

var careEN = map[string]string{
	"roster_col_work_start":    "参加工作年份 (work_start)",
	"roster_col_service_years": "工龄 (service_years)",
	"roster_bad_year":          `%s "%s" is not a year; write four digits, e.g. 1998`,
	"roster_bad_service":       `%s "%s" is not a number of years from 0 to 70`,
}
