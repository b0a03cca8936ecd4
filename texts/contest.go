package texts

// contestZH and contestEN are the paired competition's (结对打擂) texts:
// the import's problems, chat's /progress, /verify, /query, /delegate, the
// weekly prompt, the meeting reminder, the board and the CLI.
var contestZH = map[string]string{
	"contest_empty":           "文件中没有任何任务目标，请至少填写一行",
	"contest_no_column":       "缺少“%s”列，请按示例文件填写表头",
	"contest_col_category":    "类别",
	"contest_col_group":       "组别",
	"contest_col_unit":        "单位",
	"contest_col_task":        "任务",
	"contest_col_measure":     "计量单位",
	"contest_col_target":      "目标",
	"contest_col_weight":      "权重",
	"contest_blank":           "“%s”为空，请补填",
	"contest_bad_direction":   "方向“%s”无法识别，请填写“越高越好”或“越低越好”",
	"contest_bad_number":      "%s“%s”不是有效数字",
	"contest_group_mixes":     "组别“%s”在第%[3]d行属于类别“%[2]s”，不能混入类别“%[4]s”的单位（同类同比）",
	"contest_unit_two_groups": "单位“%s”已在第%[3]d行编入“%[2]s”，不能同时编入“%[4]s”",
	"contest_task_differs":    "任务“%s”的计量单位、方向或权重与第%d行不一致",
	"contest_dup":             "单位“%s”的任务“%s”已在第%d行填写",
	"contest_group_alone":     "组别“%s”只有一个单位，结对打擂每组至少两个单位",
	"contest_no_unit":         "名册中没有单位“%s”，请核对名称或先导入名册",
	"contest_unit_category":   "单位“%s”在名册中属于类别“%s”，与本行的“%s”不符",
}

var contestEN = map[string]string{
	"contest_empty":           "the file lists no task targets: fill in at least one line",
	"contest_no_column":       `the column "%s" is missing: use the sample file's header`,
	"contest_col_category":    "category",
	"contest_col_group":       "group",
	"contest_col_unit":        "unit",
	"contest_col_task":        "task",
	"contest_col_measure":     "measure",
	"contest_col_target":      "target",
	"contest_col_weight":      "weight",
	"contest_blank":           `"%s" is empty: fill it in`,
	"contest_bad_direction":   `direction "%s" is unknown: write higher or lower`,
	"contest_bad_number":      `%s "%s" is not a number`,
	"contest_group_mixes":     `group "%s" is of category "%[2]s" on line %[3]d and cannot take a unit of category "%[4]s"`,
	"contest_unit_two_groups": `unit "%s" is already in group "%[2]s" on line %[3]d and cannot be in "%[4]s" too`,
	"contest_task_differs":    `task "%s" has another measure, direction or weight on line %d`,
	"contest_dup":             `unit "%s" already has task "%s" on line %d`,
	"contest_group_alone":     `group "%s" has one unit only: a group needs at least two`,
	"contest_no_unit":         `no unit "%s" on the roster: check the name or import the roster first`,
	"contest_unit_category":   `unit "%s" is of category "%s" on the roster, not "%s"`,
}
