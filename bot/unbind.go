package bot

import (
	"errors"
	"fmt"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runUnbind (admins): /unbind ID-or-name lists the bound cadres that match,
// each with a button; the tap does the unbinding.
func runUnbind(r *request) ([]telegram.Message, error) {
	q := r.in.args
	if q == "" {
		return r.say("unbind_usage"), nil
	}
	found, err := r.tx.FindCadres(r.ctx, q, nil, 20)
	if err != nil {
		return nil, err
	}
	var rows [][]telegram.Button
	for _, c := range found {
		if c.Bound() {
			label := r.t("btn_unbind", c.Name, c.ExternalID)
			rows = append(rows, []telegram.Button{{Text: label, Data: unbindData(c.ID)}})
		}
	}
	if len(rows) == 0 {
		return r.say("unbind_none", esc(q)), nil
	}
	return []telegram.Message{{Text: r.t("unbind_pick"), Buttons: rows}}, nil
}

func unbindButton(r *request, id int64) ([]telegram.Message, error) {
	if !r.me.AtLeast(models.RoleAdmin) {
		return r.refuse(fmt.Sprintf("unbind:%d", id)), nil
	}
	c, err := r.tx.GetCadre(r.ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return r.stale(), nil
	}
	if err != nil {
		return nil, err
	}
	if !c.Bound() {
		return r.say("unbind_gone"), nil
	}
	oldChat := *c.ChatID
	if err := r.tx.Unbind(r.ctx, c.ID); err != nil {
		return nil, err
	}
	if err := r.tx.Audit(r.ctx, &r.me.ID, "cadre.unbind", c.ExternalID, ""); err != nil {
		return nil, err
	}
	if oldChat != r.in.chatID {
		if err := r.notify(oldChat, telegram.Message{Text: texts.T(c.Lang, "unbind_notice")}); err != nil {
			return nil, err
		}
	}
	unit := r.unitName(c)
	return r.say("unbind_done", esc(c.Name), esc(c.ExternalID), esc(unit)), nil
}
