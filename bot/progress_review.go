package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// runVerify is /verify [ID]: the department verifies (核实) an entry;
// without an id, the entries awaiting verification.
func runVerify(r *request) ([]telegram.Message, error) {
	if strings.TrimSpace(r.in.args) == "" {
		return pendingList(r)
	}
	id, ok := progressID(r.in.args)
	if !ok {
		return r.say("pg_verify_usage"), nil
	}
	return verifyEntry(r, id)
}

func verifyEntry(r *request, id int64) ([]telegram.Message, error) {
	if !r.me.MayVerifyProgress() {
		return r.refuse("verify progress " + strconv.FormatInt(id, 10)), nil
	}
	e, err := r.tx.ReviewProgress(r.ctx, id, r.me.ID, "")
	switch {
	case errors.Is(err, models.ErrNotFound):
		return r.say("pg_no_entry", id), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("pg_not_pending", id), nil
	case err != nil:
		return nil, err
	}
	return r.say("pg_verified", id, entryLabel(r, e)), nil
}

// runQuery is /query ID QUESTION: the entry goes back to the unit's
// reporter with the question.
func runQuery(r *request) ([]telegram.Message, error) {
	idWord, question := cutWord(r.in.args)
	id, ok := progressID(idWord)
	if !ok || question == "" {
		return r.say("pg_query_usage"), nil
	}
	if !r.me.MayVerifyProgress() {
		return r.refuse("query progress " + idWord), nil
	}
	e, err := r.tx.ReviewProgress(r.ctx, id, r.me.ID, question)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return r.say("pg_no_entry", id), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("pg_not_pending", id), nil
	case errors.Is(err, models.ErrNoteTooLong):
		return r.say("too_long", 500), nil
	case err != nil:
		return nil, err
	}
	label := entryLabel(r, e)
	rep, err := r.tx.ProgressReporter(r.ctx, e.UnitID)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	if err == nil && rep.Active && rep.ChatID != nil {
		var task models.ContestTask
		if err := r.tx.DB().WithContext(r.ctx).Where("id = ?", e.TaskID).Take(&task).Error; err != nil {
			return nil, err
		}
		if err := r.notify(*rep.ChatID, telegram.Message{Text: texts.T(rep.Lang, "pg_queried_to_reporter", label, esc(question), task.Seq)}); err != nil {
			return nil, err
		}
		return r.say("pg_queried", id, esc(rep.Name)), nil
	}
	return r.say("pg_queried_nobody", id), nil
}

// entryLabel names an entry: 城关镇 棚户区改造征收 60户.
func entryLabel(r *request, e models.ProgressEntry) string {
	u, err := r.tx.GetUnit(r.ctx, e.UnitID)
	if err != nil {
		return "#" + strconv.FormatInt(e.ID, 10)
	}
	var task models.ContestTask
	if err := r.tx.DB().WithContext(r.ctx).Where("id = ?", e.TaskID).Take(&task).Error; err != nil {
		return esc(u.Name)
	}
	return r.t("pg_entry_label", esc(u.Name), esc(task.Name), models.FormatFigure(e.Value, task.Measure))
}

func pendingList(r *request) ([]telegram.Message, error) {
	es, err := r.tx.PendingProgress(r.ctx, 20)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return r.say("pg_pending_none"), nil
	}
	var b strings.Builder
	b.WriteString(r.t("pg_pending_header"))
	for _, e := range es {
		b.WriteString("\n#" + strconv.FormatInt(e.ID, 10) + " " + entryLabel(r, e))
	}
	b.WriteString("\n\n" + r.t("pg_verify_usage"))
	return []telegram.Message{{Text: b.String()}}, nil
}

// runDelegate is /delegate NAME: the principal has a cadre of the unit
// report progress; /delegate 本人 takes it back.
func runDelegate(r *request) ([]telegram.Message, error) {
	who := strings.TrimSpace(r.in.args)
	if who == "" || r.me.UnitID == nil {
		return r.say("pg_delegate_usage"), nil
	}
	u, err := r.tx.GetUnit(r.ctx, *r.me.UnitID)
	if err != nil {
		return nil, err
	}
	if u.PrincipalID == nil || *u.PrincipalID != r.me.ID {
		return r.refuse("delegate progress"), nil
	}
	var target *int64
	name := r.me.Name
	if who != "本人" && !strings.EqualFold(who, "me") {
		found, err := r.tx.FindCadres(r.ctx, who, &u.ID, 5)
		if err != nil {
			return nil, err
		}
		if len(found) != 1 {
			return r.say("cadre_not_found", esc(who)), nil
		}
		target, name = &found[0].ID, found[0].Name
	}
	err = r.tx.Delegate(r.ctx, u.ID, target)
	switch {
	case errors.Is(err, models.ErrNoContest):
		return r.say("pg_no_contest"), nil
	case err != nil:
		return nil, err
	}
	if err := r.tx.Audit(r.ctx, &r.me.ID, "contest.delegate", u.Name, name); err != nil {
		return nil, err
	}
	return r.say("pg_delegated", esc(u.Name), esc(name)), nil
}
