package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// WebSessionTTL is how long a web console session lasts from the login:
// a working day. It is not extended by use, so a forgotten browser does
// not stay logged in for ever.
const WebSessionTTL = 12 * time.Hour

// webSessionTouch is how stale LastSeenAt may get before a request writes
// it again: one write per session every few minutes, not one per page.
const webSessionTouch = 5 * time.Minute

// ErrNoSession is returned for a session cookie that is unknown, expired
// or revoked: the person must log in again.
var ErrNoSession = errors.New("no such web session (unknown, expired or ended)")

// WebSession is one browser logged into the web console as one cadre.
// Only the hash of the cookie's secret is stored, so a database reader
// cannot take over a session. CSRF is the per-session token every form
// carries; it grants nothing by itself.
type WebSession struct {
	ID         int64     `gorm:"primaryKey"`
	CadreID    int64     `gorm:"not null;index"`
	TokenHash  string    `gorm:"size:64;not null;uniqueIndex"`
	CSRF       string    `gorm:"size:64;not null"`
	CreatedAt  time.Time `gorm:"not null"`
	LastSeenAt time.Time `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"not null"`
	RevokedAt  *time.Time
}

// randomToken is 32 random bytes, URL-safe: 256 bits nobody guesses.
func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// StartWebSession opens a session for the cadre and returns the secret
// for the cookie; only its hash is kept.
func (s *Store) StartWebSession(ctx context.Context, cadreID int64) (WebSession, string, error) {
	now := s.Now()
	secret := randomToken()
	ws := WebSession{CadreID: cadreID, TokenHash: hashToken(secret), CSRF: randomToken(),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(WebSessionTTL)}
	if err := s.with(ctx).Create(&ws).Error; err != nil {
		return WebSession{}, "", fmt.Errorf("start web session of cadre %d: %w", cadreID, err)
	}
	return ws, secret, nil
}

// WebSessionBySecret finds the live session a cookie names, and records
// that it was seen (at most every few minutes). ErrNoSession when it is
// unknown, expired or ended.
func (s *Store) WebSessionBySecret(ctx context.Context, secret string) (WebSession, error) {
	if secret == "" {
		return WebSession{}, ErrNoSession
	}
	now := s.Now()
	var ws WebSession
	err := s.with(ctx).Where("token_hash = ? AND revoked_at IS NULL AND expires_at > ?", hashToken(secret), now).Take(&ws).Error
	if err = translate(err); errors.Is(err, ErrNotFound) {
		return WebSession{}, ErrNoSession
	} else if err != nil {
		return WebSession{}, fmt.Errorf("read web session: %w", err)
	}
	if now.Sub(ws.LastSeenAt) >= webSessionTouch {
		if err := s.with(ctx).Model(&WebSession{}).Where("id = ?", ws.ID).Update("last_seen_at", now).Error; err != nil {
			return WebSession{}, fmt.Errorf("touch web session %d: %w", ws.ID, err)
		}
		ws.LastSeenAt = now
	}
	return ws, nil
}

// EndWebSession ends one session (logout).
func (s *Store) EndWebSession(ctx context.Context, id int64) error {
	err := s.with(ctx).Model(&WebSession{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", s.Now()).Error
	if err != nil {
		return fmt.Errorf("end web session %d: %w", id, err)
	}
	return nil
}

// EndWebSessions ends every live session of the cadre (/web logout) and
// says how many there were.
func (s *Store) EndWebSessions(ctx context.Context, cadreID int64) (int64, error) {
	n, err := s.endSessionsOf(ctx, []int64{cadreID})
	if err != nil {
		return 0, fmt.Errorf("end web sessions of cadre %d: %w", cadreID, err)
	}
	return n, nil
}

// endSessionsOf ends the live sessions of these cadres. Unbinding and
// deactivating call it, so every path that takes someone's access away
// in chat takes it away on the web too.
func (s *Store) endSessionsOf(ctx context.Context, cadreIDs []int64) (int64, error) {
	if len(cadreIDs) == 0 {
		return 0, nil
	}
	res := s.with(ctx).Model(&WebSession{}).Where("cadre_id IN ? AND revoked_at IS NULL AND expires_at > ?", cadreIDs, s.Now()).
		Update("revoked_at", s.Now())
	return res.RowsAffected, res.Error
}

// LiveWebSessions counts a cadre's sessions still open, for tests and /web.
func (s *Store) LiveWebSessions(ctx context.Context, cadreID int64) (int64, error) {
	var n int64
	err := s.with(ctx).Model(&WebSession{}).Where("cadre_id = ? AND revoked_at IS NULL AND expires_at > ?", cadreID, s.Now()).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count web sessions of cadre %d: %w", cadreID, err)
	}
	return n, nil
}
