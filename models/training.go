package models

// Training (党课、集中军训、专题培训): sessions, the invitations to them,
// leave, check-in at the venue and every cadre's hours. This file holds
// the words and the entities; training_flow.go invites, answers, moves and
// cancels; training_checkin.go derives and checks the rotating codes;
// training_query.go reads attendance and hours; training_notice.go the
// notifications; lecture.go the lectures principals owe.

import (
	"errors"
	"strings"
	"time"
)

// Training kinds.
const (
	TrainingLecture   = "party_lecture" // 专题党课
	TrainingMilitary  = "military"      // 集中军训
	TrainingCourse    = "course"        // 专题培训
	TrainingStudyTour = "study_tour"    // 考察学习
	TrainingOther     = "other"
)

// TrainingKinds lists the kinds in the order people are shown them.
var TrainingKinds = []string{TrainingLecture, TrainingMilitary, TrainingCourse, TrainingStudyTour, TrainingOther}

var trainingKindWords = map[string][]string{
	TrainingLecture:   {"专题党课", "党课"},
	TrainingMilitary:  {"集中军训", "军训"},
	TrainingCourse:    {"专题培训", "培训", "专题研修班", "研修班"},
	TrainingStudyTour: {"考察学习", "考察"},
	TrainingOther:     {"其他"},
}

// TrainingKindZH is a kind's name in Chinese.
func TrainingKindZH(kind string) string {
	if ws := trainingKindWords[kind]; len(ws) > 0 {
		return ws[0]
	}
	return kind
}

// ParseTrainingKind reads a kind written as its code or in Chinese.
func ParseTrainingKind(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range TrainingKinds {
		if s == k {
			return k, true
		}
		for _, w := range trainingKindWords[k] {
			if s == w {
				return k, true
			}
		}
	}
	return "", false
}

// Session statuses.
const (
	TrainingPlanned   = "planned"
	TrainingCancelled = "cancelled"
)

// An invitee's answer.
const (
	TrainingNoAnswer      = ""
	TrainingConfirmed     = "confirmed"
	TrainingLeaveAsked    = "leave_asked"
	TrainingLeaveApproved = "leave_approved"
	TrainingLeaveRefused  = "leave_refused"
)

// Errors of the training rules.
var (
	ErrTrainingCancelled  = errors.New("the session was cancelled")
	ErrTrainingStarted    = errors.New("the session has already started")
	ErrOverCapacity       = errors.New("the session is full")
	ErrOtherBatch         = errors.New("the cadre is already in another batch of this training")
	ErrNotInvited         = errors.New("not invited to this session")
	ErrCheckinCode        = errors.New("the check-in code is wrong or has expired")
	ErrCheckinClosed      = errors.New("no check-in is open now")
	ErrCheckedIn          = errors.New("already checked in")
	ErrCheckinLocked      = errors.New("too many wrong check-in codes")
	ErrTrainingNotAllowed = errors.New("not the organiser or approver of this session")
)

// TrainingSession is one lecture, training, batch of a 军训 or study tour.
// UnitID is the unit it is held for (a principal's lecture in their own
// unit); nil makes it county-wide, and leave then goes to the organiser.
// A 军训 in batches is one session per batch sharing Series: each cadre is
// invited to one batch of a series.
type TrainingSession struct {
	ID           int64     `gorm:"primaryKey"`
	Kind         string    `gorm:"size:16;not null"`
	Title        string    `gorm:"size:200;not null"`
	StartsAt     time.Time `gorm:"not null;index"`
	EndsAt       time.Time `gorm:"not null"`
	Place        string    `gorm:"size:200;not null"`
	Bring        string    `gorm:"size:500"` // what to bring
	OrganiserID  int64     `gorm:"not null;index"`
	Lecturer     string    `gorm:"size:100"`
	LecturerID   *int64    `gorm:"index"`
	Hours        float64   `gorm:"not null"` // credited to each attendee
	UnitID       *int64    `gorm:"index"`
	Capacity     int       `gorm:"not null;default:0"` // 0: no limit
	Series       string    `gorm:"size:100;index"`
	Batch        int       `gorm:"not null;default:0"`
	CheckOut     bool      `gorm:"not null;default:false"` // a second check-in at the end records early departures
	Status       string    `gorm:"size:10;not null"`
	CancelReason string    `gorm:"size:500"`
	Version      int       `gorm:"not null;default:1"` // bumped when moved or cancelled
	// Secret keys the check-in codes (HMAC). It never leaves the server:
	// the screen shows codes, not the key.
	Secret    string `gorm:"size:64;not null" json:"-"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TrainingInvitation is one cadre invited to one session: their answer,
// their leave and their check-ins.
type TrainingInvitation struct {
	ID           int64      `gorm:"primaryKey"`
	SessionID    int64      `gorm:"not null;uniqueIndex:idx_training_invitee,priority:1"`
	CadreID      int64      `gorm:"not null;uniqueIndex:idx_training_invitee,priority:2;index"`
	Answer       string     `gorm:"size:16;not null;default:''"`
	AnsweredAt   *time.Time // confirmation or leave request
	LeaveReason  string     `gorm:"size:500"`
	LeaveByID    *int64     // who approved or refused the leave
	LeaveAt      *time.Time
	CheckedInAt  *time.Time
	CheckedOutAt *time.Time
	MarkedByID   *int64 // an organiser marked them present by hand
	CreatedAt    time.Time
}

// Check-in timing.
const (
	CheckinSlot     = 30 * time.Second // how long one code shows
	checkinOpens    = 30 * time.Minute // before the start
	lateAfter       = 10 * time.Minute // after the start: a check-in is late
	checkoutOpens   = 20 * time.Minute // before the end
	checkoutCloses  = 30 * time.Minute // after the end
	checkinPhaseIn  = "in"
	checkinPhaseOut = "out"
)

// Attendance of one invitee, as lists and exports show it.
const (
	AttendPending   = "pending" // the session has not ended and they have not checked in
	AttendPresent   = "present" // checked in on time (and out, when asked)
	AttendLate      = "late"    // checked in after the start
	AttendLeftEarly = "left_early"
	AttendLeave     = "leave" // leave approved
	AttendAbsent    = "absent"
)

// Attendance reads an invitation at now.
func (inv TrainingInvitation) Attendance(s TrainingSession, now time.Time) string {
	switch {
	case inv.CheckedInAt != nil:
		if s.CheckOut && inv.CheckedOutAt == nil && !now.Before(s.EndsAt.Add(checkoutCloses)) {
			return AttendLeftEarly
		}
		if inv.CheckedInAt.After(s.StartsAt.Add(lateAfter)) {
			return AttendLate
		}
		return AttendPresent
	case inv.Answer == TrainingLeaveApproved:
		return AttendLeave
	case !now.Before(s.EndsAt):
		return AttendAbsent
	}
	return AttendPending
}

// Credited tells whether the invitee earns the session's hours.
func (inv TrainingInvitation) Credited(s TrainingSession) bool {
	return s.Status == TrainingPlanned && inv.CheckedInAt != nil
}

// MayRunTraining tells whether c may see a session's attendance list,
// open its check-in screen and mark people present: its organiser, or the
// organization department.
func (c Cadre) MayRunTraining(s TrainingSession) bool {
	return c.Active && (c.ID == s.OrganiserID || c.Role == RoleAdmin)
}
