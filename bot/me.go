package bot

import (
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

func runMe(r *request) ([]telegram.Message, error) {
	c := r.me
	bound := "—"
	if c.BoundAt != nil {
		bound = c.BoundAt.In(r.loc).Format("2006-01-02 15:04")
	}
	out := r.say("me", esc(c.Name), esc(c.ExternalID), esc(r.unitName(c)), esc(orDash(c.Position)),
		esc(orDash(c.Duty)), roleText(r.lang, c.Role), bound)
	if c.Role == models.RoleAdmin {
		// The promotion guard: wherever the department looks at cadres.
		guard, err := r.tx.PromotionGuard(r.ctx)
		if err != nil {
			return nil, err
		}
		out[0].Text += "\n" + r.t("review_guard", len(guard))
	}
	return out, nil
}

// runLang switches language: /lang zh|en, or buttons when no argument.
func runLang(r *request) ([]telegram.Message, error) {
	switch r.in.args {
	case "":
		return []telegram.Message{{Text: r.t("lang_choose"), Buttons: [][]telegram.Button{{
			{Text: r.t("btn_zh"), Data: langData(texts.ZH)}, {Text: r.t("btn_en"), Data: langData(texts.EN)},
		}}}}, nil
	case texts.ZH, texts.EN:
		return setLang(r, r.in.args)
	}
	return r.say("lang_bad"), nil
}

func setLang(r *request, lang string) ([]telegram.Message, error) {
	if err := r.tx.SetLang(r.ctx, r.me.ID, lang); err != nil {
		return nil, err
	}
	r.me.Lang, r.lang = lang, lang
	menu, err := r.menuMessages()
	return append(r.say("lang_set"), menu...), err
}

// runCancel leaves any conversation; whatever it saved stays saved.
func runCancel(r *request) ([]telegram.Message, error) {
	ended, err := r.tx.EndConversation(r.ctx, r.in.chatID)
	if err != nil {
		return nil, err
	}
	if !ended {
		return r.say("cancel_nothing"), nil
	}
	return r.say("cancel_done"), nil
}
