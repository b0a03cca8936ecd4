package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// judgeAnnual is POST /annual/{id}/{step} for step assess (the principal),
// grade, confirm and correct (the organization department), through the
// same models rules as chat: a refusal is audited there, a confirmed
// judgement is locked, a correction needs a reason.
func (s *Server) judgeAnnual(w http.ResponseWriter, r *http.Request, v *visitor) {
	c, year, ok := s.annualSubject(w, r, v)
	if !ok {
		return
	}
	f := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	ctx := r.Context()
	var err error
	switch step := r.PathValue("step"); step {
	case "assess":
		_, err = s.st.AssessAnnual(ctx, v.me, c.ID, year, f("assessment"))
	case "grade":
		_, err = s.st.GradeAnnual(ctx, v.me, c.ID, year, f("grade"), f("use"), f("rationale"))
	case "confirm":
		_, err = s.st.ConfirmAnnual(ctx, v.me, c.ID, year, f("override"))
	case "correct":
		_, err = s.st.CorrectAnnual(ctx, v.me, c.ID, year, f("grade"), f("use"), f("rationale"), f("reason"))
	default:
		s.notFound(w, r)
		return
	}
	back := fmt.Sprintf("/annual/%d?year=%d", c.ID, year)
	switch {
	case errors.Is(err, models.ErrNotAllowed):
		s.fail(w, r, v, http.StatusForbidden, "web_err_forbidden")
	case errors.Is(err, models.ErrAlreadyConfirmed), errors.Is(err, models.ErrJudgementLocked):
		s.redirectDone(w, r, back, "web_done_annual_locked")
	case errors.Is(err, models.ErrNeedsOverride):
		s.fail(w, r, v, http.StatusConflict, "web_annual_needs_override")
	case errors.Is(err, models.ErrReasonRequired), errors.Is(err, models.ErrBadJudgement),
		errors.Is(err, models.ErrNoGrade), errors.Is(err, models.ErrTooLong), errors.Is(err, models.ErrConflict):
		s.fail(w, r, v, http.StatusBadRequest, "web_annual_bad", models.MaxAssessmentRunes)
	case err != nil:
		s.serverError(w, r, v, err)
	default:
		s.redirectDone(w, r, back, "web_done_annual_saved", c.Name)
	}
}
