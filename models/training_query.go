package models

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// InviteeRow is one invitation with its cadre and unit, for lists.
type InviteeRow struct {
	TrainingInvitation
	Cadre Cadre  `gorm:"-"`
	Unit  string `gorm:"-"`
}

// Unreachable tells whether the bot cannot reach the invitee: never bound,
// or their chat blocked the bot. The organiser is shown it.
func (r InviteeRow) Unreachable() bool { return r.Cadre.ChatID == nil || r.Cadre.Unreachable }

// trainingInvitees lists a session's invitations with cadres, by unit and name.
func (s *Store) trainingInvitees(ctx context.Context, sessionID int64) ([]InviteeRow, error) {
	var invs []TrainingInvitation
	if err := s.with(ctx).Where("session_id = ?", sessionID).Order("id").Find(&invs).Error; err != nil {
		return nil, fmt.Errorf("invitees of training %d: %w", sessionID, err)
	}
	return s.withCadres(ctx, invs)
}

func (s *Store) withCadres(ctx context.Context, invs []TrainingInvitation) ([]InviteeRow, error) {
	ids := make([]int64, len(invs))
	for i, inv := range invs {
		ids[i] = inv.CadreID
	}
	cadres := map[int64]Cadre{}
	for start := 0; start < len(ids); start += 500 {
		var cs []Cadre
		if err := s.with(ctx).Where("id IN ?", ids[start:min(start+500, len(ids))]).Find(&cs).Error; err != nil {
			return nil, fmt.Errorf("read invitees: %w", err)
		}
		for _, c := range cs {
			cadres[c.ID] = c
		}
	}
	units := map[int64]string{}
	us, err := s.Units(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		units[u.ID] = u.Name
	}
	out := make([]InviteeRow, len(invs))
	for i, inv := range invs {
		c := cadres[inv.CadreID]
		out[i] = InviteeRow{TrainingInvitation: inv, Cadre: c}
		if c.UnitID != nil {
			out[i].Unit = units[*c.UnitID]
		}
	}
	return out, nil
}

// AttendanceList is a session's invitees and how each stands at Now, with
// the counts: invited / confirmed / on leave / present / absent.
type AttendanceList struct {
	Session                                        TrainingSession
	Now                                            time.Time
	Rows                                           []AttendanceRow
	Invited, Confirmed, LeaveAsked, Leave, Present int
	Late, LeftEarly, Absent, Unreachable           int
}

// AttendanceRow is one invitee on the list.
type AttendanceRow struct {
	InvitationID int64
	Cadre        string
	ExternalID   string
	Unit         string
	Answer       string // TrainingConfirmed, TrainingLeave…, "" none
	LeaveReason  string
	Attendance   string // Attend…
	CheckedInAt  *time.Time
	ByHand       bool // marked present by the organiser
	Unreachable  bool
}

// TrainingAttendance reads a session's attendance list.
func (s *Store) TrainingAttendance(ctx context.Context, sessionID int64) (AttendanceList, error) {
	t, err := s.GetTraining(ctx, sessionID)
	if err != nil {
		return AttendanceList{}, err
	}
	rows, err := s.trainingInvitees(ctx, sessionID)
	if err != nil {
		return AttendanceList{}, err
	}
	l := AttendanceList{Session: t, Now: s.Now(), Invited: len(rows)}
	for _, r := range rows {
		a := AttendanceRow{InvitationID: r.ID, Cadre: r.Cadre.Name, ExternalID: r.Cadre.ExternalID, Unit: r.Unit,
			Answer: r.Answer, LeaveReason: r.LeaveReason, Attendance: r.Attendance(t, l.Now), CheckedInAt: r.CheckedInAt,
			ByHand: r.MarkedByID != nil, Unreachable: r.Unreachable()}
		l.Rows = append(l.Rows, a)
		l.count(a)
	}
	return l, nil
}

func (l *AttendanceList) count(a AttendanceRow) {
	switch a.Answer {
	case TrainingConfirmed:
		l.Confirmed++
	case TrainingLeaveAsked:
		l.LeaveAsked++
	}
	switch a.Attendance {
	case AttendPresent:
		l.Present++
	case AttendLate:
		l.Present++
		l.Late++
	case AttendLeftEarly:
		l.Present++
		l.LeftEarly++
	case AttendLeave:
		l.Leave++
	case AttendAbsent:
		l.Absent++
	}
	if a.Unreachable {
		l.Unreachable++
	}
}

// TrainingsOrganisedBy lists the sessions c runs (every session for an
// admin) that have not ended more than a week ago, soonest first.
func (s *Store) TrainingsOrganisedBy(ctx context.Context, c Cadre) ([]TrainingSession, error) {
	q := s.with(ctx).Where("ends_at > ?", s.Now().Add(-7*24*time.Hour))
	if c.Role != RoleAdmin {
		q = q.Where("organiser_id = ?", c.ID)
	}
	var ts []TrainingSession
	if err := q.Order("starts_at, id").Limit(20).Find(&ts).Error; err != nil {
		return nil, fmt.Errorf("trainings organised by %d: %w", c.ID, err)
	}
	return ts, nil
}

// MyTraining is one of a cadre's sessions with their invitation.
type MyTraining struct {
	Session    TrainingSession
	Invitation TrainingInvitation
	Attendance string
}

// TrainingHours is a cadre's record: their sessions of the year and the
// hours credited this year and over the three-year plan period.
type TrainingHours struct {
	Year                 int
	PeriodFrom, PeriodTo int
	YearHours            float64
	PeriodHours          float64
	Sessions             []MyTraining // of the year, by start
}

// TrainingPlanFirstYear is the first year of the first three-year plan
// period (领导干部三年增智计划): 2024–2026, 2027–2029, …
const TrainingPlanFirstYear = 2024

// PlanPeriod is the three-year period holding year.
func PlanPeriod(year int) (from, to int) {
	d := year - TrainingPlanFirstYear
	if d < 0 {
		d -= 2
	}
	from = TrainingPlanFirstYear + d/3*3
	return from, from + 2
}

// CadreTrainingHours reads a cadre's sessions of year and their hours;
// years are reckoned in loc.
func (s *Store) CadreTrainingHours(ctx context.Context, cadreID int64, year int, loc *time.Location) (TrainingHours, error) {
	from, to := PlanPeriod(year)
	h := TrainingHours{Year: year, PeriodFrom: from, PeriodTo: to}
	var invs []TrainingInvitation
	var ts []TrainingSession
	start, end := time.Date(min(from, year), 1, 1, 0, 0, 0, 0, loc), time.Date(max(to, year)+1, 1, 1, 0, 0, 0, 0, loc)
	err := s.with(ctx).Where("id IN (?) AND starts_at >= ? AND starts_at < ?",
		s.with(ctx).Model(&TrainingInvitation{}).Select("session_id").Where("cadre_id = ?", cadreID), start.UTC(), end.UTC()).
		Order("starts_at, id").Find(&ts).Error
	if err == nil {
		err = s.with(ctx).Where("cadre_id = ?", cadreID).Find(&invs).Error
	}
	if err != nil {
		return h, fmt.Errorf("training hours of cadre %d: %w", cadreID, err)
	}
	byS := map[int64]TrainingInvitation{}
	for _, inv := range invs {
		byS[inv.SessionID] = inv
	}
	now := s.Now()
	for _, t := range ts {
		inv := byS[t.ID]
		y := t.StartsAt.In(loc).Year()
		if inv.Credited(t) {
			if y >= from && y <= to {
				h.PeriodHours += t.Hours
			}
			if y == year {
				h.YearHours += t.Hours
			}
		}
		if y == year {
			h.Sessions = append(h.Sessions, MyTraining{Session: t, Invitation: inv, Attendance: inv.Attendance(t, now)})
		}
	}
	return h, nil
}

// TrainingsOfYear lists every session starting in year (in loc).
func (s *Store) TrainingsOfYear(ctx context.Context, year int, loc *time.Location) ([]TrainingSession, error) {
	var ts []TrainingSession
	err := s.with(ctx).Where("starts_at >= ? AND starts_at < ?", time.Date(year, 1, 1, 0, 0, 0, 0, loc).UTC(),
		time.Date(year+1, 1, 1, 0, 0, 0, 0, loc).UTC()).Order("starts_at, id").Find(&ts).Error
	if err != nil {
		return nil, fmt.Errorf("trainings of %d: %w", year, err)
	}
	return ts, nil
}

// TrainingInvitationOf reads the cadre's invitation to a session.
func (s *Store) TrainingInvitationOf(ctx context.Context, sessionID, cadreID int64) (TrainingInvitation, error) {
	var inv TrainingInvitation
	return inv, translate(s.with(ctx).Where("session_id = ? AND cadre_id = ?", sessionID, cadreID).Take(&inv).Error)
}

// CadreHours is one cadre's credited hours, for the yearly export.
type CadreHours struct {
	CadreID           int64
	Name, ExternalID  string
	Unit              string
	Year, Period      float64
	Sessions, Present int // of the year
}

// TrainingHoursAll sums every invited cadre's hours of year and of its
// plan period (years in loc), by unit and name.
func (s *Store) TrainingHoursAll(ctx context.Context, year int, loc *time.Location) ([]CadreHours, error) {
	from, to := PlanPeriod(year)
	type row struct {
		CadreID  int64
		StartsAt time.Time
		Hours    float64
		Status   string
		In       *time.Time
	}
	var rows []row
	err := s.with(ctx).Table("training_invitations i").
		Select("i.cadre_id, t.starts_at, t.hours, t.status, i.checked_in_at AS \"in\"").
		Joins("JOIN training_sessions t ON t.id = i.session_id").
		Where("t.starts_at >= ? AND t.starts_at < ?", time.Date(min(from, year), 1, 1, 0, 0, 0, 0, loc).UTC(),
			time.Date(max(to, year)+1, 1, 1, 0, 0, 0, 0, loc).UTC()).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("training hours of %d: %w", year, err)
	}
	by := map[int64]*CadreHours{}
	var ids []int64
	for _, r := range rows {
		h := by[r.CadreID]
		if h == nil {
			h = &CadreHours{CadreID: r.CadreID}
			by[r.CadreID] = h
			ids = append(ids, r.CadreID)
		}
		y := r.StartsAt.In(loc).Year()
		credited := r.Status == TrainingPlanned && r.In != nil
		if y == year && r.Status == TrainingPlanned {
			h.Sessions++
		}
		if credited && y == year {
			h.Year += r.Hours
			h.Present++
		}
		if credited && y >= from && y <= to {
			h.Period += r.Hours
		}
	}
	invs := make([]TrainingInvitation, len(ids))
	for i, id := range ids {
		invs[i].CadreID = id
	}
	cs, err := s.withCadres(ctx, invs)
	if err != nil {
		return nil, err
	}
	out := make([]CadreHours, 0, len(cs))
	for _, c := range cs {
		h := *by[c.CadreID]
		h.Name, h.ExternalID, h.Unit = c.Cadre.Name, c.Cadre.ExternalID, c.Unit
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b CadreHours) int {
		return cmp.Or(cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Name, b.Name), cmp.Compare(a.CadreID, b.CadreID))
	})
	return out, nil
}
