package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// LoginLinkTTL is how long a login link from /web stays valid.
const LoginLinkTTL = 10 * time.Minute

// Why a login link does not log anyone in. The web console shows each
// with what to do next.
var (
	ErrLinkUnknown = errors.New("unknown login link")
	ErrLinkUsed    = errors.New("login link already used")
	ErrLinkExpired = errors.New("login link expired")
)

// LoginLink is a one-time link into the web console, sent in chat to the
// cadre who asked for it with /web. Only the token's hash is stored.
type LoginLink struct {
	ID        int64     `gorm:"primaryKey"`
	CadreID   int64     `gorm:"not null;index"`
	TokenHash string    `gorm:"size:64;not null;uniqueIndex"`
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	CreatedAt time.Time `gorm:"not null"`
}

// IssueLoginLink returns a new link token for the cadre, valid for
// LoginLinkTTL and usable once. Links not yet used are replaced: only the
// latest /web works.
func (s *Store) IssueLoginLink(ctx context.Context, cadreID int64) (string, error) {
	token := randomToken()
	now := s.Now()
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Model(&LoginLink{}).Where("cadre_id = ? AND used_at IS NULL AND expires_at > ?", cadreID, now).
			Update("expires_at", now).Error; err != nil {
			return err
		}
		return tx.with(ctx).Create(&LoginLink{CadreID: cadreID, TokenHash: hashToken(token), ExpiresAt: now.Add(LoginLinkTTL), CreatedAt: now}).Error
	})
	if err != nil {
		return "", fmt.Errorf("issue login link for cadre %d: %w", cadreID, err)
	}
	return token, nil
}

// PeekLoginLink tells whose a token is without using it, or why it is no
// good: the confirmation page a link opens must not spend it (chat apps
// and mail scanners fetch links before people click them).
func (s *Store) PeekLoginLink(ctx context.Context, token string) (LoginLink, error) {
	var l LoginLink
	if err := s.with(ctx).Where("token_hash = ?", hashToken(token)).Take(&l).Error; err != nil {
		if err = translate(err); errors.Is(err, ErrNotFound) {
			return LoginLink{}, ErrLinkUnknown
		}
		return LoginLink{}, fmt.Errorf("read login link: %w", err)
	}
	switch {
	case l.UsedAt != nil:
		return l, ErrLinkUsed
	case !s.Now().Before(l.ExpiresAt):
		return l, ErrLinkExpired
	}
	return l, nil
}

// UseLoginLink spends a token and starts a session for its cadre, in one
// transaction: of two clicks racing, exactly one logs in. The cadre must
// still be active and bound to Telegram.
func (s *Store) UseLoginLink(ctx context.Context, token string) (WebSession, string, error) {
	var (
		ws     WebSession
		secret string
	)
	err := s.Tx(ctx, func(tx *Store) error {
		l, err := tx.PeekLoginLink(ctx, token)
		if err != nil {
			return err
		}
		res := tx.with(ctx).Model(&LoginLink{}).Where("id = ? AND used_at IS NULL", l.ID).Update("used_at", tx.Now())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrLinkUsed
		}
		c, err := tx.GetCadre(ctx, l.CadreID)
		if err != nil {
			return err
		}
		if !c.Active || !c.Bound() {
			return ErrLinkUnknown
		}
		ws, secret, err = tx.StartWebSession(ctx, c.ID)
		return err
	})
	if err != nil {
		return WebSession{}, "", fmt.Errorf("log in with a link: %w", err)
	}
	return ws, secret, nil
}
