package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runTraining is /training: the caller's sessions and hours, and for an
// organiser the sessions they run. /training ID shows a session (its
// attendance list to its organiser); /training ID yes confirms;
// /training ID leave REASON asks for leave; /training ID present NAME
// marks an invitee present; /training approve|refuse INVITATION decides
// a leave request.
func runTraining(r *request) ([]telegram.Message, error) {
	f := strings.Fields(r.in.args)
	if len(f) == 0 {
		return trainingOverview(r)
	}
	if (f[0] == "approve" || f[0] == "refuse") && len(f) == 2 {
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return r.say("training_usage"), nil
		}
		return decideTrainingLeave(r, id, f[0] == "approve")
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(f[0], "#"), 10, 64)
	if err != nil {
		return r.say("training_usage"), nil
	}
	if len(f) == 1 {
		return trainingList(r, id)
	}
	switch f[1] {
	case "present":
		return presentByName(r, id, strings.Join(f[2:], " "))
	case "yes", "确认":
		inv, out, err := invitationTo(r, id)
		if out != nil || err != nil {
			return out, err
		}
		return confirmTraining(r, inv.ID, 0)
	case "leave", "请假":
		inv, out, err := invitationTo(r, id)
		if out != nil || err != nil {
			return out, err
		}
		if reason := strings.Join(f[2:], " "); reason != "" {
			return requestLeave(r, inv.ID, reason)
		}
		return askTrainingLeave(r, inv.ID, 0)
	}
	return r.say("training_usage"), nil
}

func invitationTo(r *request, sessionID int64) (models.TrainingInvitation, []telegram.Message, error) {
	inv, err := r.tx.TrainingInvitationOf(r.ctx, sessionID, r.me.ID)
	if errors.Is(err, models.ErrNotFound) {
		return inv, r.say("training_not_yours", sessionID), nil
	}
	return inv, nil, err
}

// trainingOverview lists what the caller runs, then their own sessions of
// the year and their hours.
func trainingOverview(r *request) ([]telegram.Message, error) {
	now := r.tx.Now().In(r.loc)
	var b strings.Builder
	var rows [][]telegram.Button
	runs, err := r.tx.TrainingsOrganisedBy(r.ctx, r.me)
	if err != nil {
		return nil, err
	}
	if len(runs) > 0 {
		b.WriteString(r.t("training_runs_head"))
		for _, t := range runs {
			b.WriteString("\n" + r.t("training_run_line", t.ID, esc(t.Title), talkWhen(r.lang, t.StartsAt, r.loc)))
			if len(rows) < maxButtons {
				rows = append(rows, []telegram.Button{{Text: r.t("btn_training_list", t.Title), Data: trainingViewData(t.ID)}})
			}
		}
		b.WriteString("\n\n")
	}
	h, err := r.tx.CadreTrainingHours(r.ctx, r.me.ID, now.Year(), r.loc)
	if err != nil {
		return nil, err
	}
	b.WriteString(r.t("training_my_head", h.Year, hoursText(h.YearHours), h.PeriodFrom, h.PeriodTo, hoursText(h.PeriodHours)))
	if len(h.Sessions) == 0 {
		b.WriteString("\n" + r.t("training_my_none"))
	}
	for _, s := range h.Sessions {
		b.WriteString("\n" + r.t("training_my_line", s.Session.ID, esc(s.Session.Title), talkWhen(r.lang, s.Session.StartsAt, r.loc),
			r.t("training_attend_"+s.Attendance)))
	}
	return []telegram.Message{{Text: b.String(), Buttons: rows}}, nil
}

// trainingList shows a session: its attendance list to its organiser, the
// caller's own invitation to an invitee.
func trainingList(r *request, id int64) ([]telegram.Message, error) {
	t, err := r.tx.GetTraining(r.ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return r.say("training_not_found", id), nil
	} else if err != nil {
		return nil, err
	}
	if !r.me.MayRunTraining(t) {
		inv, out, err := invitationTo(r, id)
		if out != nil || err != nil {
			return out, err
		}
		p := models.TrainingNotice{InvitationID: inv.ID, Version: t.Version, Lang: r.lang, Zone: r.loc.String(), Kind: t.Kind,
			Title: t.Title, Place: t.Place, Bring: t.Bring, Lecturer: t.Lecturer, StartsAt: t.StartsAt, EndsAt: t.EndsAt, Hours: t.Hours}
		return []telegram.Message{{Text: trainingDetails(p) + "\n" + r.t("training_my_state", r.t("training_attend_"+inv.Attendance(t, r.tx.Now())))}}, nil
	}
	l, err := r.tx.TrainingAttendance(r.ctx, id)
	if err != nil {
		return nil, err
	}
	return []telegram.Message{attendanceMessage(r, l)}, nil
}

func attendanceMessage(r *request, l models.AttendanceList) telegram.Message {
	t := l.Session
	var b strings.Builder
	b.WriteString(r.t("training_list_head", esc(t.Title), talkWhen(r.lang, t.StartsAt, r.loc), esc(t.Place)))
	if t.Status == models.TrainingCancelled {
		b.WriteString("\n" + r.t("training_list_cancelled", esc(t.CancelReason)))
	}
	b.WriteString("\n" + r.t("training_list_counts", l.Invited, l.Confirmed, l.LeaveAsked, l.Leave, l.Present, l.Absent, l.Unreachable))
	var rows [][]telegram.Button
	for _, a := range l.Rows {
		line := r.t("training_list_line", esc(a.Cadre), esc(a.Unit), r.t("training_attend_"+a.Attendance))
		if a.LeaveReason != "" && (a.Answer == models.TrainingLeaveAsked || a.Answer == models.TrainingLeaveApproved) {
			line += r.t("training_list_reason", esc(a.LeaveReason))
		}
		if a.Unreachable {
			line += r.t("training_list_unreachable")
		}
		b.WriteString("\n" + line)
		if a.CheckedInAt == nil && a.Attendance == models.AttendPending && len(rows) < maxButtons {
			rows = append(rows, []telegram.Button{{Text: r.t("btn_training_present", a.Cadre), Data: trainingPresentData(a.InvitationID)}})
		}
	}
	return telegram.Message{Text: b.String(), Buttons: rows}
}

// markTrainingPresent is the organiser's tick for one invitee.
func markTrainingPresent(r *request, invID int64) ([]telegram.Message, error) {
	inv, t, err := r.tx.MarkTrainingPresent(r.ctx, invID, r.me)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return r.stale(), nil
	case errors.Is(err, models.ErrTrainingNotAllowed):
		return r.refuse(fmt.Sprintf("mark present %d", invID)), nil
	case errors.Is(err, models.ErrCheckedIn):
		return r.say("training_present_already"), nil
	case errors.Is(err, models.ErrCheckinClosed), errors.Is(err, models.ErrTrainingCancelled):
		return r.say("training_present_not_yet"), nil
	case err != nil:
		return nil, err
	}
	c, err := r.tx.GetCadre(r.ctx, inv.CadreID)
	if err != nil {
		return nil, err
	}
	return r.say("training_present_done", esc(c.Name), esc(t.Title)), nil
}

// presentByName is /training ID present NAME.
func presentByName(r *request, sessionID int64, name string) ([]telegram.Message, error) {
	l, err := r.tx.TrainingAttendance(r.ctx, sessionID)
	if errors.Is(err, models.ErrNotFound) {
		return r.say("training_not_found", sessionID), nil
	} else if err != nil {
		return nil, err
	}
	if !r.me.MayRunTraining(l.Session) {
		return r.refuse(fmt.Sprintf("mark present in training %d", sessionID)), nil
	}
	name = strings.TrimSpace(name)
	for _, a := range l.Rows {
		if name != "" && (a.Cadre == name || a.ExternalID == name) {
			return markTrainingPresent(r, a.InvitationID)
		}
	}
	return r.say("training_no_invitee", esc(name)), nil
}
