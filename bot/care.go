package bot

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runCare is /care: a cadre's leave left, check-up and 疗养; a principal
// also sees the unit and the leave to confirm; the department opens
// check-ups, assigns 疗养 and sets entitlements. Subcommands:
//
//	/care leave FROM TO · /care checkup booked|done [DATE] · /care mute|unmute ITEM
//	/care rest yes|no ID · /care confirm|refuse ID (principal)
//	/care entitle NAME DAYS · /care checkups open CLOSE|close · /care assign NAME FROM TO (admin)
func runCare(r *request) ([]telegram.Message, error) {
	sub, rest := cutWord(r.in.args)
	year := r.tx.Now().In(r.loc).Year()
	switch sub {
	case "":
		return careView(r, year)
	case "leave":
		from, to := cutWord(rest)
		return careLeave(r, from, to)
	case "checkup":
		state, day := cutWord(rest)
		return careCheckup(r, year, state, day)
	case "mute", "unmute":
		return careMute(r, year, strings.TrimSpace(rest), sub == "mute")
	case "rest":
		ans, id := cutWord(rest)
		n, err := strconv.ParseInt(id, 10, 64)
		if (ans != "yes" && ans != "no") || err != nil {
			return r.say("care_usage"), nil
		}
		return careRestAnswer(r, n, ans == "yes")
	case "confirm", "refuse":
		n, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
		if err != nil {
			return r.say("care_usage"), nil
		}
		return careLeaveAnswer(r, n, sub == "confirm")
	case "entitle", "checkups", "assign":
		if !admin(r.me) {
			return r.refuse("care " + sub), nil
		}
		return careAdmin(r, year, sub, rest)
	}
	return r.say("care_usage"), nil
}

// careView is the caller's year, then (for a principal) the unit's.
func careView(r *request, year int) ([]telegram.Message, error) {
	if r.me.UnitID == nil && admin(r.me) {
		return r.say("care_admin_usage"), nil
	}
	sum, err := r.tx.CareOf(r.ctx, r.me.ID, year)
	if err != nil {
		return nil, err
	}
	out := []telegram.Message{{Text: careSummaryText(r, sum)}}
	if !principal(r.me) {
		return out, nil
	}
	unit, err := r.tx.UnitCare(r.ctx, *r.me.UnitID, year)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, c := range unit {
		lines = append(lines, r.t("care_unit_line", esc(c.Cadre.Name), leftText(r, c), r.t("care_checkup_"+c.Year.Checkup)))
	}
	out = append(out, telegram.Message{Text: r.t("care_unit_head", year) + "\n" + strings.Join(lines, "\n")})
	pending, err := r.tx.PendingLeave(r.ctx, *r.me.UnitID)
	if err != nil {
		return nil, err
	}
	for _, l := range pending {
		c, err := r.tx.GetCadre(r.ctx, l.CadreID)
		if err != nil {
			return nil, err
		}
		out = append(out, leaveAsk(r.lang, c.Name, l))
	}
	return out, nil
}

func leftText(r *request, c models.CareSummary) string {
	if c.Entitled < 0 {
		return r.t("care_left_unknown")
	}
	s := r.t("care_left_days", c.Left(), c.Entitled)
	if c.Beyond() {
		s += r.t("care_beyond_mark")
	}
	return s
}

func careSummaryText(r *request, s models.CareSummary) string {
	var b strings.Builder
	b.WriteString(r.t("care_head", s.Year.Year))
	b.WriteString("\n" + r.t("care_leave_line", leftText(r, s), s.Confirmed, s.Pending))
	checkup := r.t("care_checkup_" + s.Year.Checkup)
	if s.Year.CheckupOn != "" {
		checkup += r.t("care_on", dayText(r.lang, s.Year.CheckupOn))
	}
	b.WriteString("\n" + r.t("care_checkup_line", checkup))
	for _, rr := range s.Rest {
		b.WriteString("\n" + r.t("care_rest_line", rr.ID, dayText(r.lang, rr.StartsOn), dayText(r.lang, rr.EndsOn), r.t("care_rest_st_"+rr.Status)))
	}
	var muted []string
	for _, it := range models.CareItems {
		if s.Year.Muted(it) {
			muted = append(muted, r.t("care_item_"+it))
		}
	}
	if len(muted) > 0 {
		b.WriteString("\n" + r.t("care_muted_line", strings.Join(muted, r.t("list_sep"))))
	}
	b.WriteString("\n\n" + r.t("care_hint"))
	return b.String()
}

// careLeave enters the caller's leave; the principal is asked to confirm.
func careLeave(r *request, from, to string) ([]telegram.Message, error) {
	if from == "" || r.me.UnitID == nil {
		return r.say("care_usage"), nil
	}
	if to == "" {
		to = from
	}
	cal, err := r.calendar()
	if err != nil {
		return nil, err
	}
	a, err := r.tx.AddLeave(r.ctx, r.me.ID, r.me.ID, from, to, cal)
	switch {
	case errors.Is(err, models.ErrConflict):
		return r.say("care_leave_overlap", esc(from), esc(to)), nil
	case errors.Is(err, models.ErrBadInput):
		return r.say("care_leave_bad"), nil
	case err != nil:
		return nil, err
	}
	reply := r.t("care_leave_added", dayText(r.lang, from), dayText(r.lang, to), a.Entry.Days, leftText(r, a.Summary))
	if a.Entry.Beyond {
		reply += "\n" + r.t("care_leave_beyond_warn", a.Summary.Confirmed+a.Summary.Pending, a.Summary.Entitled)
	}
	u, err := r.tx.GetUnit(r.ctx, *r.me.UnitID)
	if err != nil {
		return nil, err
	}
	if u.PrincipalID != nil && *u.PrincipalID != r.me.ID {
		p, err := r.tx.GetCadre(r.ctx, *u.PrincipalID)
		if err != nil {
			return nil, err
		}
		if p.ChatID != nil && p.Active {
			if err := r.notify(*p.ChatID, leaveAsk(p.Lang, r.me.Name, a.Entry)); err != nil {
				return nil, err
			}
		}
	} else if u.PrincipalID != nil {
		// The principal's own leave stands as entered.
		if _, err := r.tx.ConfirmLeave(r.ctx, a.Entry.ID, r.me.ID, true); err != nil {
			return nil, err
		}
	}
	return []telegram.Message{{Text: reply}}, nil
}

// leaveAsk asks a principal to confirm an entry; one past the
// entitlement says so.
func leaveAsk(lang, name string, l models.LeaveEntry) telegram.Message {
	key := "care_leave_ask"
	if l.Beyond {
		key = "care_leave_ask_beyond"
	}
	return telegram.Message{Text: texts.T(lang, key, esc(name), dayText(lang, l.FromDay), dayText(lang, l.ToDay), l.Days, l.ID),
		Buttons: [][]telegram.Button{{
			{Text: texts.T(lang, "care_btn_leave_confirm"), Data: leaveAnswerData(l.ID, true)},
			{Text: texts.T(lang, "care_btn_leave_refuse"), Data: leaveAnswerData(l.ID, false)},
		}}}
}

// careLeaveAnswer is the principal confirming or refusing an entry.
func careLeaveAnswer(r *request, id int64, ok bool) ([]telegram.Message, error) {
	l, err := r.tx.GetLeave(r.ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return r.say("care_no_leave", id), nil
	}
	if err != nil {
		return nil, err
	}
	c, err := r.tx.GetCadre(r.ctx, l.CadreID)
	if err != nil {
		return nil, err
	}
	if !principalOrAdmin(r.me) || !r.me.MayActOnCadre(c) {
		return r.refuse(fmt.Sprint("leave ", id)), nil
	}
	if _, err := r.tx.ConfirmLeave(r.ctx, id, r.me.ID, ok); errors.Is(err, models.ErrConflict) {
		return r.say("care_leave_answered"), nil
	} else if err != nil {
		return nil, err
	}
	key := "care_leave_refused"
	if ok {
		key = "care_leave_confirmed"
	}
	if c.ChatID != nil && c.ID != r.me.ID {
		if err := r.notify(*c.ChatID, telegram.Message{Text: texts.T(c.Lang, key+"_to_cadre", dayText(c.Lang, l.FromDay), dayText(c.Lang, l.ToDay))}); err != nil {
			return nil, err
		}
	}
	return r.say(key, esc(c.Name), dayText(r.lang, l.FromDay), dayText(r.lang, l.ToDay)), nil
}

func careCheckup(r *request, year int, state, day string) ([]telegram.Message, error) {
	if state != models.CheckupBooked && state != models.CheckupDone {
		return r.say("care_usage"), nil
	}
	if day == "" {
		day = r.tx.Now().In(r.loc).Format("2006-01-02")
	}
	if err := r.tx.SetCheckup(r.ctx, r.me.ID, year, state, day); errors.Is(err, models.ErrBadInput) {
		return r.say("care_usage"), nil
	} else if err != nil {
		return nil, err
	}
	return r.say("care_checkup_set", r.t("care_checkup_"+state), dayText(r.lang, day)), nil
}

func careMute(r *request, year int, item string, mute bool) ([]telegram.Message, error) {
	if !slices.Contains(models.CareItems, item) {
		return r.say("care_usage"), nil
	}
	if err := r.tx.MuteCare(r.ctx, r.me.ID, year, item, mute); err != nil {
		return nil, err
	}
	if mute {
		return r.say("care_muted", r.t("care_item_"+item), item), nil
	}
	return r.say("care_unmuted", r.t("care_item_"+item)), nil
}

func careRestAnswer(r *request, id int64, yes bool) ([]telegram.Message, error) {
	rr, err := r.tx.AnswerRest(r.ctx, id, r.me.ID, yes)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return r.say("care_no_rest", id), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("care_rest_answered", r.t("care_rest_st_"+rr.Status)), nil
	case err != nil:
		return nil, err
	}
	return r.say("care_rest_done", r.t("care_rest_st_"+rr.Status), dayText(r.lang, rr.StartsOn), dayText(r.lang, rr.EndsOn)), nil
}

// careAdmin is the department's part of /care.
func careAdmin(r *request, year int, sub, rest string) ([]telegram.Message, error) {
	a, b := cutWord(rest)
	var err error
	switch sub {
	case "checkups":
		switch a {
		case "open":
			var round models.CheckupRound
			if round, err = r.tx.OpenCheckups(r.ctx, &r.me.ID, year, strings.TrimSpace(b)); err == nil {
				return r.say("care_checkups_opened", year, dayText(r.lang, round.ClosesOn)), nil
			}
		case "close":
			if err = r.tx.CloseCheckups(r.ctx, &r.me.ID, year); err == nil {
				return r.say("care_checkups_closed", year), nil
			}
		default:
			return r.say("care_admin_usage"), nil
		}
	case "entitle":
		who, days := a, strings.TrimSpace(b)
		n, perr := strconv.Atoi(days)
		if perr != nil {
			return r.say("care_admin_usage"), nil
		}
		c, out, ferr := findOneCadre(r, who)
		if out != nil || ferr != nil {
			return out, ferr
		}
		if err = r.tx.SetLeaveOverride(r.ctx, &r.me.ID, c.ID, year, n); err == nil {
			return r.say("care_entitled", esc(c.Name), year, n), nil
		}
	case "assign":
		from, to := cutWord(b)
		c, out, ferr := findOneCadre(r, a)
		if out != nil || ferr != nil {
			return out, ferr
		}
		var rr models.RestRotation
		if rr, err = r.tx.AssignRest(r.ctx, &r.me.ID, c.ID, from, strings.TrimSpace(to)); err == nil {
			return r.say("care_rest_assigned", esc(c.Name), dayText(r.lang, rr.StartsOn), dayText(r.lang, rr.EndsOn)), nil
		}
	}
	if errors.Is(err, models.ErrBadInput) || errors.Is(err, models.ErrNotFound) {
		return r.say("care_admin_usage"), nil
	}
	return nil, err
}

// findOneCadre finds the one cadre a name or roster id means within the
// caller's scope.
func findOneCadre(r *request, who string) (models.Cadre, []telegram.Message, error) {
	if who == "" {
		return models.Cadre{}, r.say("cadre_not_found", ""), nil
	}
	var scope *int64
	if r.me.Role != models.RoleAdmin {
		scope = r.me.UnitID
	}
	found, err := r.tx.FindCadres(r.ctx, who, scope, 5)
	switch {
	case err != nil:
		return models.Cadre{}, nil, err
	case len(found) == 0:
		return models.Cadre{}, r.say("cadre_not_found", esc(who)), nil
	case len(found) > 1:
		var names []string
		for _, c := range found {
			names = append(names, fmt.Sprintf("%s（%s）", esc(c.Name), esc(c.ExternalID)))
		}
		return models.Cadre{}, r.say("cadre_ambiguous", strings.Join(names, "、")), nil
	}
	if !r.me.MayActOnCadre(found[0]) {
		return models.Cadre{}, r.refuse("cadre " + found[0].ExternalID), nil
	}
	return found[0], nil, nil
}
