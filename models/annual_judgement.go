package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm/clause"
)

// Annual grades (the civil service's 年度考核等次), stored by code.
const (
	GradeExcellent   = "excellent"   // 优秀
	GradeCompetent   = "competent"   // 称职
	GradeBasic       = "basic"       // 基本称职
	GradeIncompetent = "incompetent" // 不称职
)

// Grades lists the grades in order.
var Grades = []string{GradeExcellent, GradeCompetent, GradeBasic, GradeIncompetent}

// Recommended uses of a cadre after the judgement.
const (
	UseCultivate = "cultivate" // 重点培养
	UsePromote   = "promote"   // 提拔使用
	UseExchange  = "exchange"  // 交流
	UseAdjust    = "adjust"    // 调整
	UseWatch     = "watch"     // 持续关注
)

// Uses lists the recommended uses in order.
var Uses = []string{UseCultivate, UsePromote, UseExchange, UseAdjust, UseWatch}

// MaxAssessmentRunes bounds the principal's assessment: a short one.
const MaxAssessmentRunes = 500

// Errors of the judgement rules.
var (
	ErrNotAllowed       = errors.New("not allowed for this person")
	ErrJudgementLocked  = errors.New("the judgement is confirmed: correct it with a reason")
	ErrAlreadyConfirmed = fmt.Errorf("the judgement is already confirmed: %w", ErrConflict)
	ErrNeedsOverride    = errors.New("the cadre has open check-up items: promotion needs an override with a reason")
	ErrReasonRequired   = errors.New("a reason is required")
	ErrNoGrade          = errors.New("record a grade before confirming")
	ErrBadJudgement     = errors.New("unknown grade or use")
)

// AnnualJudgement is a cadre's year judged (研判): the principal's short
// assessment, the organization department's grade, rationale and
// recommended use. Confirmation locks it; a correction needs a reason and
// is audited.
type AnnualJudgement struct {
	ID            int64  `gorm:"primaryKey"`
	CadreID       int64  `gorm:"not null;uniqueIndex:idx_judgement_cadre_year,priority:1"`
	Year          int    `gorm:"not null;uniqueIndex:idx_judgement_cadre_year,priority:2;index"`
	UnitID        int64  `gorm:"not null"`
	Assessment    string `gorm:"type:text"`
	AssessedByID  *int64
	AssessedAt    *time.Time
	Grade         string `gorm:"size:16"`
	Rationale     string `gorm:"type:text"`
	Use           string `gorm:"size:16"`
	GradedByID    *int64
	GradedAt      *time.Time
	Confirmed     bool `gorm:"not null;default:false"`
	ConfirmedByID *int64
	ConfirmedAt   *time.Time
	Override      string `gorm:"type:text"` // why 提拔使用 despite open check-up items
	Corrections   int    `gorm:"not null;default:0"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// MayAssess is the rule for the principal's assessment: a leader of the
// cadre's unit, not about themselves.
func (c Cadre) MayAssess(target Cadre) bool {
	return c.Active && c.Role == RoleLeader && c.ID != target.ID && c.MayActOnCadre(target)
}

// MayJudge is the rule for grades, confirmations and corrections: the
// organization department.
func (c Cadre) MayJudge() bool { return c.Active && c.Role == RoleAdmin }

// AnnualJudgementOf reads a cadre's judgement for a year.
func (s *Store) AnnualJudgementOf(ctx context.Context, cadreID int64, year int) (AnnualJudgement, error) {
	var j AnnualJudgement
	err := s.with(ctx).Where("cadre_id = ? AND year = ?", cadreID, year).Take(&j).Error
	return j, translate(err)
}

// AssessAnnual records (or replaces, until confirmation) the principal's
// assessment. A leader of another unit is refused and audited.
func (s *Store) AssessAnnual(ctx context.Context, actor Cadre, cadreID int64, year int, text string) (AnnualJudgement, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return AnnualJudgement{}, fmt.Errorf("assess cadre %d: %w", cadreID, ErrReasonRequired)
	}
	if utf8.RuneCountInString(text) > MaxAssessmentRunes {
		return AnnualJudgement{}, fmt.Errorf("assess cadre %d: %w", cadreID, ErrTooLong)
	}
	return s.changeJudgement(ctx, actor, cadreID, year, "annual.assess", func(_ *Store, c Cadre, j *AnnualJudgement, now time.Time) error {
		if !actor.MayAssess(c) {
			return ErrNotAllowed
		}
		if j.Confirmed {
			return ErrJudgementLocked
		}
		j.Assessment, j.AssessedByID, j.AssessedAt = text, &actor.ID, &now
		return nil
	})
}

// GradeAnnual records the organization department's grade, rationale and
// recommended use, until confirmation.
func (s *Store) GradeAnnual(ctx context.Context, actor Cadre, cadreID int64, year int, grade, use, rationale string) (AnnualJudgement, error) {
	if err := checkGrade(grade, use, rationale); err != nil {
		return AnnualJudgement{}, fmt.Errorf("grade cadre %d: %w", cadreID, err)
	}
	return s.changeJudgement(ctx, actor, cadreID, year, "annual.grade", func(tx *Store, _ Cadre, j *AnnualJudgement, now time.Time) error {
		if !actor.MayJudge() {
			return ErrNotAllowed
		}
		if j.Confirmed {
			return ErrJudgementLocked
		}
		j.Grade, j.Use, j.Rationale, j.GradedByID, j.GradedAt = grade, use, strings.TrimSpace(rationale), &actor.ID, &now
		return nil
	})
}

// ConfirmAnnual locks the judgement. 提拔使用 over open check-up items
// needs an override with its reason (防止带病提拔); a second confirmation
// is refused.
func (s *Store) ConfirmAnnual(ctx context.Context, actor Cadre, cadreID int64, year int, override string) (AnnualJudgement, error) {
	override = strings.TrimSpace(override)
	return s.changeJudgement(ctx, actor, cadreID, year, "annual.confirm", func(tx *Store, _ Cadre, j *AnnualJudgement, now time.Time) error {
		switch {
		case !actor.MayJudge():
			return ErrNotAllowed
		case j.Confirmed:
			return ErrAlreadyConfirmed
		case j.Grade == "":
			return ErrNoGrade
		}
		if err := tx.promotionGuard(ctx, cadreID, j.Use, override); err != nil {
			return err
		}
		j.Confirmed, j.ConfirmedByID, j.ConfirmedAt, j.Override = true, &actor.ID, &now, override
		return nil
	})
}

// CorrectAnnual changes a confirmed judgement; the reason and the values
// before and after go to the audit log. The reason also stands as the
// override when the correction is to 提拔使用 over open check-up items.
func (s *Store) CorrectAnnual(ctx context.Context, actor Cadre, cadreID int64, year int, grade, use, rationale, reason string) (AnnualJudgement, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return AnnualJudgement{}, fmt.Errorf("correct the judgement of cadre %d: %w", cadreID, ErrReasonRequired)
	}
	if err := checkGrade(grade, use, rationale); err != nil {
		return AnnualJudgement{}, fmt.Errorf("correct the judgement of cadre %d: %w", cadreID, err)
	}
	return s.changeJudgement(ctx, actor, cadreID, year, "annual.correct", func(tx *Store, _ Cadre, j *AnnualJudgement, now time.Time) error {
		switch {
		case !actor.MayJudge():
			return ErrNotAllowed
		case !j.Confirmed:
			return fmt.Errorf("not confirmed yet, change it directly: %w", ErrConflict)
		}
		if err := tx.promotionGuard(ctx, cadreID, use, reason); err != nil {
			return err
		}
		before := fmt.Sprintf("%s/%s", j.Grade, j.Use)
		j.Grade, j.Use, j.Rationale, j.GradedByID, j.GradedAt = grade, use, strings.TrimSpace(rationale), &actor.ID, &now
		j.Corrections++
		return tx.Audit(ctx, &actor.ID, "annual.correction", fmt.Sprintf("cadre %d year %d", cadreID, year),
			fmt.Sprintf("%s → %s/%s; reason: %s", before, grade, use, reason))
	})
}

func (s *Store) promotionGuard(ctx context.Context, cadreID int64, use, override string) error {
	if use != UsePromote {
		return nil
	}
	open, err := s.OpenCheckupItems(ctx, cadreID)
	if err != nil {
		return err
	}
	if len(open) > 0 && override == "" {
		return ErrNeedsOverride
	}
	return nil
}

func checkGrade(grade, use, rationale string) error {
	if !contains(Grades, grade) || !contains(Uses, use) {
		return ErrBadJudgement
	}
	if strings.TrimSpace(rationale) == "" {
		return ErrReasonRequired
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// changeJudgement reads (or starts) the judgement inside a transaction,
// lets change check and edit it, saves it and audits the action; a
// refusal is audited too.
func (s *Store) changeJudgement(ctx context.Context, actor Cadre, cadreID int64, year int, action string,
	change func(*Store, Cadre, *AnnualJudgement, time.Time) error) (AnnualJudgement, error) {
	var out AnnualJudgement
	target := fmt.Sprintf("cadre %d year %d", cadreID, year)
	err := s.Tx(ctx, func(tx *Store) error {
		c, err := tx.GetCadre(ctx, cadreID)
		if err != nil {
			return err
		}
		if c.UnitID == nil {
			return fmt.Errorf("cadre %d has no unit: %w", cadreID, ErrNotFound)
		}
		j := AnnualJudgement{CadreID: cadreID, Year: year, UnitID: *c.UnitID}
		if err := tx.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&j).Error; err != nil {
			return err
		}
		q := tx.with(ctx).Where("cadre_id = ? AND year = ?", cadreID, year)
		if tx.IsPostgres() {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.Take(&j).Error; err != nil {
			return translate(err)
		}
		if err := change(tx, c, &j, tx.Now()); err != nil {
			return err
		}
		if err := tx.with(ctx).Select("*").Omit("created_at").Save(&j).Error; err != nil {
			return err
		}
		out = j
		return tx.Audit(ctx, &actor.ID, action, target, "")
	})
	if err != nil {
		if errors.Is(err, ErrNotAllowed) {
			if aerr := s.Audit(ctx, &actor.ID, "refused", action+" "+target, ""); aerr != nil {
				return AnnualJudgement{}, errors.Join(err, aerr)
			}
		}
		return AnnualJudgement{}, fmt.Errorf("%s %s: %w", action, target, err)
	}
	return out, nil
}

// attachJudgements reads the scope's judgements in one query.
func (s *Store) attachJudgements(ctx context.Context, sc *annualScope, ps []AnnualProfile) error {
	var js []AnnualJudgement
	if err := s.with(ctx).Where("year = ? AND cadre_id "+inScopeSQL, sc.year, sc.category).Find(&js).Error; err != nil {
		return fmt.Errorf("annual judgements of %q: %w", sc.category, err)
	}
	by := make(map[int64]AnnualJudgement, len(js))
	for _, j := range js {
		by[j.CadreID] = j
	}
	for i := range ps {
		if j, ok := by[ps[i].Cadre.ID]; ok {
			ps[i].Judgement = &j
		}
	}
	return nil
}
