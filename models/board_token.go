package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrTokenRevoked is a board token an admin revoked.
var ErrTokenRevoked = errors.New("board token revoked")

// BoardToken lets a display screen show one contest's live board without
// a login. Only the token's hash is stored; revoking it closes the board
// on every screen that uses it.
type BoardToken struct {
	ID        int64  `gorm:"primaryKey"`
	ContestID int64  `gorm:"not null;index"`
	TokenHash string `gorm:"size:64;not null;uniqueIndex"`
	Label     string `gorm:"size:100"` // where the screen is: 县委大楼一楼大厅
	CreatedAt time.Time
	RevokedAt *time.Time
}

// CreateBoardToken makes a new token for a contest's board and returns it;
// it is shown once and cannot be read back.
func (s *Store) CreateBoardToken(ctx context.Context, contestID int64, label string) (BoardToken, string, error) {
	if _, err := s.ContestByID(ctx, contestID); err != nil {
		return BoardToken{}, "", err
	}
	token := randomToken()
	bt := BoardToken{ContestID: contestID, TokenHash: hashToken(token), Label: label, CreatedAt: s.Now()}
	if err := s.with(ctx).Create(&bt).Error; err != nil {
		return BoardToken{}, "", fmt.Errorf("create board token: %w", err)
	}
	return bt, token, s.Audit(ctx, nil, "contest.board_token", fmt.Sprint(bt.ID), "create "+label)
}

// BoardTokens lists a contest's tokens, live and revoked.
func (s *Store) BoardTokens(ctx context.Context, contestID int64) ([]BoardToken, error) {
	var ts []BoardToken
	if err := s.with(ctx).Where("contest_id = ?", contestID).Order("id").Find(&ts).Error; err != nil {
		return nil, fmt.Errorf("board tokens of contest %d: %w", contestID, err)
	}
	return ts, nil
}

// RevokeBoardToken revokes a token by id. The contest's Version is raised
// so open boards using it are closed at once.
func (s *Store) RevokeBoardToken(ctx context.Context, id int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		var bt BoardToken
		if err := tx.with(ctx).Where("id = ?", id).Take(&bt).Error; err != nil {
			return fmt.Errorf("revoke board token %d: %w", id, translate(err))
		}
		if bt.RevokedAt != nil {
			return nil
		}
		if err := tx.with(ctx).Model(&bt).Update("revoked_at", tx.Now()).Error; err != nil {
			return fmt.Errorf("revoke board token %d: %w", id, err)
		}
		if err := tx.touchContest(ctx, bt.ContestID); err != nil {
			return err
		}
		return tx.Audit(ctx, nil, "contest.board_token", fmt.Sprint(id), "revoke")
	})
}

// BoardTokenFor finds the live token a board URL carries: ErrNotFound for
// a token never issued, ErrTokenRevoked for a revoked one.
func (s *Store) BoardTokenFor(ctx context.Context, token string) (BoardToken, error) {
	var bt BoardToken
	if token == "" {
		return bt, ErrNotFound
	}
	if err := s.with(ctx).Where("token_hash = ?", hashToken(token)).Take(&bt).Error; err != nil {
		return bt, translate(err)
	}
	if bt.RevokedAt != nil {
		return bt, ErrTokenRevoked
	}
	return bt, nil
}

// RevokedBoardTokens lists the ids of revoked tokens of a contest: the
// board's broadcaster closes their streams.
func (s *Store) RevokedBoardTokens(ctx context.Context, contestID int64) ([]int64, error) {
	var ids []int64
	err := s.with(ctx).Model(&BoardToken{}).Where("contest_id = ? AND revoked_at IS NOT NULL", contestID).Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("revoked board tokens: %w", err)
	}
	return ids, nil
}
