package models

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The check-in code is HMAC-SHA256(session key, phase:slot) cut to six
// digits, slot being the 30-second period of the clock. The screen shows
// the code of the current slot; the bot accepts it and the one before (a
// code read at the end of its 30 s still arrives), nothing older: a
// screenshot forwarded a minute later is refused. The code only says "I
// am in the room now": the sender must also be invited, inside the
// window, and is recorded once.

// Wrong codes allowed per cadre in a window before check-in by code is
// refused (the organiser can still mark them present).
const (
	maxCheckinFails   = 10
	checkinFailWindow = 30 * time.Minute
	auditCheckinFail  = "training.checkin.wrong_code"
)

func slotOf(t time.Time) int64 { return t.Unix() / int64(CheckinSlot/time.Second) }

func checkinCode(secret, phase string, slot int64) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(phase + ":" + strconv.FormatInt(slot, 10)))
	v := binary.BigEndian.Uint32(m.Sum(nil)[:4]) % 1_000_000
	return fmt.Sprintf("%06d", v)
}

// checkinPhase is which check-in is open at now: "in" from 30 minutes
// before the start to the end, "out" around the end when the session asks
// for a second check-in; "" outside both.
func (t TrainingSession) checkinPhase(now time.Time) string {
	if t.Status != TrainingPlanned {
		return ""
	}
	if t.CheckOut && !now.Before(t.EndsAt.Add(-checkoutOpens)) && now.Before(t.EndsAt.Add(checkoutCloses)) {
		return checkinPhaseOut
	}
	if !now.Before(t.StartsAt.Add(-checkinOpens)) && now.Before(t.EndsAt) {
		return checkinPhaseIn
	}
	return ""
}

// CheckinScreen is what the projector shows at now.
type CheckinScreen struct {
	Open       bool
	Out        bool      // the code checks people out (the second check-in)
	Code       string    // six digits; "" when closed
	ValidUntil time.Time // when the next code replaces it
}

// Screen is the session's check-in screen at now.
func (t TrainingSession) Screen(now time.Time) CheckinScreen {
	phase := t.checkinPhase(now)
	if phase == "" {
		return CheckinScreen{}
	}
	slot := slotOf(now)
	return CheckinScreen{Open: true, Out: phase == checkinPhaseOut, Code: checkinCode(t.Secret, phase, slot),
		ValidUntil: time.Unix((slot+1)*int64(CheckinSlot/time.Second), 0).UTC()}
}

// accepts tells whether code is the session's code of now or of the slot
// before, in the phase open now.
func (t TrainingSession) accepts(code string, now time.Time) (string, bool) {
	phase := t.checkinPhase(now)
	if phase == "" {
		return "", false
	}
	slot := slotOf(now)
	for _, s := range []int64{slot, slot - 1} {
		if hmac.Equal([]byte(checkinCode(t.Secret, phase, s)), []byte(code)) {
			return phase, true
		}
	}
	return "", false
}

// IsCheckinCode tells whether text looks like a check-in code.
func IsCheckinCode(text string) bool {
	text = strings.TrimSpace(text)
	if len(text) != 6 {
		return false
	}
	for _, r := range text {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// openForCheckin lists the sessions whose check-in window is open at now.
func (s *Store) openForCheckin(ctx context.Context, now time.Time) ([]TrainingSession, error) {
	var ts []TrainingSession
	err := s.with(ctx).Where("status = ? AND starts_at <= ? AND ends_at > ?", TrainingPlanned,
		now.Add(checkinOpens).UTC(), now.Add(-checkoutCloses).UTC()).Order("id").Find(&ts).Error
	if err != nil {
		return nil, fmt.Errorf("sessions open for check-in: %w", err)
	}
	return ts, nil
}

// CheckinOpen tells whether some session takes check-ins now, and whether
// one the cadre is invited to does: the bot reads a bare six-digit message
// as a code only then (inside another conversation, only the latter).
func (s *Store) CheckinOpen(ctx context.Context, cadreID int64) (anyOpen, mine bool, err error) {
	now := s.Now()
	ts, err := s.openForCheckin(ctx, now)
	if err != nil {
		return false, false, err
	}
	var ids []int64
	for _, t := range ts {
		if t.checkinPhase(now) != "" {
			ids = append(ids, t.ID)
		}
	}
	if len(ids) == 0 {
		return false, false, nil
	}
	var n int64
	if err := s.with(ctx).Model(&TrainingInvitation{}).Where("session_id IN ? AND cadre_id = ?", ids, cadreID).Count(&n).Error; err != nil {
		return true, false, fmt.Errorf("check-ins open for cadre %d: %w", cadreID, err)
	}
	return true, n > 0, nil
}

// CheckinResult is what a check-in recorded.
type CheckinResult struct {
	Session TrainingSession
	Out     bool // a check-out
	Late    bool
	At      time.Time
}

// CheckIn records the cadre's check-in (or check-out) with a code from the
// screen. Refused: no window open (ErrCheckinClosed), a code no open
// session shows now (ErrCheckinCode), a session the cadre is not invited
// to (ErrNotInvited), a second check-in (ErrCheckedIn). The update is
// conditional, so of 500 simultaneous sends each person is recorded once.
func (s *Store) CheckIn(ctx context.Context, cadreID int64, code string) (CheckinResult, error) {
	now := s.Now()
	code = strings.TrimSpace(code)
	open, err := s.openForCheckin(ctx, now)
	if err != nil {
		return CheckinResult{}, err
	}
	var fails int64
	if err := s.with(ctx).Model(&AuditEntry{}).Where("action = ? AND actor_id = ? AND at > ?", auditCheckinFail, cadreID,
		now.Add(-checkinFailWindow)).Count(&fails).Error; err != nil {
		return CheckinResult{}, fmt.Errorf("check-in failures of cadre %d: %w", cadreID, err)
	}
	if fails >= maxCheckinFails {
		return CheckinResult{}, ErrCheckinLocked
	}
	var t TrainingSession
	phase, found, anyOpen := "", false, false
	for _, o := range open {
		anyOpen = anyOpen || o.checkinPhase(now) != ""
		if p, ok := o.accepts(code, now); ok {
			t, phase, found = o, p, true
			break
		}
	}
	switch {
	case !anyOpen:
		return CheckinResult{}, ErrCheckinClosed
	case !found:
		// Wrong codes are counted: guessing six digits that change every
		// 30 s takes hundreds of thousands of tries, and stops at ten.
		if err := s.Audit(ctx, &cadreID, auditCheckinFail, "", ""); err != nil {
			return CheckinResult{}, err
		}
		return CheckinResult{}, ErrCheckinCode
	}
	res := CheckinResult{Session: t, Out: phase == checkinPhaseOut, Late: phase == checkinPhaseIn && now.After(t.StartsAt.Add(lateAfter)), At: now}
	col := "checked_in_at"
	if res.Out {
		col = "checked_out_at"
	}
	err = s.Tx(ctx, func(tx *Store) error {
		var inv TrainingInvitation
		err := translate(tx.with(ctx).Where("session_id = ? AND cadre_id = ?", t.ID, cadreID).Take(&inv).Error)
		if err == ErrNotFound {
			return ErrNotInvited
		} else if err != nil {
			return err
		}
		upd := tx.with(ctx).Model(&TrainingInvitation{}).Where("id = ? AND "+col+" IS NULL", inv.ID).Update(col, now)
		if upd.Error != nil {
			return upd.Error
		}
		if upd.RowsAffected == 0 {
			return ErrCheckedIn
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("check in cadre %d to training %d: %w", cadreID, t.ID, err)
	}
	return res, nil
}
