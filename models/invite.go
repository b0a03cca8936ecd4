package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Invite is a single-use code that binds a Telegram account to a cadre.
// Only the code's hash is stored: a leaked database does not onboard anyone.
type Invite struct {
	ID        int64  `gorm:"primaryKey"`
	CadreID   int64  `gorm:"not null;index"`
	CodeHash  string `gorm:"size:64;not null;uniqueIndex"`
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// Reasons a code does not bind.
var (
	ErrInviteUnknown = errors.New("unknown invitation code")
	ErrInviteUsed    = errors.New("invitation code already used")
	ErrInviteExpired = errors.New("invitation code expired")
	ErrInviteRevoked = errors.New("invitation code replaced by a newer one")
	ErrAccountTaken  = errors.New("this Telegram account is bound to another cadre")
	ErrCadreBound    = errors.New("this cadre is bound to another Telegram account")
	ErrCadreInactive = errors.New("this cadre is no longer on the roster")
)

// codeAlphabet leaves out letters and digits people confuse (0/O, 1/I/L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewInviteCode returns a random 10-character code (about 49 bits).
func NewInviteCode() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	out := make([]byte, len(b))
	for i, v := range b {
		out[i] = codeAlphabet[int(v)%len(codeAlphabet)]
	}
	return string(out)
}

// NormalizeCode reads a code the way a person may have typed or pasted it:
// full-width characters, spaces, dashes and lower case are all accepted.
func NormalizeCode(s string) string {
	s = strings.ToUpper(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u3000' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

func hashCode(code string) string {
	h := sha256.Sum256([]byte(NormalizeCode(code)))
	return hex.EncodeToString(h[:])
}

// IssueInvite stores a new code for a cadre until expires, revoking any
// earlier one that was not used.
func (s *Store) IssueInvite(ctx context.Context, cadreID int64, code string, expires time.Time) error {
	now := s.Now()
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Model(&Invite{}).
			Where("cadre_id = ? AND used_at IS NULL AND revoked_at IS NULL", cadreID).
			Update("revoked_at", now).Error; err != nil {
			return err
		}
		return tx.with(ctx).Create(&Invite{CadreID: cadreID, CodeHash: hashCode(code), ExpiresAt: expires.UTC()}).Error
	})
	if err != nil {
		return fmt.Errorf("issue invite for cadre %d: %w", cadreID, translate(err))
	}
	return nil
}

// Redeem binds the Telegram account to the cadre the code was issued for.
// Redeeming again from the same account is harmless; every other problem
// is one of the ErrInvite… / ErrAccountTaken / ErrCadreBound errors and
// changes nothing.
func (s *Store) Redeem(ctx context.Context, code string, userID, chatID int64) (Cadre, error) {
	now := s.Now()
	var bound Cadre
	err := s.Tx(ctx, func(tx *Store) error {
		var inv Invite
		if err := tx.with(ctx).Where("code_hash = ?", hashCode(code)).Take(&inv).Error; err != nil {
			if translate(err) == ErrNotFound {
				return ErrInviteUnknown
			}
			return err
		}
		c, err := tx.GetCadre(ctx, inv.CadreID)
		if err != nil {
			return err
		}
		if c.TelegramUserID != nil && *c.TelegramUserID == userID {
			bound = c
			return nil
		}
		if err := checkInvite(inv, c, now); err != nil {
			return err
		}
		if other, err := tx.CadreByTelegram(ctx, userID); err == nil && other.ID != c.ID {
			return ErrAccountTaken
		}
		if err := tx.with(ctx).Model(&Invite{}).Where("id = ?", inv.ID).Update("used_at", now).Error; err != nil {
			return err
		}
		c.TelegramUserID, c.ChatID, c.BoundAt = &userID, &chatID, &now
		c.Unreachable, c.UnreachableReason = false, ""
		bound = c
		return tx.with(ctx).Model(&Cadre{}).Where("id = ?", c.ID).Updates(map[string]any{
			"telegram_user_id": userID, "chat_id": chatID, "bound_at": now, "unreachable": false, "unreachable_reason": "",
		}).Error
	})
	if err != nil {
		return Cadre{}, err
	}
	return bound, nil
}

func checkInvite(inv Invite, c Cadre, now time.Time) error {
	switch {
	case inv.UsedAt != nil:
		return ErrInviteUsed
	case inv.RevokedAt != nil:
		return ErrInviteRevoked
	case !now.Before(inv.ExpiresAt):
		return ErrInviteExpired
	case !c.Active:
		return ErrCadreInactive
	case c.TelegramUserID != nil:
		return ErrCadreBound
	}
	return nil
}
