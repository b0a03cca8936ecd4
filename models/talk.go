package models

// Heart-to-heart talks (谈心谈话). A talk's life is one state machine:
// this file holds its words, the Talk entity and who may see and act on
// it; talk_flow.go opens, schedules, answers and cancels it,
// talk_record.go writes it down, talk_policy.go says when one is owed,
// talk_query.go and talk_reminders.go read it, talk_plan.go keeps a talk
// being arranged in chat.

import (
	"errors"
	"strings"
	"time"
)

// Talk reasons.
const (
	TalkPostChange = "post_change" // 岗位变动
	TalkSetback    = "setback"     // 工作遇到重大挫折
	TalkFamily     = "family"      // 家庭发生重大变故
	TalkEarlySign  = "early_sign"  // 发现问题苗头
	TalkRoutine    = "routine"     // 日常谈心
	TalkFollowUp   = "follow_up"   // 跟踪回访
)

// TalkReasons lists every reason in the order people are shown them.
var TalkReasons = []string{TalkPostChange, TalkSetback, TalkFamily, TalkEarlySign, TalkRoutine, TalkFollowUp}

// EventReasons are the reasons a life event can have.
var EventReasons = []string{TalkPostChange, TalkSetback, TalkFamily, TalkEarlySign}

// reasonWords are the words people type for a reason.
var reasonWords = map[string][]string{
	TalkPostChange: {"岗位变动", "岗位调整", "职务变动", "调动", "岗位"},
	TalkSetback:    {"工作遇到重大挫折", "重大挫折", "工作挫折", "挫折"},
	TalkFamily:     {"家庭发生重大变故", "家庭重大变故", "家庭变故", "家庭", "变故"},
	TalkEarlySign:  {"发现问题苗头", "问题苗头", "苗头"},
	TalkRoutine:    {"日常谈心", "日常", "常规", "谈心"},
	TalkFollowUp:   {"跟踪回访", "回访", "跟踪"},
}

// TalkReasonZH is a reason's name in Chinese, as the 谈话台账 writes it.
func TalkReasonZH(reason string) string {
	if ws := reasonWords[reason]; len(ws) > 0 {
		return ws[0]
	}
	return reason
}

// ParseTalkReason reads a reason written as its code (family) or in
// Chinese (家庭变故).
func ParseTalkReason(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, r := range TalkReasons {
		if s == r {
			return r, true
		}
		for _, w := range reasonWords[r] {
			if s == w {
				return r, true
			}
		}
	}
	return "", false
}

func validReason(r string) bool {
	for _, x := range TalkReasons {
		if r == x {
			return true
		}
	}
	return false
}

// Talk statuses: due → scheduled → held → recorded → closed, or cancelled.
// A record without a follow-up closes the talk at once; one with a
// follow-up stays recorded until the follow-up talk ends.
const (
	TalkDue       = "due"       // owed, no time yet
	TalkScheduled = "scheduled" // time and place set, the cadre invited
	TalkHeld      = "held"      // the time has come; the record is being written
	TalkRecorded  = "recorded"  // written down; a follow-up is pending
	TalkClosed    = "closed"
	TalkCancelled = "cancelled"
)

// Where a talk came from, besides a trigger's name.
const (
	TalkFromChat     = "chat"      // a leader's /talk
	TalkFromEvent    = "event"     // a life event (/event, ganshi events import)
	TalkFromFollowUp = "follow_up" // a record's follow-up date
)

// A cadre's answer to an invitation.
const (
	AnswerConfirmed = "confirmed"
	AnswerLater     = "later" // asks for another time
)

// The steps of writing a record, in order.
const (
	RecordSummary   = "summary"
	RecordConcerns  = "concerns"
	RecordAgreed    = "agreed"
	RecordAttention = "attention"
	RecordFollowUp  = "follow_up"
	RecordDone      = "done"
)

var nextRecordStep = map[string]string{RecordSummary: RecordConcerns, RecordConcerns: RecordAgreed,
	RecordAgreed: RecordAttention, RecordAttention: RecordFollowUp}

// Errors of the talk rules.
var (
	ErrTalkCancelled = errors.New("the talk was cancelled")
	ErrNoPrincipal   = errors.New("the cadre has no principal to hold the talk")
	ErrTooEarly      = errors.New("the talk has not taken place yet")
)

// Talk is one heart-to-heart talk a leader owes, holds and writes down.
// The record (Summary … FollowUpOn) is confidential: see MayReadTalkRecord.
type Talk struct {
	ID            int64      `gorm:"primaryKey"`
	CadreID       int64      `gorm:"not null;index"`
	LeaderID      int64      `gorm:"not null;index:idx_talk_leader_status,priority:1"` // who holds it
	Reason        string     `gorm:"size:16;not null"`
	Status        string     `gorm:"size:10;not null;index:idx_talk_leader_status,priority:2;index:idx_talk_status_start,priority:1"`
	Version       int        `gorm:"not null;default:1"` // bumped when time or status change; invitations carry it
	Source        string     `gorm:"size:64;not null"`
	Note          string     `gorm:"type:text"`        // why it is owed; never shown to the cadre
	DueFrom       string     `gorm:"size:10;not null"` // 2006-01-02: owed from this day
	DueBy         string     `gorm:"size:10;not null"` // to be held by this day
	StartsAt      *time.Time `gorm:"index:idx_talk_status_start,priority:2"`
	Place         string     `gorm:"size:200"`
	ScheduledAt   *time.Time // when the time was last set: the invitation went out then
	Answer        string     `gorm:"size:10"`
	AnswerNote    string     `gorm:"size:500"`
	AnsweredAt    *time.Time
	CancelReason  string `gorm:"size:500"`
	CancelledByID *int64
	CancelledAt   *time.Time
	FollowsID     *int64 `gorm:"index"` // the talk this one follows up
	FollowUpID    *int64 // the talk following this one up
	RecordStep    string `gorm:"size:16"` // where the record draft is; "" not begun
	Summary       string `gorm:"type:text"`
	Concerns      string `gorm:"type:text"` // what the cadre raised
	Agreed        string `gorm:"type:text"`
	Attention     bool   // 重点关注
	FollowUpOn    string `gorm:"size:10"`
	HeldAt        *time.Time
	RecordedAt    *time.Time
	CreatedByID   *int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Open tells whether the talk still waits for something from its holder.
func (t Talk) Open() bool {
	return t.Status == TalkDue || t.Status == TalkScheduled || t.Status == TalkHeld
}

// HasRecord tells whether any of the record was written.
func (t Talk) HasRecord() bool { return t.RecordStep != "" }

// MayReadTalkRecord is the confidentiality rule: a talk's record is for the
// leader who held it and for the organization department, nobody else —
// not the cadre, not a later principal.
func (c Cadre) MayReadTalkRecord(t Talk) bool {
	return c.Active && (c.Role == RoleAdmin || c.ID == t.LeaderID)
}

// MaySeeTalk tells whether c may see that the talk exists, its time, place
// and status: the cadre, the holder, and whoever may act on the cadre as a
// leader or admin.
func (c Cadre) MaySeeTalk(t Talk, cadre Cadre) bool {
	return c.Active && (c.ID == t.CadreID || c.ID == t.LeaderID || (c.AtLeast(RoleLeader) && c.MayActOnCadre(cadre)))
}

// MayArrangeTalk tells whether c may set or move the talk's time: its
// holder, or while it is only owed any leader who may act on the cadre
// (a new principal takes over what the old one left).
func (c Cadre) MayArrangeTalk(t Talk, cadre Cadre) bool {
	return c.AtLeast(RoleLeader) && c.MayActOnCadre(cadre) && c.ID != cadre.ID &&
		(c.ID == t.LeaderID || t.Status == TalkDue)
}

// MayCancelTalk adds admins to those who may arrange it.
func (c Cadre) MayCancelTalk(t Talk, cadre Cadre) bool {
	return c.MayArrangeTalk(t, cadre) || (c.Active && c.Role == RoleAdmin)
}
