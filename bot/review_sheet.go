package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// reviewSheet is a principal's or a colleague's /review: the round, every
// cadre of their unit in one message with a one-tap 无问题 and a button
// to raise a concern, then their own open items (and a principal's unit's).
func reviewSheet(r *request) ([]telegram.Message, error) {
	round, out, err := reviewRound(r)
	if out != nil || err != nil {
		return out, err
	}
	var msgs []telegram.Message
	if round.State == models.ReviewCollecting && round.Covers(r.me.UnitID) {
		ms, err := answerSheet(r, round)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, ms...)
	} else {
		msgs = append(msgs, telegram.Message{Text: roundLine(r, round) + "\n" + r.t("review_nothing_owed")})
	}
	items, err := r.tx.CadreItems(r.ctx, r.me.ID)
	if err != nil {
		return nil, err
	}
	if len(items) > 0 {
		links, err := itemCaseLinks(r, items)
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, telegram.Message{Text: r.t("review_my_items") + itemLines(r, items, nil, links)})
	}
	if r.me.Role == models.RoleLeader && r.me.UnitID != nil {
		unitItems, err := r.tx.UnitOpenItems(r.ctx, *r.me.UnitID)
		if err != nil {
			return nil, err
		}
		if len(unitItems) > 0 {
			names, err := cadreNames(r, unitItems)
			if err != nil {
				return nil, err
			}
			links, err := itemCaseLinks(r, unitItems)
			if err != nil {
				return nil, err
			}
			msgs = append(msgs, telegram.Message{Text: r.t("review_unit_items") + itemLines(r, unitItems, names, links)})
		}
	}
	return msgs, nil
}

func cadreNames(r *request, items []models.ReviewItem) (map[int64]string, error) {
	names := map[int64]string{}
	for _, it := range items {
		if _, ok := names[it.CadreID]; ok {
			continue
		}
		c, err := r.tx.GetCadre(r.ctx, it.CadreID)
		if err != nil {
			return nil, err
		}
		names[it.CadreID] = c.Name
	}
	return names, nil
}

// sheetRows is how many cadres one message of the answer sheet lists:
// two buttons each stay well under Telegram's 100 per message.
const sheetRows = 40

// answerSheet is the message listing whom the caller answers about (more
// than one only in a unit larger than sheetRows).
func answerSheet(r *request, round models.ReviewRound) ([]telegram.Message, error) {
	mates, err := r.tx.UnitCadres(r.ctx, *r.me.UnitID)
	if err != nil {
		return nil, err
	}
	done, err := r.tx.Answered(r.ctx, round, r.me)
	if err != nil {
		return nil, err
	}
	var (
		lines []string
		rows  [][]telegram.Button
		n     int
	)
	for _, c := range mates {
		if c.ID == r.me.ID || (c.Role != models.RoleCadre && c.Role != models.RoleLeader) {
			continue
		}
		n++
		mark := "·"
		if done[c.ID] {
			mark = "✓"
		}
		lines = append(lines, mark+" "+esc(c.Name))
		rows = append(rows, []telegram.Button{
			{Text: r.t("btn_review_ok", c.Name), Data: reviewOKData(c.ID)},
			{Text: r.t("btn_review_concern"), Data: reviewPickData(c.ID)},
		})
	}
	key := "review_sheet_colleague"
	if r.me.Role == models.RoleLeader {
		key = "review_sheet_principal"
	}
	head := roundLine(r, round) + "\n" + r.t(key, n, len(done), round.ClosesOn)
	var out []telegram.Message
	for i := 0; i < len(lines) || i == 0; i += sheetRows {
		j := min(i+sheetRows, len(lines))
		text := strings.Join(lines[i:j], "\n")
		if i == 0 {
			text = head + "\n" + text
		}
		out = append(out, telegram.Message{Text: text, Buttons: rows[i:j]})
	}
	return out, nil
}

// answerAbout records the caller's answer about a cadre, as principal or
// as colleague by their role.
func answerAbout(r *request, cadreID int64, dims []string, note string) ([]telegram.Message, error) {
	round, out, err := reviewRound(r)
	if out != nil || err != nil {
		return out, err
	}
	target, err := r.tx.GetCadre(r.ctx, cadreID)
	if errors.Is(err, models.ErrNotFound) {
		return r.stale(), nil
	} else if err != nil {
		return nil, err
	}
	a := models.Answer{Round: round, By: r.me, Cadre: target, Dims: dims, Note: note}
	switch r.me.Role {
	case models.RoleLeader:
		err = r.tx.AnswerAsPrincipal(r.ctx, a)
	case models.RoleCadre:
		err = r.tx.AnswerAsColleague(r.ctx, a)
	default:
		return r.refuse(fmt.Sprintf("review answer:%d", cadreID)), nil
	}
	if err != nil {
		return reviewErr(r, err)
	}
	if r.me.Role == models.RoleCadre {
		// A colleague's answer: nothing kept on our side says about whom
		// or what, not the update that carried it, not the reply.
		if err := r.anonymous(); err != nil {
			return nil, err
		}
		if r.in.callbackID != "" {
			return []telegram.Message{{CallbackID: r.in.callbackID, Text: r.t("review_saved_anon")}}, nil
		}
		return r.say("review_saved_anon"), nil
	}
	if len(dims) == 0 {
		if r.in.callbackID != "" {
			return []telegram.Message{{CallbackID: r.in.callbackID, Text: r.t("review_ok_saved", target.Name)}}, nil
		}
		return r.say("review_ok_saved", esc(target.Name)), nil
	}
	return r.say("review_concern_saved", esc(target.Name), r.dimNames(dims)), nil
}

// reviewTyped is /review NAME 无问题 or /review NAME 作风,遵纪 说明.
func reviewTyped(r *request) ([]telegram.Message, error) {
	if r.me.Role == models.RoleCadre {
		// Whatever a colleague typed about someone is not kept, taken or not.
		if err := r.anonymous(); err != nil {
			return nil, err
		}
	}
	who, rest := cutWord(r.in.args)
	found, err := r.tx.FindCadres(r.ctx, who, r.me.UnitID, 5)
	if err != nil {
		return nil, err
	}
	switch {
	case r.me.UnitID == nil || len(found) == 0:
		return r.say("review_no_such_colleague", esc(who)), nil
	case len(found) > 1:
		var names []string
		for _, c := range found {
			names = append(names, fmt.Sprintf("%s（%s）", esc(c.Name), esc(c.ExternalID)))
		}
		return r.say("cadre_ambiguous", strings.Join(names, "、")), nil
	}
	target := found[0]
	if target.ID == r.me.ID {
		// Nobody answers about themselves, nor learns who raised what:
		// their own list names dimensions and dispositions only.
		return r.say("review_self"), nil
	}
	word, note := cutWord(rest)
	if word == "" {
		return r.say("review_answer_usage"), nil
	}
	if word == "无问题" || strings.EqualFold(word, "ok") {
		return answerAbout(r, target.ID, nil, "")
	}
	dims, ok := models.ParseDims(word)
	if !ok || note == "" {
		return r.say("review_answer_usage"), nil
	}
	return answerAbout(r, target.ID, dims, note)
}

func reviewSheetButton(r *request) ([]telegram.Message, error) {
	if r.me.Role == models.RoleLiaison {
		return r.refuse("review sheet"), nil
	}
	r.in.args = ""
	return runReview(r)
}

func reviewOKButton(r *request, cadreID int64) ([]telegram.Message, error) {
	return answerAbout(r, cadreID, nil, "")
}

// reviewPickButton offers the dimensions for a concern about the cadre.
func reviewPickButton(r *request, cadreID int64) ([]telegram.Message, error) {
	target, err := r.tx.GetCadre(r.ctx, cadreID)
	if errors.Is(err, models.ErrNotFound) {
		return r.stale(), nil
	} else if err != nil {
		return nil, err
	}
	if r.me.UnitID == nil || target.UnitID == nil || *target.UnitID != *r.me.UnitID || r.me.Role == models.RoleAdmin {
		return r.refuse(fmt.Sprintf("review pick:%d", cadreID)), nil
	}
	if target.ID == r.me.ID {
		return r.say("review_self"), nil
	}
	text, about := r.t("review_pick_dim", esc(target.Name)), cadreID
	if r.me.Role == models.RoleCadre {
		// A colleague's pick is held in the conversation (gone once they
		// answer), not in the buttons, which stay in the outbox.
		if err := r.anonymous(); err != nil {
			return nil, err
		}
		if err := r.setConv(flowReview, "pick", convData{ReviewCadre: cadreID}); err != nil {
			return nil, err
		}
		text, about = r.t("review_pick_dim_anon"), 0
	}
	var row []telegram.Button
	for _, d := range models.ReviewDims {
		row = append(row, telegram.Button{Text: r.dimName(d), Data: reviewDimData(about, d)})
	}
	return []telegram.Message{{Text: text, Buttons: [][]telegram.Button{row}}}, nil
}

// reviewDimButton asks for the note of a concern in that dimension.
func reviewDimButton(r *request, cadreID int64, dim string) ([]telegram.Message, error) {
	if _, ok := models.ParseDim(dim); !ok {
		return r.stale(), nil
	}
	if cadreID == 0 { // a colleague's pick, held in the conversation
		conv, d, ok, err := r.conv()
		if err != nil {
			return nil, err
		}
		if !ok || conv.Flow != flowReview || conv.Step != "pick" || d.ReviewCadre == 0 {
			return r.stale(), nil
		}
		cadreID = d.ReviewCadre
	}
	out, err := reviewPickButton(r, cadreID)
	if err != nil || len(out) != 1 || len(out[0].Buttons) == 0 {
		return out, err // refused, stale or oneself
	}
	target, err := r.tx.GetCadre(r.ctx, cadreID)
	if err != nil {
		return nil, err
	}
	if err := r.setConv(flowReview, "note", convData{ReviewCadre: cadreID, ReviewDim: dim}); err != nil {
		return nil, err
	}
	if r.me.Role == models.RoleCadre {
		return r.say("review_ask_note_anon"), nil // redacted by reviewPickButton above
	}
	return r.say("review_ask_note", esc(target.Name), r.dimName(dim)), nil
}

// anonymous redacts the update being handled (see models.RedactUpdate).
func (r *request) anonymous() error { return r.tx.RedactUpdate(r.ctx, r.in.updateID) }
