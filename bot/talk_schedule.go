package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runTalk is /talk for leaders: "/talk" lists the unit's cadres,
// "/talk 张三" finds one, "/talk 张三 家庭变故" goes straight to the time,
// "/talk #12" or "/talk move 12" arranges or moves a talk and
// "/talk cancel 12 REASON" calls one off.
func runTalk(r *request) ([]telegram.Message, error) {
	if !r.me.AtLeast(models.RoleLeader) {
		return r.refuse("/talk"), nil
	}
	verb, rest := cutWord(r.in.args)
	switch strings.ToLower(verb) {
	case "":
		return talkCadreList(r)
	case "move", "改期":
		if id, ok := talkID(rest); ok {
			return arrangeTalk(r, id)
		}
		return r.say("talk_usage"), nil
	case "cancel", "取消":
		idText, reason := cutWord(rest)
		if id, ok := talkID(idText); ok {
			return startCancelTalk(r, id, reason)
		}
		return r.say("talk_usage"), nil
	}
	if id, ok := talkID(verb); ok && strings.HasPrefix(verb, "#") {
		return arrangeTalk(r, id)
	}
	if reason, ok := models.ParseTalkReason(rest); ok && reason != models.TalkFollowUp {
		c, out, err := findScopedCadre(r, verb, "talk")
		if out != nil || err != nil {
			return out, err
		}
		return chooseTalkReason(r, c.ID, reason)
	}
	return findTalkCadre(r, strings.TrimSpace(r.in.args))
}

// talkCadreList offers the unit's cadres as buttons, those owed a talk
// marked.
func talkCadreList(r *request) ([]telegram.Message, error) {
	if r.me.UnitID == nil {
		return r.say("talk_name_needed"), nil
	}
	cs, err := r.tx.UnitCadres(r.ctx, *r.me.UnitID)
	if err != nil {
		return nil, err
	}
	open, err := r.tx.LeaderOpenTalks(r.ctx, r.me.ID)
	if err != nil {
		return nil, err
	}
	owed := map[int64]bool{}
	for _, t := range open {
		owed[t.CadreID] = owed[t.CadreID] || t.Status == models.TalkDue
	}
	var rows [][]telegram.Button
	for _, c := range cs {
		if c.ID == r.me.ID || len(rows) >= maxButtons {
			continue
		}
		label := c.Name
		if owed[c.ID] {
			label = r.t("owed_mark", c.Name)
		}
		rows = append(rows, []telegram.Button{{Text: label, Data: talkCadreData(c.ID)}})
	}
	if len(rows) == 0 {
		return r.say("talk_no_cadres"), nil
	}
	return []telegram.Message{{Text: r.t("talk_pick_cadre"), Buttons: rows}}, nil
}

// findTalkCadre finds the person named within the caller's scope. A name
// found only outside it is refused (and audited), not hidden.
func findTalkCadre(r *request, q string) ([]telegram.Message, error) {
	c, out, err := findScopedCadre(r, q, "talk")
	if out != nil || err != nil {
		return out, err
	}
	return pickTalkCadre(r, c.ID)
}

// findScopedCadre finds the one active cadre q names among those the
// caller may act on; action names the refusal in the audit log.
func findScopedCadre(r *request, q, action string) (models.Cadre, []telegram.Message, error) {
	var scope *int64
	if r.me.Role != models.RoleAdmin {
		scope = r.me.UnitID
	}
	found, err := r.tx.FindCadres(r.ctx, q, scope, 6)
	if err != nil {
		return models.Cadre{}, nil, err
	}
	if len(found) == 0 && scope != nil {
		elsewhere, err := r.tx.FindCadres(r.ctx, q, nil, 1)
		if err != nil {
			return models.Cadre{}, nil, err
		}
		if len(elsewhere) > 0 {
			return models.Cadre{}, r.refuse(action + " " + elsewhere[0].ExternalID), nil
		}
	}
	switch {
	case len(found) == 0:
		return models.Cadre{}, r.say("cadre_not_found", esc(q)), nil
	case len(found) > 1:
		var names []string
		for _, c := range found {
			names = append(names, fmt.Sprintf("%s（%s）", esc(c.Name), esc(c.ExternalID)))
		}
		return models.Cadre{}, r.say("cadre_ambiguous", strings.Join(names, "、")), nil
	}
	return found[0], nil, nil
}

// mayTalkWith is the scope rule for starting a talk: a leader or admin
// who may act on the cadre, and not with themselves.
func (r *request) mayTalkWith(c models.Cadre) bool {
	return r.me.AtLeast(models.RoleLeader) && r.me.MayActOnCadre(c) && c.ID != r.me.ID && c.Active
}

// pickTalkCadre shows what the cadre is owed and the reasons for a new
// talk.
func pickTalkCadre(r *request, cadreID int64) ([]telegram.Message, error) {
	c, err := r.tx.GetCadre(r.ctx, cadreID)
	if errors.Is(err, models.ErrNotFound) {
		return r.stale(), nil
	} else if err != nil {
		return nil, err
	}
	if !r.mayTalkWith(c) {
		return r.refuse(fmt.Sprintf("talk cadre %d", cadreID)), nil
	}
	open, err := r.tx.OpenTalksOfCadre(r.ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(r.t("talk_with", esc(c.Name)))
	var rows [][]telegram.Button
	for _, t := range open {
		if !r.me.MayArrangeTalk(t.Talk, c) {
			continue
		}
		if t.Status == models.TalkDue {
			b.WriteString("\n" + r.t("owed_line", reasonName(r.lang, t.Reason), talkDay(r.lang, t.DueBy)))
			rows = append(rows, []telegram.Button{{Text: r.t("btn_arrange", reasonName(r.lang, t.Reason)), Data: arrangeTalkData(t.ID)}})
		} else {
			b.WriteString("\n" + r.t("scheduled_line", talkWhen(r.lang, *t.StartsAt, r.loc), esc(t.Place)))
			rows = append(rows, []telegram.Button{{Text: r.t("btn_move", talkWhen(r.lang, *t.StartsAt, r.loc)), Data: arrangeTalkData(t.ID)}})
		}
	}
	b.WriteString("\n\n" + r.t("talk_pick_reason"))
	var row []telegram.Button
	for _, reason := range models.TalkReasons {
		if reason == models.TalkFollowUp {
			continue // follow-ups come from a record
		}
		row = append(row, telegram.Button{Text: reasonName(r.lang, reason), Data: talkReasonData(c.ID, reason)})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return []telegram.Message{{Text: b.String(), Buttons: rows}}, nil
}

// chooseTalkReason starts a plan for a new talk.
func chooseTalkReason(r *request, cadreID int64, reason string) ([]telegram.Message, error) {
	c, err := r.tx.GetCadre(r.ctx, cadreID)
	if errors.Is(err, models.ErrNotFound) {
		return r.stale(), nil
	} else if err != nil {
		return nil, err
	}
	if code, ok := models.ParseTalkReason(reason); !ok || code != reason || reason == models.TalkFollowUp {
		return r.stale(), nil
	}
	if !r.mayTalkWith(c) {
		return r.refuse(fmt.Sprintf("talk cadre %d", cadreID)), nil
	}
	return startPlan(r, models.TalkPlan{LeaderID: r.me.ID, CadreID: c.ID, Reason: reason}, c)
}

// arrangeTalk starts a plan for an owed talk, or to move a scheduled one.
func arrangeTalk(r *request, id int64) ([]telegram.Message, error) {
	t, c, out, err := loadTalk(r, id)
	if out != nil || err != nil {
		return out, err
	}
	if !r.me.MayArrangeTalk(t, c) {
		return r.refuse(fmt.Sprintf("arrange talk %d", id)), nil
	}
	if t.Status != models.TalkDue && t.Status != models.TalkScheduled {
		return r.say("talk_state_now", statusName(r.lang, t.Status)), nil
	}
	return startPlan(r, models.TalkPlan{LeaderID: r.me.ID, TalkID: &t.ID, CadreID: c.ID, Reason: t.Reason, Place: t.Place}, c)
}

func startPlan(r *request, p models.TalkPlan, c models.Cadre) ([]telegram.Message, error) {
	if _, err := r.tx.SaveTalkPlan(r.ctx, p); err != nil {
		return nil, err
	}
	if err := r.setTalkStep(stepTalkTime); err != nil {
		return nil, err
	}
	return r.say("ask_time", esc(c.Name), reasonName(r.lang, p.Reason)), nil
}
