package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ReviewCodeTTL is how long an outside respondent's code stays valid by
// default.
const ReviewCodeTTL = 30 * 24 * time.Hour

// ReviewCode is a one-time code for the outside respondents' form (服务对象评),
// handed out per unit. Only its hash is stored, and it is only marked
// used: nothing joins a code to the ballot it opened.
type ReviewCode struct {
	ID        int64     `gorm:"primaryKey"`
	RoundID   int64     `gorm:"not null;index"`
	UnitID    int64     `gorm:"not null"`
	Hash      string    `gorm:"size:64;not null;uniqueIndex"`
	ExpiresAt time.Time `gorm:"not null"`
	Used      bool      `gorm:"not null"`
}

// IssueCodes makes count new codes for a unit of the round. The codes are
// returned once, here, and never again.
func (s *Store) IssueCodes(ctx context.Context, r ReviewRound, unitID int64, count int, ttl time.Duration, actor *int64) ([]string, error) {
	if count < 1 || count > 5000 {
		return nil, fmt.Errorf("issue codes: count %d is not between 1 and 5000", count)
	}
	if r.State == ReviewClosed || !r.Covers(&unitID) {
		return nil, ErrRoundState
	}
	if ttl <= 0 {
		ttl = ReviewCodeTTL
	}
	exp := s.Now().Add(ttl)
	out := make([]string, count)
	rows := make([]ReviewCode, count)
	for i := range out {
		out[i] = randomToken()[:22]
		rows[i] = ReviewCode{RoundID: r.ID, UnitID: unitID, Hash: hashToken(out[i]), ExpiresAt: exp}
	}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).CreateInBatches(rows, 500).Error; err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "review.codes", fmt.Sprintf("unit:%d", unitID), fmt.Sprintf("%s %d", r.Code, count))
	})
	if err != nil {
		return nil, fmt.Errorf("issue codes: %w", err)
	}
	return out, nil
}

// FormOpen is what a valid code opens: the round and the unit.
type FormOpen struct {
	Round  ReviewRound
	Unit   Unit
	Cadres []Cadre
}

// PeekCode tells what a code opens without spending it, or why it is no good.
func (s *Store) PeekCode(ctx context.Context, code string) (FormOpen, error) {
	var c ReviewCode
	if len(code) > 64 {
		return FormOpen{}, ErrCodeUnknown
	}
	if err := translate(s.with(ctx).Where("hash = ?", hashToken(code)).Take(&c).Error); errors.Is(err, ErrNotFound) {
		return FormOpen{}, ErrCodeUnknown
	} else if err != nil {
		return FormOpen{}, fmt.Errorf("read form code: %w", err)
	}
	switch {
	case c.Used:
		return FormOpen{}, ErrCodeUsed
	case !s.Now().Before(c.ExpiresAt):
		return FormOpen{}, ErrCodeExpired
	}
	var r ReviewRound
	if err := s.with(ctx).Where("id = ?", c.RoundID).Take(&r).Error; err != nil {
		return FormOpen{}, translate(err)
	}
	if err := s.taking(ctx, r); err != nil {
		return FormOpen{}, ErrCodeExpired
	}
	u, err := s.GetUnit(ctx, c.UnitID)
	if err != nil {
		return FormOpen{}, err
	}
	cs, err := s.UnitCadres(ctx, c.UnitID)
	if err != nil {
		return FormOpen{}, err
	}
	var keep []Cadre
	for _, x := range cs {
		if x.Role == RoleCadre || x.Role == RoleLeader {
			keep = append(keep, x)
		}
	}
	return FormOpen{Round: r, Unit: u, Cadres: keep}, nil
}

// PublicAnswer is what the outside form sends.
type PublicAnswer struct {
	Code         string
	Satisfaction int   // 1–5
	CadreID      int64 // 0: no concern about a named cadre
	Dims         []string
	Note         string
}

// SubmitPublic spends the code and stores the answer in one transaction:
// of two submissions racing with one code, exactly one is stored. It
// reads no more than it must (the code, its round, the cadre named): the
// form is the one page strangers load at volume.
func (s *Store) SubmitPublic(ctx context.Context, a PublicAnswer) error {
	if a.Satisfaction < 1 || a.Satisfaction > 5 {
		return fmt.Errorf("satisfaction %d is not between 1 and 5", a.Satisfaction)
	}
	note, err := checkNote(a.Note)
	if err != nil {
		return err
	}
	for _, d := range a.Dims {
		if dimIndex(d) < 0 {
			return fmt.Errorf("unknown dimension %q", d)
		}
	}
	today, err := s.Today(ctx)
	if err != nil {
		return err
	}
	return s.Tx(ctx, func(tx *Store) error {
		var c ReviewCode
		if len(a.Code) > 64 {
			return ErrCodeUnknown
		}
		if err := translate(tx.with(ctx).Where("hash = ?", hashToken(a.Code)).Take(&c).Error); errors.Is(err, ErrNotFound) {
			return ErrCodeUnknown
		} else if err != nil {
			return err
		}
		switch {
		case c.Used:
			return ErrCodeUsed
		case !tx.Now().Before(c.ExpiresAt):
			return ErrCodeExpired
		}
		var r ReviewRound
		if err := tx.with(ctx).Where("id = ?", c.RoundID).Take(&r).Error; err != nil {
			return translate(err)
		}
		if r.State != ReviewCollecting || today > r.ClosesOn {
			return ErrCodeExpired
		}
		b := ReviewBallot{RoundID: r.ID, Source: SrcPublic, UnitID: c.UnitID, Satisfaction: a.Satisfaction, Day: today, NoIssue: true, Note: note}
		if a.CadreID != 0 {
			var n int64
			if err := tx.with(ctx).Model(&Cadre{}).Where("id = ? AND unit_id = ? AND active AND role IN ?", a.CadreID, c.UnitID,
				[]string{RoleCadre, RoleLeader}).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return ErrOtherUnit
			}
			id := a.CadreID
			b.CadreID, b.Dims, b.NoIssue = &id, joinDims(a.Dims), len(a.Dims) == 0
		}
		res := tx.with(ctx).Model(&ReviewCode{}).Where("id = ? AND NOT used", c.ID).Update("used", true)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrCodeUsed
		}
		return createBallot(tx.with(ctx), &b)
	})
}

func joinDims(ds []string) string {
	out := ""
	for i, d := range ds {
		if i > 0 {
			out += ","
		}
		out += d
	}
	return out
}
