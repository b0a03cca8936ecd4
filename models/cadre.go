package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Roles, from least to most reach.
const (
	RoleCadre  = "cadre"  // acts on their own data
	RoleLeader = "leader" // the unit's principal: acts on their unit
	RoleAdmin  = "admin"  // the organization department: acts on everything
	// RoleLiaison is a functional department's liaison (纪委监委, 信访, 审计…):
	// files check-up findings about cadres, and nothing else. It ranks
	// below a cadre, so no rule written with AtLeast lets one through.
	RoleLiaison = "liaison"
)

// Cadre is one person on the roster. TelegramUserID and ChatID are set when
// they open their invitation link.
type Cadre struct {
	ID                int64  `gorm:"primaryKey"`
	ExternalID        string `gorm:"size:64;not null;uniqueIndex"`
	Name              string `gorm:"size:100;not null"`
	UnitID            *int64 `gorm:"index;index:idx_cadres_tally,priority:1"`
	Position          string `gorm:"size:200"`                    // 职务
	Duty              string `gorm:"size:500"`                    // 分工
	BirthDate         string `gorm:"size:10;not null;default:''"` // 出生日期 2006-01-02, optional: "under 50" audiences
	WorkStartYear     int    `gorm:"not null;default:0"`          // 参加工作年份, for the annual leave; 0: not known
	Role              string `gorm:"size:10;not null;index:idx_cadres_tally,priority:2"`
	TelegramUserID    *int64 `gorm:"uniqueIndex;index:idx_cadres_tally,priority:4"`
	ChatID            *int64 `gorm:"index"`
	Lang              string `gorm:"size:5;not null;default:zh"`
	Active            bool   `gorm:"not null;default:true;index:idx_cadres_tally,priority:3"`
	Unreachable       bool   `gorm:"not null;default:false;index:idx_cadres_tally,priority:5"`
	UnreachableReason string
	BoundAt           *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Bound tells whether the cadre has linked a Telegram account.
func (c Cadre) Bound() bool { return c.TelegramUserID != nil }

// GetCadre reads a cadre by id.
func (s *Store) GetCadre(ctx context.Context, id int64) (Cadre, error) {
	var c Cadre
	if err := s.with(ctx).Where("id = ?", id).Take(&c).Error; err != nil {
		return Cadre{}, translate(err)
	}
	return c, nil
}

// BoundCadres lists the active cadres linked to a chat, of the given roles
// (every role when none is given), by id.
func (s *Store) BoundCadres(ctx context.Context, roles ...string) ([]Cadre, error) {
	q := s.with(ctx).Where("active AND chat_id IS NOT NULL")
	if len(roles) > 0 {
		q = q.Where("role IN ?", roles)
	}
	var out []Cadre
	if err := q.Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list bound cadres: %w", err)
	}
	return out, nil
}

// EachBoundCadre gives fn every active cadre with a chat, n at a time by
// id, so that memory stays flat whatever the county's size.
func (s *Store) EachBoundCadre(ctx context.Context, n int, fn func([]Cadre) error) error {
	var batch []Cadre
	err := s.with(ctx).Where("active AND chat_id IS NOT NULL").
		FindInBatches(&batch, n, func(*gorm.DB, int) error { return fn(batch) }).Error
	if err != nil {
		return fmt.Errorf("bound cadres: %w", err)
	}
	return nil
}

// CadreByTelegram finds the active cadre bound to a Telegram user.
func (s *Store) CadreByTelegram(ctx context.Context, userID int64) (Cadre, error) {
	var r cadreRow
	err := s.hotScan(ctx, sqlCadreByTelegram, r.dest(), userID)
	if errors.Is(err, sql.ErrNoRows) {
		return Cadre{}, ErrNotFound
	}
	if err != nil {
		return Cadre{}, fmt.Errorf("cadre of telegram user %d: %w", userID, err)
	}
	return r.cadre(), nil
}

// CadreByExternalID finds a cadre by the roster's id (工号/编号).
func (s *Store) CadreByExternalID(ctx context.Context, ext string) (Cadre, error) {
	var c Cadre
	if err := s.with(ctx).Where("external_id = ?", ext).Take(&c).Error; err != nil {
		return Cadre{}, translate(err)
	}
	return c, nil
}

// FindCadres finds active cadres whose external id equals q or whose name
// contains q, optionally within one unit, at most limit of them.
func (s *Store) FindCadres(ctx context.Context, q string, unitID *int64, limit int) ([]Cadre, error) {
	db := s.with(ctx).Where("active AND (external_id = ? OR name LIKE ?)", q, "%"+escapeLike(q)+"%")
	if unitID != nil {
		db = db.Where("unit_id = ?", *unitID)
	}
	var cs []Cadre
	if err := db.Order("name, id").Limit(limit).Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("find cadres %q: %w", q, err)
	}
	return cs, nil
}

// UnitCadres lists the active cadres of a unit by name.
func (s *Store) UnitCadres(ctx context.Context, unitID int64) ([]Cadre, error) {
	var cs []Cadre
	if err := s.with(ctx).Where("unit_id = ? AND active", unitID).Order("name, id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("list cadres of unit %d: %w", unitID, err)
	}
	return cs, nil
}

// SetLang records the language a cadre reads.
func (s *Store) SetLang(ctx context.Context, cadreID int64, lang string) error {
	if err := s.with(ctx).Model(&Cadre{}).Where("id = ?", cadreID).Update("lang", lang).Error; err != nil {
		return fmt.Errorf("set language of cadre %d: %w", cadreID, err)
	}
	return nil
}

// Unbind removes a cadre's Telegram link (a new phone, a wrong account),
// so a fresh invitation can bind them again. Their web console sessions
// end with it: whoever held the old phone is out of the browser too.
func (s *Store) Unbind(ctx context.Context, cadreID int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		res := tx.with(ctx).Model(&Cadre{}).Where("id = ?", cadreID).
			Updates(map[string]any{"telegram_user_id": nil, "chat_id": nil, "bound_at": nil, "unreachable": false, "unreachable_reason": ""})
		if res.Error != nil {
			return fmt.Errorf("unbind cadre %d: %w", cadreID, res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if _, err := tx.endSessionsOf(ctx, []int64{cadreID}); err != nil {
			return fmt.Errorf("unbind cadre %d: end web sessions: %w", cadreID, err)
		}
		return nil
	})
}

func escapeLike(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '%' || r == '_' || r == '\\' {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}
