package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// flowProgress holds a figure below the last one until the reporter
// confirms it.
const flowProgress = "progress"

// runProgress is /progress: without arguments the unit's tasks with their
// current figure and target; /progress N FIGURE NOTE reports task N.
func runProgress(r *request) ([]telegram.Message, error) {
	uc, u, out, err := progressScope(r)
	if out != nil || err != nil {
		return out, err
	}
	seqWord, rest := cutWord(r.in.args)
	if seqWord == "" {
		return progressList(r, uc, u)
	}
	seq, err := strconv.Atoi(seqWord)
	if err != nil {
		return r.say("pg_usage"), nil
	}
	task, ok := uc.TaskBySeq(seq)
	if !ok {
		return r.say("pg_no_task", seq, len(uc.Tasks)), nil
	}
	value, raw, err := models.ReadProgressFigure(rest, task.Measure)
	switch {
	case errors.Is(err, models.ErrFigureMissing):
		return r.say("pg_no_figure", esc(task.Name), task.Measure, seq), nil
	case errors.Is(err, models.ErrFigureUnitless):
		return r.say("pg_unitless", esc(raw), task.Measure, seq), nil
	case errors.Is(err, models.ErrFigureOtherUnit):
		return r.say("pg_other_unit", esc(raw), esc(task.Name), task.Measure), nil
	}
	note := strings.Trim(strings.Replace(rest, raw, "", 1), " \t，,；;。：:")
	return recordProgress(r, task, models.ProgressInput{ReporterID: r.me.ID, TaskID: task.ID, Value: value, Raw: raw, Note: note}, seq)
}

// progressScope finds the caller's unit contest and checks they report it.
func progressScope(r *request) (models.UnitContest, models.Unit, []telegram.Message, error) {
	if r.me.UnitID == nil {
		return models.UnitContest{}, models.Unit{}, r.say("pg_no_contest"), nil
	}
	uc, err := r.tx.ContestOfUnit(r.ctx, *r.me.UnitID)
	if errors.Is(err, models.ErrNoContest) {
		return uc, models.Unit{}, r.say("pg_no_contest"), nil
	} else if err != nil {
		return uc, models.Unit{}, nil, err
	}
	u, err := r.tx.GetUnit(r.ctx, *r.me.UnitID)
	if err != nil {
		return uc, u, nil, err
	}
	if !r.me.MayReportProgress(u, uc.Member) {
		who, err := r.tx.ProgressReporter(r.ctx, u.ID)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			return uc, u, nil, err
		}
		r.log.Warn("refused", "cadre_id", r.me.ID, "what", "progress of unit "+strconv.FormatInt(u.ID, 10))
		return uc, u, r.say("pg_not_reporter", esc(u.Name), esc(who.Name)), nil
	}
	return uc, u, nil, nil
}

func progressList(r *request, uc models.UnitContest, u models.Unit) ([]telegram.Message, error) {
	targets, err := r.tx.UnitTargets(r.ctx, uc.Contest.ID, u.ID)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(r.t("pg_header", esc(uc.Contest.Name), esc(u.Name), esc(uc.Group.Name)))
	for _, t := range uc.Tasks {
		last, err := r.tx.LastProgress(r.ctx, t.ID, u.ID)
		if err != nil {
			return nil, err
		}
		cur := r.t("pg_none_yet")
		if last != nil {
			cur = models.FormatFigure(last.Value, t.Measure) + r.t("pg_state_"+last.State)
		}
		target := "—"
		if v, ok := targets[t.ID]; ok {
			target = models.FormatFigure(v, t.Measure)
		}
		b.WriteString("\n" + r.t("pg_line", t.Seq, esc(t.Name), cur, target))
	}
	b.WriteString("\n\n" + r.t("pg_how"))
	return []telegram.Message{{Text: b.String()}}, nil
}

// recordProgress takes the figure, or asks to confirm one that goes
// backwards; the department is told to verify.
func recordProgress(r *request, task models.ContestTask, in models.ProgressInput, seq int) ([]telegram.Message, error) {
	e, last, err := r.tx.ReportProgress(r.ctx, in)
	switch {
	case errors.Is(err, models.ErrBackward) && in.Note == "":
		return r.say("pg_back_note", models.FormatFigure(last.Value, task.Measure), models.FormatFigure(in.Value, task.Measure), seq), nil
	case errors.Is(err, models.ErrBackward):
		d := convData{TaskID: task.ID, Value: in.Value, Raw: in.Raw, Note: in.Note, Seq: seq}
		if err := r.setConv(flowProgress, "back", d); err != nil {
			return nil, err
		}
		return []telegram.Message{{Text: r.t("pg_back_confirm", esc(task.Name), models.FormatFigure(last.Value, task.Measure),
			models.FormatFigure(in.Value, task.Measure), esc(in.Note)),
			Buttons: [][]telegram.Button{{{Text: r.t("pg_btn_confirm"), Data: progressConfirmData()}}}}}, nil
	case errors.Is(err, models.ErrNoteTooLong):
		return r.say("too_long", 500), nil
	case errors.Is(err, models.ErrNotReporter), errors.Is(err, models.ErrTaskNotUnits):
		return r.refuse("progress task " + strconv.FormatInt(in.TaskID, 10)), nil
	case err != nil:
		return nil, err
	}
	if err := tellVerifiers(r, task, e, last); err != nil {
		return nil, err
	}
	return r.say("pg_recorded", esc(task.Name), models.FormatFigure(e.Value, task.Measure)), nil
}

// progressText is a typed answer in the progress flow: 确认 confirms the
// figure below the last one.
func progressText(r *request, d convData) ([]telegram.Message, error) {
	if t := strings.TrimSpace(r.in.text); t != "确认" && !strings.EqualFold(t, "yes") && !strings.EqualFold(t, "confirm") {
		return r.say("pg_back_pending"), nil
	}
	return confirmProgress(r)
}

// confirmProgress records the figure the conversation holds.
func confirmProgress(r *request) ([]telegram.Message, error) {
	c, d, ok, err := r.conv()
	if err != nil {
		return nil, err
	}
	if !ok || c.Flow != flowProgress {
		return r.stale(), nil
	}
	if err := r.endConv(); err != nil {
		return nil, err
	}
	uc, _, out, err := progressScope(r)
	if out != nil || err != nil {
		return out, err
	}
	task, ok := uc.TaskBySeq(d.Seq)
	if !ok || task.ID != d.TaskID {
		return r.stale(), nil
	}
	return recordProgress(r, task, models.ProgressInput{ReporterID: r.me.ID, TaskID: task.ID, Value: d.Value, Raw: d.Raw,
		Note: d.Note, Confirmed: true}, d.Seq)
}

// tellVerifiers asks the department to verify a new entry, in each
// admin's chat, with a button to verify and the command to query.
func tellVerifiers(r *request, task models.ContestTask, e models.ProgressEntry, last *models.ProgressEntry) error {
	cadres, err := r.tx.BoundCadres(r.ctx, models.RoleAdmin)
	if err != nil {
		return err
	}
	u, err := r.tx.GetUnit(r.ctx, e.UnitID)
	if err != nil {
		return err
	}
	before := "—"
	if last != nil {
		before = models.FormatFigure(last.Value, task.Measure)
	}
	for _, c := range cadres {
		if !c.MayVerifyProgress() || c.ChatID == nil {
			continue
		}
		lang := c.Lang
		text := texts.T(lang, "pg_to_verify", esc(u.Name), esc(task.Name), models.FormatFigure(e.Value, task.Measure), before,
			esc(orDash(e.Note)), esc(r.me.Name), e.ID)
		m := telegram.Message{Text: text, Buttons: [][]telegram.Button{{{Text: texts.T(lang, "pg_btn_verify"), Data: verifyData(e.ID)}}}}
		if err := r.notify(*c.ChatID, m); err != nil {
			return err
		}
	}
	return nil
}

func progressID(s string) (int64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0 && fmt.Sprint(id) == s
}
