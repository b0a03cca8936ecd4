package bot

import (
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// reviewItemMessage tells a cadre privately of a confirmed item and what
// is expected of them: the dimension and the disposition, never who
// raised it.
func reviewItemMessage(p models.ReviewItemNotice) telegram.Message {
	return telegram.Message{Text: texts.T(p.Lang, "review_item_notice", p.Round, texts.T(p.Lang, "review_dim_"+p.Dim),
		texts.T(p.Lang, "review_disp_"+p.Disposition), texts.T(p.Lang, "review_expect_"+p.Disposition))}
}

// reviewPromptMessage asks a respondent for their answers, once, and
// reminds them at most once, with the last day and the button to start.
func reviewPromptMessage(p models.ReviewPrompt) telegram.Message {
	key := "review_prompt_" + p.Source
	if p.Reminder {
		key = "review_remind_" + p.Source
	}
	if p.Source == models.SrcDepartment {
		return telegram.Message{Text: texts.T(p.Lang, key, p.Round, p.ClosesOn),
			Buttons: [][]telegram.Button{{{Text: texts.T(p.Lang, "btn_finding_none"), Data: findNoneData()}}}}
	}
	return telegram.Message{Text: texts.T(p.Lang, key, p.Round, p.ClosesOn, p.Left),
		Buttons: [][]telegram.Button{{{Text: texts.T(p.Lang, "btn_review_start"), Data: reviewSheetData()}}}}
}
