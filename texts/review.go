package texts

// The quarterly check-up (季度多维体检): chat, CLI, form and export.

var reviewZH = map[string]string{
	"review_imp_fields":    "应有5列（干部、维度、事实、文号、程度），这一行有%d列。",
	"review_imp_no_cadre":  "没有写干部的编号或姓名。",
	"review_imp_no_fact":   "没有写事实。",
	"review_imp_long":      "事实太长，请在1000字以内。",
	"review_imp_dim":       "“%s”不是维度，可写：政治、道德、遵纪、守法、作风。",
	"review_imp_sev":       "“%s”不是程度，可写：提醒、警示、严重。",
	"review_imp_empty":     "文件里没有一条问题线索。",
	"review_imp_ambiguous": "“%s”对应多名干部：%s，请改写为干部编号。",
	"review_imp_unknown":   "名单上没有“%s”，请核对姓名或改写为干部编号。",
}

var reviewEN = map[string]string{
	"review_imp_fields":    "5 columns expected (cadre, dimension, fact, ref, severity); this line has %d.",
	"review_imp_no_cadre":  "no cadre id or name.",
	"review_imp_no_fact":   "no fact stated.",
	"review_imp_long":      "the fact is too long: keep it under 1000 characters.",
	"review_imp_dim":       "“%s” is not a dimension: write politics, morality, discipline, law or style.",
	"review_imp_sev":       "“%s” is not a severity: write remind, warn or serious.",
	"review_imp_empty":     "the file holds no finding.",
	"review_imp_ambiguous": "“%s” matches several cadres: %s; write the cadre's id instead.",
	"review_imp_unknown":   "“%s” is not on the roster: check the name or write the cadre's id.",
}
