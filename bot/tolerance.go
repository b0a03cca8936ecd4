package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runTolerance is /tolerance, the error-tolerance register (容错纠错):
// anyone lists and reads the cases they may see (an admin all, audited; a
// principal the unit's; a cadre their own); the department opens cases,
// takes the procedure's steps, decides and sets correction measures; a
// measure's owner records it done.
//
//	/tolerance · /tolerance ID · /tolerance situations · /tolerance done MEASURE
//	/tolerance new NAME CODES APPLICANT MATTER · /tolerance step ID STEP [DATE]
//	/tolerance decide ID DECISION REASON · /tolerance measure ID NAME DEADLINE TEXT
//	/tolerance link ID YYYY-MM · /tolerance docs ID TEXT
func runTolerance(r *request) ([]telegram.Message, error) {
	sub, rest := cutWord(r.in.args)
	if id, err := strconv.ParseInt(strings.TrimPrefix(sub, "#"), 10, 64); err == nil {
		return viewCase(r, id)
	}
	switch sub {
	case "":
		return listCases(r)
	case "situations":
		return listSituations(r)
	case "done":
		id, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
		if err != nil {
			return r.say("tol_usage"), nil
		}
		return measureDone(r, id)
	case "new", "step", "decide", "measure", "link", "docs":
		if !admin(r.me) {
			return r.refuse("tolerance " + sub), nil
		}
		return toleranceAdmin(r, sub, rest)
	}
	return r.say("tol_usage"), nil
}

func listCases(r *request) ([]telegram.Message, error) {
	cs, err := r.tx.CasesFor(r.ctx, r.me)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return r.say("tol_none"), nil
	}
	var lines []string
	var buttons [][]telegram.Button
	for i, c := range cs {
		if i == 20 {
			lines = append(lines, r.t("tol_more", len(cs)-i))
			break
		}
		who, err := r.tx.GetCadre(r.ctx, c.CadreID)
		if err != nil {
			return nil, err
		}
		lines = append(lines, r.t("tol_list_line", c.ID, esc(who.Name), r.t("tol_step_"+c.Step), decisionText(r, c)))
		buttons = append(buttons, []telegram.Button{{Text: r.t("tol_btn_view", c.ID, who.Name), Data: viewCaseData(c.ID)}})
	}
	return []telegram.Message{{Text: r.t("tol_list_head") + "\n" + strings.Join(lines, "\n"), Buttons: buttons}}, nil
}

func decisionText(r *request, c models.ToleranceCase) string {
	if c.Decision == "" {
		return r.t("tol_undecided")
	}
	return r.t("tol_decision_" + c.Decision)
}

func listSituations(r *request) ([]telegram.Message, error) {
	ss, err := r.tx.Situations(r.ctx)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return r.say("tol_no_situations"), nil
	}
	var b strings.Builder
	b.WriteString(r.t("tol_situations_head"))
	for _, s := range ss {
		b.WriteString("\n" + esc(s.Code) + ". " + esc(s.Text))
	}
	return []telegram.Message{{Text: b.String()}}, nil
}

// viewCase shows a case to whoever may read it; an admin's read is audited.
func viewCase(r *request, id int64) ([]telegram.Message, error) {
	c, who, err := r.tx.OpenCaseFor(r.ctx, r.me, id)
	switch {
	case errors.Is(err, models.ErrNotFound), errors.Is(err, models.ErrForbidden):
		// The same answer either way: whether a case exists is itself
		// confidential. OpenCaseFor audited the refusal.
		if r.in.callbackID != "" {
			return []telegram.Message{{CallbackID: r.in.callbackID, Text: r.t("tol_no_case", id), Alert: true}}, nil
		}
		return r.say("tol_no_case", id), nil
	case err != nil:
		return nil, err
	}
	ms, err := r.tx.Measures(r.ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(r.t("tol_case_head", c.ID, esc(who.Name), esc(r.unitName(who))))
	b.WriteString("\n" + r.t("tol_case_matter", esc(c.Matter)))
	b.WriteString("\n" + r.t("tol_case_situations", esc(strings.Join(c.Codes(), r.t("list_sep")))))
	b.WriteString("\n" + r.t("tol_case_applicant", r.t("tol_applicant_"+c.Applicant)))
	var steps []string
	for _, s := range models.Steps {
		on := c.StepOn(s)
		if on == "" {
			on = r.t("tol_step_pending")
		} else {
			on = dayText(r.lang, on)
		}
		steps = append(steps, r.t("tol_step_on", r.t("tol_step_"+s), on))
	}
	b.WriteString("\n" + r.t("tol_case_steps", strings.Join(steps, r.t("tol_step_sep"))))
	if c.Decision != "" {
		b.WriteString("\n" + r.t("tol_case_decision", decisionText(r, c), esc(c.Reason)))
	}
	if c.Documents != "" {
		b.WriteString("\n" + r.t("tol_case_documents", esc(c.Documents)))
	}
	if c.ReportID != nil {
		if rep, err := r.tx.GetReport(r.ctx, *c.ReportID); err == nil {
			b.WriteString("\n" + r.t("tol_case_report", periodText(r.lang, mustPeriod(rep.Period))))
		}
	}
	if c.ReviewItemID != nil {
		if it, err := r.tx.GetReviewItem(r.ctx, *c.ReviewItemID); err == nil {
			b.WriteString("\n" + r.t("tol_case_item", it.ID, r.dimName(it.Dim)))
		}
	}
	for _, m := range ms {
		owner, err := r.tx.GetCadre(r.ctx, m.OwnerID)
		if err != nil {
			return nil, err
		}
		state := r.t("tol_measure_open")
		if m.DoneOn != "" {
			state = r.t("tol_measure_done_on", dayText(r.lang, m.DoneOn))
		}
		b.WriteString("\n" + r.t("tol_measure_line", m.ID, esc(m.Text), esc(owner.Name), dayText(r.lang, m.Deadline), state))
	}
	return []telegram.Message{{Text: b.String()}}, nil
}

func measureDone(r *request, id int64) ([]telegram.Message, error) {
	m, err := r.tx.MeasureDone(r.ctx, r.me, id, r.tx.Now().In(r.loc).Format("2006-01-02"))
	switch {
	case errors.Is(err, models.ErrNotFound):
		return r.say("tol_no_measure", id), nil
	case errors.Is(err, models.ErrForbidden):
		return r.refuse(fmt.Sprint("measure ", id)), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("tol_measure_already"), nil
	case err != nil:
		return nil, err
	}
	return r.say("tol_measure_recorded", esc(m.Text)), nil
}

// words people type for steps, decisions and applicants.
var (
	stepWords      = map[string]string{"核实": models.StepVerify, "告知": models.StepNotify, "备案": models.StepFile}
	decisionWords  = map[string]string{"容错免责": models.DecisionExempt, "从轻减轻": models.DecisionLighter, "不予容错": models.DecisionRefused}
	applicantWords = map[string]string{"本人": models.ApplicantCadre, "单位": models.ApplicantUnit, "组织部": models.ApplicantDepartment}
)

// word finds the stored value of a typed word, Chinese or the value itself.
func typed(words map[string]string, w string) string {
	if v, ok := words[w]; ok {
		return v
	}
	for _, v := range words {
		if v == w {
			return v
		}
	}
	return ""
}

// toleranceAdmin is the department's part of /tolerance.
func toleranceAdmin(r *request, sub, rest string) ([]telegram.Message, error) {
	if sub == "new" {
		return openCase(r, rest)
	}
	first, rest := cutWord(rest)
	id, err := strconv.ParseInt(strings.TrimPrefix(first, "#"), 10, 64)
	if err != nil {
		return r.say("tol_usage"), nil
	}
	a, b := cutWord(rest)
	var c models.ToleranceCase
	switch sub {
	case "step":
		step := typed(stepWords, a)
		if step == "" {
			return r.say("tol_usage"), nil
		}
		c, err = r.tx.AdvanceCase(r.ctx, &r.me.ID, id, step, b)
	case "decide":
		d := typed(decisionWords, a)
		if d == "" {
			return r.say("tol_usage"), nil
		}
		if strings.TrimSpace(b) == "" {
			return r.say("tol_reason_needed"), nil
		}
		c, err = r.tx.DecideCase(r.ctx, &r.me.ID, id, d, b, "")
	case "measure":
		owner, out, ferr := findOneCadre(r, a)
		if out != nil || ferr != nil {
			return out, ferr
		}
		deadline, text := cutWord(b)
		var m models.CorrectionMeasure
		if m, err = r.tx.AddMeasure(r.ctx, &r.me.ID, id, owner.ID, deadline, text); err == nil {
			return r.say("tol_measure_added", m.ID, esc(owner.Name), dayText(r.lang, m.Deadline)), nil
		}
	case "link":
		if n, ok := itemNumber(a); ok {
			c, err = r.tx.LinkCaseItem(r.ctx, &r.me.ID, id, n)
			if errors.Is(err, models.ErrBadInput) || (errors.Is(err, models.ErrNotFound) && c.ID != 0) {
				return r.say("tol_no_item", n), nil
			}
			break
		}
		c, err = linkCase(r, id, a)
	case "docs":
		if strings.TrimSpace(rest) == "" {
			return r.say("tol_usage"), nil
		}
		c, err = r.tx.SetCaseDocuments(r.ctx, &r.me.ID, id, rest)
	}
	switch {
	case errors.Is(err, models.ErrNotFound):
		return r.say("tol_no_case", id), nil
	case errors.Is(err, models.ErrConflict):
		return r.say("tol_out_of_order"), nil
	case errors.Is(err, models.ErrBadInput):
		return r.say("tol_usage"), nil
	case err != nil:
		return nil, err
	}
	return viewCase(r, c.ID)
}

func openCase(r *request, rest string) ([]telegram.Message, error) {
	who, rest := cutWord(rest)
	codes, rest := cutWord(rest)
	appl, matter := cutWord(rest)
	applicant := typed(applicantWords, appl)
	if who == "" || codes == "" || applicant == "" || matter == "" {
		return r.say("tol_usage"), nil
	}
	cad, out, err := findOneCadre(r, who)
	if out != nil || err != nil {
		return out, err
	}
	list := strings.FieldsFunc(codes, func(r rune) bool { return r == ',' || r == '，' || r == '、' })
	c, err := r.tx.OpenCase(r.ctx, &r.me.ID, models.NewCase{CadreID: cad.ID, Matter: matter, Codes: list, Applicant: applicant,
		AppliedOn: r.tx.Now().In(r.loc).Format("2006-01-02")})
	if errors.Is(err, models.ErrBadInput) {
		return r.say("tol_bad_case", esc(codes)), nil
	}
	if err != nil {
		return nil, err
	}
	return viewCase(r, c.ID)
}

// linkCase links a case to its cadre's monthly report of a month.
func linkCase(r *request, id int64, month string) (models.ToleranceCase, error) {
	p, err := models.ParsePeriod(month)
	if err != nil {
		return models.ToleranceCase{}, fmt.Errorf("%w: month %q", models.ErrBadInput, month)
	}
	c, err := r.tx.GetCase(r.ctx, id)
	if err != nil {
		return c, err
	}
	rep, err := r.tx.ReportFor(r.ctx, c.CadreID, p)
	if err != nil {
		return c, err
	}
	return r.tx.LinkCaseReport(r.ctx, &r.me.ID, id, rep.ID)
}

// itemNumber reads "#12", "＃12" or "第12项", an item of the reverse
// check-up list as /review numbers it.
func itemNumber(s string) (int64, bool) {
	var t string
	switch {
	case strings.HasPrefix(s, "第") && strings.HasSuffix(s, "项"):
		t = strings.TrimSuffix(strings.TrimPrefix(s, "第"), "项")
	case strings.HasPrefix(s, "#"), strings.HasPrefix(s, "＃"):
		t = strings.TrimLeft(s, "#＃")
	default:
		return 0, false
	}
	n, err := strconv.ParseInt(t, 10, 64)
	return n, err == nil && n > 0
}

// withCaseLinks adds to a report's text the tolerance cases linked to it,
// for a reader who may read them (never to colleagues reading a posting).
func withCaseLinks(r *request, text string, reportID int64) (string, error) {
	cs, err := r.tx.CasesOfReport(r.ctx, reportID)
	if err != nil {
		return text, err
	}
	for _, c := range cs {
		text += "\n" + r.t("tol_link_line", c.ID, decisionText(r, c))
	}
	return text, nil
}
