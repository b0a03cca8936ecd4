package models

// Heart-to-heart talks (谈心谈话). One file for the entity, its rules and
// its queries: a talk's life is one state machine and reads best in one
// place.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
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

// Triggers that raise a talk by themselves, and the reason each gives.
// Add a trigger here and call RaiseTriggered where it happens.
const TriggerReturnedTwice = "report_returned_twice" // the monthly report returned two months running

var TalkTriggers = map[string]string{
	TriggerReturnedTwice: TalkEarlySign,
}

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

// TalkPolicy is how long a talk may stay owed, in workdays, and the zone
// whose days count. Stored in the KV table; DefaultTalkPolicy otherwise.
type TalkPolicy struct {
	DueWorkdays int    `json:"due_workdays"`
	Zone        string `json:"zone"`
}

// DefaultTalkPolicy gives seven workdays, counted in Shanghai.
var DefaultTalkPolicy = TalkPolicy{DueWorkdays: 7, Zone: "Asia/Shanghai"}

const keyTalkPolicy = "talk_policy"

// Location loads the policy's zone.
func (p TalkPolicy) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(p.Zone)
	if err != nil || p.Zone == "" {
		return nil, fmt.Errorf("talk policy: unknown time zone %q", p.Zone)
	}
	return loc, nil
}

// TalkPolicyNow reads the policy, or the default.
func (s *Store) TalkPolicyNow(ctx context.Context) (TalkPolicy, error) {
	v, err := s.GetKV(ctx, keyTalkPolicy)
	if errors.Is(err, ErrNotFound) {
		return DefaultTalkPolicy, nil
	}
	if err != nil {
		return TalkPolicy{}, err
	}
	p := DefaultTalkPolicy
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return TalkPolicy{}, fmt.Errorf("stored talk policy: %w", err)
	}
	return p, nil
}

// SetTalkPolicy stores a checked policy.
func (s *Store) SetTalkPolicy(ctx context.Context, p TalkPolicy) error {
	if p.DueWorkdays < 1 || p.DueWorkdays > 60 {
		return fmt.Errorf("talk policy: %d workdays; choose 1–60", p.DueWorkdays)
	}
	if _, err := p.Location(); err != nil {
		return err
	}
	b, _ := json.Marshal(p)
	return s.PutKV(ctx, keyTalkPolicy, string(b))
}

// talkSpec is a talk to open as owed.
type talkSpec struct {
	cadreID               int64
	leaderID              int64  // 0: the principal of the cadre's unit
	from                  string // the day it is owed from, 2006-01-02; "": today
	reason, note, source  string
	actor, follows        *int64
	mergeWithOpenOfReason bool
}

// RaiseTalk makes a talk with the cadre's principal owed from today, due
// within the policy's workdays. When a talk of that reason is already
// owed, the note is added to it instead; created says which happened.
func (s *Store) RaiseTalk(ctx context.Context, cadreID int64, reason, note, source string) (Talk, bool, error) {
	if !validReason(reason) {
		return Talk{}, false, fmt.Errorf("raise talk: unknown reason %q", reason)
	}
	return s.openTalk(ctx, talkSpec{cadreID: cadreID, reason: reason, note: note, source: source, mergeWithOpenOfReason: true})
}

// RaiseTriggered raises the talk a trigger of TalkTriggers calls for.
func (s *Store) RaiseTriggered(ctx context.Context, trigger string, cadreID int64, note string) (Talk, bool, error) {
	reason, ok := TalkTriggers[trigger]
	if !ok {
		return Talk{}, false, fmt.Errorf("raise talk: unknown trigger %q", trigger)
	}
	return s.RaiseTalk(ctx, cadreID, reason, note, trigger)
}

// ReturnedTwiceInARow tells whether the cadre's reports for p and for the
// month before were both returned at least once.
func (s *Store) ReturnedTwiceInARow(ctx context.Context, cadreID int64, p Period) (bool, error) {
	var n int64
	err := s.with(ctx).Table("reports r").Joins("JOIN report_events e ON e.report_id = r.id AND e.kind = ?", "returned").
		Where("r.cadre_id = ? AND r.period IN ?", cadreID, []string{p.String(), p.Prev().String()}).
		Distinct("r.period").Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("returned reports of cadre %d: %w", cadreID, err)
	}
	return n == 2, nil
}

func validReason(r string) bool {
	for _, x := range TalkReasons {
		if r == x {
			return true
		}
	}
	return false
}

func (s *Store) openTalk(ctx context.Context, sp talkSpec) (Talk, bool, error) {
	var (
		out     Talk
		created bool
	)
	err := s.Tx(ctx, func(tx *Store) error {
		cadre, err := tx.GetCadre(ctx, sp.cadreID)
		if err != nil {
			return err
		}
		if sp.leaderID == 0 {
			if sp.leaderID, err = tx.principalOf(ctx, cadre); err != nil {
				return err
			}
		}
		if sp.mergeWithOpenOfReason {
			err := tx.with(ctx).Where("cadre_id = ? AND reason = ? AND status = ?", sp.cadreID, sp.reason, TalkDue).
				Order("id").Take(&out).Error
			if err == nil {
				out.Note = joinNote(out.Note, sp.note)
				return tx.with(ctx).Model(&out).Update("note", out.Note).Error
			} else if !errors.Is(translate(err), ErrNotFound) {
				return err
			}
		}
		from, by, err := tx.dueWindow(ctx, sp.from)
		if err != nil {
			return err
		}
		out = Talk{CadreID: sp.cadreID, LeaderID: sp.leaderID, Reason: sp.reason, Status: TalkDue, Version: 1,
			Source: sp.source, Note: sp.note, DueFrom: from, DueBy: by, FollowsID: sp.follows, CreatedByID: sp.actor}
		created = true
		return tx.with(ctx).Create(&out).Error
	})
	if err != nil {
		return Talk{}, false, fmt.Errorf("open talk with cadre %d: %w", sp.cadreID, translate(err))
	}
	return out, created, nil
}

func joinNote(old, add string) string {
	switch {
	case add == "" || strings.Contains(old, add):
		return old
	case old == "":
		return add
	}
	return old + "；" + add
}

// principalOf is the leader who holds the cadre's talks: the principal of
// their unit, who cannot hold one with themselves.
func (s *Store) principalOf(ctx context.Context, c Cadre) (int64, error) {
	if c.UnitID == nil {
		return 0, ErrNoPrincipal
	}
	u, err := s.GetUnit(ctx, *c.UnitID)
	if err != nil {
		return 0, err
	}
	if u.PrincipalID == nil || *u.PrincipalID == c.ID {
		return 0, ErrNoPrincipal
	}
	return *u.PrincipalID, nil
}

// dueWindow is the day a talk is owed from (today when from is "") and the
// day it is due by, the policy's workdays later on the workday calendar.
func (s *Store) dueWindow(ctx context.Context, from string) (string, string, error) {
	p, err := s.TalkPolicyNow(ctx)
	if err != nil {
		return "", "", err
	}
	loc, err := p.Location()
	if err != nil {
		return "", "", err
	}
	day := s.Now().In(loc)
	if from != "" {
		if day, err = time.ParseInLocation(dateLayout, from, loc); err != nil {
			return "", "", fmt.Errorf("due date: %q is not a day", from)
		}
	}
	cal, err := s.LoadCalendar(ctx)
	if err != nil {
		return "", "", err
	}
	return day.Format(dateLayout), cal.AddWorkdays(day, p.DueWorkdays).Format(dateLayout), nil
}

// Today is today's date in the talk policy's zone, 2006-01-02.
func (s *Store) Today(ctx context.Context) (string, error) {
	p, err := s.TalkPolicyNow(ctx)
	if err != nil {
		return "", err
	}
	loc, err := p.Location()
	if err != nil {
		return "", err
	}
	return s.Now().In(loc).Format(dateLayout), nil
}

// NewTalk is a talk a leader arranges directly, time and place known.
type NewTalk struct {
	CadreID, LeaderID int64
	Reason            string
	At                time.Time
	Place             string
}

// CreateTalk opens and schedules a talk in one step.
func (s *Store) CreateTalk(ctx context.Context, n NewTalk) (Talk, error) {
	if !validReason(n.Reason) {
		return Talk{}, fmt.Errorf("create talk: unknown reason %q", n.Reason)
	}
	var out Talk
	err := s.Tx(ctx, func(tx *Store) error {
		t, _, err := tx.openTalk(ctx, talkSpec{cadreID: n.CadreID, leaderID: n.LeaderID, reason: n.Reason,
			source: TalkFromChat, actor: &n.LeaderID})
		if err != nil {
			return err
		}
		out, err = tx.ScheduleTalk(ctx, t.ID, 0, n.LeaderID, n.At, n.Place)
		return err
	})
	return out, err
}

// GetTalk reads a talk by id.
func (s *Store) GetTalk(ctx context.Context, id int64) (Talk, error) {
	var t Talk
	return t, translate(s.with(ctx).Where("id = ?", id).Take(&t).Error)
}

// changeTalk applies a state change in one transaction: check refuses it
// by returning an error, set edits the row.
func (s *Store) changeTalk(ctx context.Context, id int64, what string, check func(Talk) error, set func(*Talk, time.Time)) (Talk, error) {
	var out Talk
	err := s.Tx(ctx, func(tx *Store) error {
		q := tx.with(ctx).Where("id = ?", id)
		if tx.IsPostgres() {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := translate(q.Take(&out).Error); err != nil {
			return err
		}
		if err := check(out); err != nil {
			return err
		}
		set(&out, tx.Now())
		return tx.with(ctx).Select("*").Omit("created_at").Save(&out).Error
	})
	if err != nil {
		return Talk{}, fmt.Errorf("%s talk %d: %w", what, id, err)
	}
	return out, nil
}

// versionIs refuses a change made from an out-of-date button (0: any).
func versionIs(version int, t Talk) error {
	if version != 0 && t.Version != version {
		return ErrStale
	}
	return nil
}

// ScheduleTalk sets or moves the time and place of an owed or scheduled
// talk; leaderID becomes its holder. The cadre's earlier answer is void.
func (s *Store) ScheduleTalk(ctx context.Context, id int64, version int, leaderID int64, at time.Time, place string) (Talk, error) {
	return s.changeTalk(ctx, id, "schedule", func(t Talk) error {
		switch {
		case t.Status == TalkCancelled:
			return ErrTalkCancelled
		case t.Status != TalkDue && t.Status != TalkScheduled:
			return ErrConflict
		}
		return versionIs(version, t)
	}, func(t *Talk, now time.Time) {
		at := at.UTC()
		t.Status, t.LeaderID, t.StartsAt, t.Place, t.ScheduledAt = TalkScheduled, leaderID, &at, place, &now
		t.Answer, t.AnswerNote, t.AnsweredAt = "", "", nil
		t.Version++
	})
}

// AnswerTalk records the cadre's answer to the invitation of version.
func (s *Store) AnswerTalk(ctx context.Context, id int64, version int, answer, note string) (Talk, error) {
	if answer != AnswerConfirmed && answer != AnswerLater {
		return Talk{}, fmt.Errorf("answer talk %d: unknown answer %q", id, answer)
	}
	return s.changeTalk(ctx, id, "answer", func(t Talk) error {
		switch {
		case t.Status == TalkCancelled:
			return ErrTalkCancelled
		case t.Status != TalkScheduled:
			return ErrConflict
		}
		return versionIs(version, t)
	}, func(t *Talk, now time.Time) {
		t.Answer, t.AnswerNote, t.AnsweredAt = answer, note, &now
	})
}

// CancelTalk calls off a talk not yet held, with the reason.
func (s *Store) CancelTalk(ctx context.Context, id int64, actor int64, reason string) (Talk, error) {
	if strings.TrimSpace(reason) == "" {
		return Talk{}, fmt.Errorf("cancel talk %d: a reason is required", id)
	}
	var out Talk
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		out, err = tx.changeTalk(ctx, id, "cancel", func(t Talk) error {
			switch {
			case t.Status == TalkCancelled:
				return ErrTalkCancelled
			case t.Status != TalkDue && t.Status != TalkScheduled:
				return ErrConflict
			}
			return nil
		}, func(t *Talk, now time.Time) {
			t.Status, t.CancelReason, t.CancelledByID, t.CancelledAt = TalkCancelled, reason, &actor, &now
			t.Version++
		})
		if err != nil {
			return err
		}
		return tx.closeFollowed(ctx, out)
	})
	return out, err
}

// StartRecord opens the record of a talk whose time has come: a scheduled
// talk becomes held. A talk already held keeps its draft.
func (s *Store) StartRecord(ctx context.Context, id int64) (Talk, error) {
	return s.changeTalk(ctx, id, "start record of", func(t Talk) error {
		switch t.Status {
		case TalkHeld:
			return nil
		case TalkCancelled:
			return ErrTalkCancelled
		case TalkScheduled:
			if t.StartsAt.After(s.Now()) {
				return ErrTooEarly
			}
			return nil
		case TalkDue:
			return ErrTooEarly
		}
		return ErrConflict
	}, func(t *Talk, now time.Time) {
		if t.Status == TalkScheduled {
			t.Status, t.HeldAt, t.Version = TalkHeld, &now, t.Version+1
		}
		if t.RecordStep == "" {
			t.RecordStep = RecordSummary
		}
	})
}

// SaveRecordAnswer keeps one answer of the record as it arrives and moves
// the draft to the next step. step must be where the draft is. For
// RecordAttention the answer is "yes" or "no".
func (s *Store) SaveRecordAnswer(ctx context.Context, id int64, step, answer string) (Talk, error) {
	return s.changeTalk(ctx, id, "record", func(t Talk) error {
		switch {
		case t.Status != TalkHeld:
			return ErrConflict
		case t.RecordStep != step || nextRecordStep[step] == "":
			return ErrStale
		}
		return nil
	}, func(t *Talk, _ time.Time) {
		switch step {
		case RecordSummary:
			t.Summary = answer
		case RecordConcerns:
			t.Concerns = answer
		case RecordAgreed:
			t.Agreed = answer
		case RecordAttention:
			t.Attention = answer == "yes"
		}
		t.RecordStep = nextRecordStep[step]
	})
}

// CompleteRecord ends the record with its follow-up day (2006-01-02, or ""
// for none). A follow-up makes a talk owed from that day, linked to this
// one; without one the talk is closed. The talk this one followed up is
// closed either way.
func (s *Store) CompleteRecord(ctx context.Context, id int64, followUpOn string) (Talk, *Talk, error) {
	var (
		out  Talk
		next *Talk
	)
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		out, err = tx.changeTalk(ctx, id, "complete record of", func(t Talk) error {
			if t.Status != TalkHeld || t.RecordStep != RecordFollowUp {
				return ErrStale
			}
			return nil
		}, func(t *Talk, now time.Time) {
			t.Status, t.RecordStep, t.FollowUpOn, t.RecordedAt = TalkClosed, RecordDone, followUpOn, &now
			if followUpOn != "" {
				t.Status = TalkRecorded
			}
			t.Version++
		})
		if err != nil {
			return err
		}
		if followUpOn != "" {
			f, _, err := tx.openTalk(ctx, talkSpec{cadreID: out.CadreID, leaderID: out.LeaderID, from: followUpOn,
				reason: TalkFollowUp, source: TalkFromFollowUp, actor: &out.LeaderID, follows: &out.ID})
			if err != nil {
				return err
			}
			next, out.FollowUpID = &f, &f.ID
			if err := tx.with(ctx).Model(&Talk{}).Where("id = ?", out.ID).Update("follow_up_id", f.ID).Error; err != nil {
				return err
			}
		}
		return tx.closeFollowed(ctx, out)
	})
	if err != nil {
		return Talk{}, nil, err
	}
	return out, next, nil
}

// closeFollowed closes the talk t followed up, once t has ended.
func (s *Store) closeFollowed(ctx context.Context, t Talk) error {
	if t.FollowsID == nil {
		return nil
	}
	return s.with(ctx).Model(&Talk{}).Where("id = ? AND status = ?", *t.FollowsID, TalkRecorded).
		Updates(map[string]any{"status": TalkClosed, "version": gorm.Expr("version + 1")}).Error
}

// TalkRow is a talk with the names and chats of the people in it, as the
// views, the export and the scheduler's jobs read it.
type TalkRow struct {
	Talk
	CadreName       string
	CadreExternalID string
	CadreChatID     *int64
	CadreLang       string
	LeaderName      string
	LeaderChatID    *int64
	LeaderLang      string
	UnitID          *int64
	UnitName        string
}

func (s *Store) talkRows(ctx context.Context) *gorm.DB {
	return s.with(ctx).Table("talks t").
		Select(`t.*, c.name AS cadre_name, c.external_id AS cadre_external_id, c.chat_id AS cadre_chat_id,
			c.lang AS cadre_lang, l.name AS leader_name, l.chat_id AS leader_chat_id, l.lang AS leader_lang,
			u.id AS unit_id, u.name AS unit_name`).
		Joins("JOIN cadres c ON c.id = t.cadre_id").
		Joins("JOIN cadres l ON l.id = t.leader_id").
		Joins("LEFT JOIN units u ON u.id = c.unit_id")
}

func scanTalks(q *gorm.DB, what string) ([]TalkRow, error) {
	var rows []TalkRow
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return rows, nil
}

// TalkRowByID reads one talk with its people.
func (s *Store) TalkRowByID(ctx context.Context, id int64) (TalkRow, error) {
	rows, err := scanTalks(s.talkRows(ctx).Where("t.id = ?", id), fmt.Sprintf("read talk %d", id))
	if err != nil {
		return TalkRow{}, err
	}
	if len(rows) == 0 {
		return TalkRow{}, ErrNotFound
	}
	return rows[0], nil
}

// CadreTalks is a cadre's history, newest first, at most limit talks.
func (s *Store) CadreTalks(ctx context.Context, cadreID int64, limit int) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.cadre_id = ?", cadreID).Order("t.id DESC").Limit(limit),
		fmt.Sprintf("talks of cadre %d", cadreID))
}

// OpenTalksOfCadre lists the cadre's talks still owed or scheduled.
func (s *Store) OpenTalksOfCadre(ctx context.Context, cadreID int64) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.cadre_id = ? AND t.status IN ?", cadreID, []string{TalkDue, TalkScheduled}).
		Order("t.id"), fmt.Sprintf("open talks of cadre %d", cadreID))
}

// LeaderOpenTalks lists what a holder still has to do: talks owed,
// scheduled or held, by due day and time.
func (s *Store) LeaderOpenTalks(ctx context.Context, leaderID int64) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.leader_id = ? AND t.status IN ?", leaderID, []string{TalkDue, TalkScheduled, TalkHeld}).
		Order("t.starts_at, t.due_by, t.id"), fmt.Sprintf("open talks of leader %d", leaderID))
}

// CadreUpcomingTalks lists the cadre's scheduled talks not yet begun.
func (s *Store) CadreUpcomingTalks(ctx context.Context, cadreID int64) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.cadre_id = ? AND t.status = ? AND t.starts_at > ?", cadreID, TalkScheduled, s.Now()).
		Order("t.starts_at"), fmt.Sprintf("upcoming talks of cadre %d", cadreID))
}

// TalksNear lists the leader's scheduled talks starting less than window
// before or after at, except the talk exceptID.
func (s *Store) TalksNear(ctx context.Context, leaderID int64, at time.Time, window time.Duration, exceptID int64) ([]TalkRow, error) {
	lo, hi := at.Add(-window).UTC(), at.Add(window).UTC()
	return scanTalks(s.talkRows(ctx).Where("t.leader_id = ? AND t.status = ? AND t.starts_at > ? AND t.starts_at < ? AND t.id <> ?",
		leaderID, TalkScheduled, lo, hi, exceptID).Order("t.starts_at"), fmt.Sprintf("talks of leader %d near %s", leaderID, at))
}

// TalksDueUnscheduled lists talks owed from today or earlier that have no
// time yet, by holder and due day: the scheduler reminds their holders.
func (s *Store) TalksDueUnscheduled(ctx context.Context) ([]TalkRow, error) {
	today, err := s.Today(ctx)
	if err != nil {
		return nil, err
	}
	return scanTalks(s.talkRows(ctx).Where("t.status = ? AND t.due_from <= ?", TalkDue, today).
		Order("t.leader_id, t.due_by, t.id"), "talks due and unscheduled")
}

// TalksHeldUnrecorded lists talks whose time has passed and whose record
// is not complete, oldest first.
func (s *Store) TalksHeldUnrecorded(ctx context.Context, now time.Time) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("((t.status = ? AND t.starts_at <= ?) OR t.status = ?)", TalkScheduled, now.UTC(), TalkHeld).
		Order("t.starts_at, t.id"), "talks held and unrecorded")
}

// TalkReminderDue is a scheduled talk and the reminder offset it has
// reached.
type TalkReminderDue struct {
	Row    TalkRow
	Before time.Duration
}

// TalksNeedingReminder lists scheduled talks starting within one of the
// offsets (e.g. 24h and 1h) from now, each with the smallest offset it is
// within. A talk whose invitation went out inside an offset is not
// reminded at that offset: the invitation was the reminder.
func (s *Store) TalksNeedingReminder(ctx context.Context, now time.Time, before []time.Duration) ([]TalkReminderDue, error) {
	var widest time.Duration
	for _, b := range before {
		widest = max(widest, b)
	}
	rows, err := scanTalks(s.talkRows(ctx).Where("t.status = ? AND t.starts_at > ? AND t.starts_at <= ?",
		TalkScheduled, now.UTC(), now.Add(widest).UTC()).Order("t.starts_at, t.id"), "talks needing a reminder")
	if err != nil {
		return nil, err
	}
	var out []TalkReminderDue
	for _, r := range rows {
		var best time.Duration
		for _, b := range before {
			mark := r.StartsAt.Add(-b)
			if !now.Before(mark) && (r.ScheduledAt == nil || r.ScheduledAt.Before(mark)) && (best == 0 || b < best) {
				best = b
			}
		}
		if best > 0 {
			out = append(out, TalkReminderDue{Row: r, Before: best})
		}
	}
	return out, nil
}

// TalksHeldBetween lists the talks whose time in [from, to) has come and
// that were not cancelled, held or still to be written down: the 谈话台账.
func (s *Store) TalksHeldBetween(ctx context.Context, from, to time.Time) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.status IN ? AND t.starts_at >= ? AND t.starts_at < ?",
		[]string{TalkScheduled, TalkHeld, TalkRecorded, TalkClosed}, from.UTC(), to.UTC()).
		Where("(t.status <> ? OR t.starts_at <= ?)", TalkScheduled, s.Now()).
		Order("t.starts_at, t.id"), "talks held in a period")
}

// TalkCount is how many talks of a unit stand in each status.
type TalkCount struct {
	UnitID   int64
	UnitName string
	Status   string
	N        int64
}

// TalkCounts counts open talks by unit and status, for the department.
func (s *Store) TalkCounts(ctx context.Context) ([]TalkCount, error) {
	var out []TalkCount
	err := s.with(ctx).Table("talks t").Select("u.id AS unit_id, u.name AS unit_name, t.status, COUNT(*) AS n").
		Joins("JOIN cadres c ON c.id = t.cadre_id").Joins("JOIN units u ON u.id = c.unit_id").
		Where("t.status IN ?", []string{TalkDue, TalkScheduled, TalkHeld}).
		Group("u.id, u.name, t.status").Order("u.name, t.status").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("count talks: %w", err)
	}
	return out, nil
}

// TalkPlan is a talk being arranged in chat: what the leader chose so far,
// kept until they confirm, one per leader.
type TalkPlan struct {
	LeaderID  int64  `gorm:"primaryKey;autoIncrement:false"`
	TalkID    *int64 // the owed or scheduled talk being arranged; nil: a new one
	CadreID   int64  `gorm:"not null"`
	Reason    string `gorm:"size:16;not null"`
	StartsAt  *time.Time
	Place     string `gorm:"size:200"`
	Seq       int    `gorm:"not null"` // grows at every save; the confirm button carries it
	UpdatedAt time.Time
}

// GetTalkPlan reads the leader's plan; ErrNotFound when none.
func (s *Store) GetTalkPlan(ctx context.Context, leaderID int64) (TalkPlan, error) {
	var p TalkPlan
	return p, translate(s.with(ctx).Where("leader_id = ?", leaderID).Take(&p).Error)
}

// SaveTalkPlan stores the leader's plan with the next Seq.
func (s *Store) SaveTalkPlan(ctx context.Context, p TalkPlan) (TalkPlan, error) {
	err := s.Tx(ctx, func(tx *Store) error {
		var seq int
		if err := tx.with(ctx).Model(&TalkPlan{}).Select("COALESCE(MAX(seq), 0)").Where("leader_id = ?", p.LeaderID).Scan(&seq).Error; err != nil {
			return err
		}
		p.Seq, p.UpdatedAt = seq+1, tx.Now()
		return tx.with(ctx).Save(&p).Error
	})
	if err != nil {
		return TalkPlan{}, fmt.Errorf("save talk plan of leader %d: %w", p.LeaderID, err)
	}
	return p, nil
}

// DeleteTalkPlan forgets the leader's plan.
func (s *Store) DeleteTalkPlan(ctx context.Context, leaderID int64) error {
	if err := s.with(ctx).Where("leader_id = ?", leaderID).Delete(&TalkPlan{}).Error; err != nil {
		return fmt.Errorf("delete talk plan of leader %d: %w", leaderID, err)
	}
	return nil
}

// Notification kinds about talks, written by the scheduler's jobs and
// rendered by the bot in the reader's language.
const (
	KindTalkReminder   = "talk_reminder"   // to the holder and to the cadre: a talk is near
	KindTalkDue        = "talk_due"        // to a holder: talks owed and not yet scheduled
	KindTalkUnrecorded = "talk_unrecorded" // to a holder: a talk held and not written down
)

// Who reads a talk notification.
const (
	TalkRoleLeader = "leader"
	TalkRoleCadre  = "cadre"
)

// TalkReminder is the payload of KindTalkReminder. It carries no reason
// and no record: the cadre reads it too.
type TalkReminder struct {
	Lang     string    `json:"lang"`
	Role     string    `json:"role"` // TalkRoleLeader or TalkRoleCadre
	TalkID   int64     `json:"talk_id"`
	Version  int       `json:"version"`
	Cadre    string    `json:"cadre"`
	Leader   string    `json:"leader"`
	StartsAt time.Time `json:"starts_at"`
	Place    string    `json:"place"`
	Zone     string    `json:"zone"` // the time is shown in this zone
}

// TalkDueItem is one owed talk in a TalksOwed.
type TalkDueItem struct {
	TalkID int64  `json:"talk_id"`
	Cadre  string `json:"cadre"`
	Reason string `json:"reason"`
	DueBy  string `json:"due_by"` // 2006-01-02
}

// TalksOwed is the payload of KindTalkDue: one holder's owed talks.
type TalksOwed struct {
	Lang  string        `json:"lang"`
	Today string        `json:"today"` // 2006-01-02, to tell what is overdue
	Talks []TalkDueItem `json:"talks"`
}

// TalkUnrecorded is the payload of KindTalkUnrecorded.
type TalkUnrecorded struct {
	Lang     string    `json:"lang"`
	TalkID   int64     `json:"talk_id"`
	Cadre    string    `json:"cadre"`
	StartsAt time.Time `json:"starts_at"`
	Zone     string    `json:"zone"`
}

// Notifications are the reminders of a talk to its holder and to its
// cadre, those of them who have a chat. The dedup key names the offset
// and the start, so a moved talk is reminded again.
func (d TalkReminderDue) Notifications(zone string) []Notification {
	r := d.Row
	var out []Notification
	for _, to := range []struct {
		role, lang string
		chat       *int64
	}{{TalkRoleLeader, r.LeaderLang, r.LeaderChatID}, {TalkRoleCadre, r.CadreLang, r.CadreChatID}} {
		if to.chat == nil {
			continue
		}
		p := TalkReminder{Lang: to.lang, Role: to.role, TalkID: r.ID, Version: r.Version, Cadre: r.CadreName,
			Leader: r.LeaderName, StartsAt: r.StartsAt.UTC(), Place: r.Place, Zone: zone}
		b, _ := json.Marshal(p)
		out = append(out, Notification{ChatID: *to.chat, Kind: KindTalkReminder, Payload: string(b),
			DedupKey: fmt.Sprintf("talk_reminder:%d:%s:%d:%s", r.ID, to.role, r.StartsAt.Unix(), d.Before)})
	}
	return out
}

// TalkDueNotifications groups owed talks (TalksDueUnscheduled) into one
// notification per holder for the day, at most one a day.
func TalkDueNotifications(rows []TalkRow, today string) []Notification {
	byLeader := map[int64]*TalksOwed{}
	var order []TalkRow
	for _, r := range rows {
		if r.LeaderChatID == nil {
			continue
		}
		p, ok := byLeader[r.LeaderID]
		if !ok {
			p = &TalksOwed{Lang: r.LeaderLang, Today: today}
			byLeader[r.LeaderID] = p
			order = append(order, r)
		}
		p.Talks = append(p.Talks, TalkDueItem{TalkID: r.ID, Cadre: r.CadreName, Reason: r.Reason, DueBy: r.DueBy})
	}
	out := make([]Notification, 0, len(order))
	for _, r := range order {
		b, _ := json.Marshal(byLeader[r.LeaderID])
		out = append(out, Notification{ChatID: *r.LeaderChatID, Kind: KindTalkDue, Payload: string(b),
			DedupKey: fmt.Sprintf("talk_due:%d:%s", r.LeaderID, today)})
	}
	return out
}

// TalkUnrecordedNotification asks the holder to write the talk down, at
// most once a day; false when the holder has no chat.
func TalkUnrecordedNotification(r TalkRow, today, zone string) (Notification, bool) {
	if r.LeaderChatID == nil || r.StartsAt == nil {
		return Notification{}, false
	}
	b, _ := json.Marshal(TalkUnrecorded{Lang: r.LeaderLang, TalkID: r.ID, Cadre: r.CadreName, StartsAt: r.StartsAt.UTC(), Zone: zone})
	return Notification{ChatID: *r.LeaderChatID, Kind: KindTalkUnrecorded, Payload: string(b),
		DedupKey: fmt.Sprintf("talk_unrecorded:%d:%s", r.ID, today)}, true
}
