package models

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm/clause"
)

// The error-tolerance register (容错纠错): the county's list of situations
// in which a mistake made while pushing work forward may be tolerated,
// and the cases decided under it. Cases are confidential: admins (every
// read audited), the cadre's principal and the cadre alone see one.

// ToleranceSituation is one situation of the county's list, kept as data.
type ToleranceSituation struct {
	ID        int64  `gorm:"primaryKey"`
	Code      string `gorm:"size:10;not null;uniqueIndex"` // "1".."18", as the county numbers them
	Text      string `gorm:"type:text;not null"`
	Active    bool   `gorm:"not null;default:true"`
	UpdatedAt time.Time
}

// ParseSituationsCSV reads "编号,情形" lines (a header line optional; UTF-8).
func ParseSituationsCSV(data []byte) ([]ToleranceSituation, error) {
	recs, err := readCSV(data)
	if err != nil {
		return nil, err
	}
	var out []ToleranceSituation
	seen := map[string]int{}
	for i, rec := range recs {
		if len(rec) == 0 || strings.HasPrefix(strings.TrimSpace(rec[0]), "#") {
			continue
		}
		code := strings.TrimSpace(rec[0])
		if code == "编号" || strings.EqualFold(code, "code") {
			continue
		}
		if len(rec) < 2 || code == "" || strings.TrimSpace(rec[1]) == "" {
			return nil, fmt.Errorf("%w: line %d: a code and a text are needed", ErrBadInput, i+1)
		}
		if len([]rune(code)) > 10 {
			return nil, fmt.Errorf("%w: line %d: code %q is longer than 10 characters", ErrBadInput, i+1, code)
		}
		if j, ok := seen[code]; ok {
			return nil, fmt.Errorf("%w: line %d: code %s is on line %d already", ErrBadInput, i+1, code, j)
		}
		seen[code] = i + 1
		out = append(out, ToleranceSituation{Code: code, Text: strings.TrimSpace(rec[1]), Active: true})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no situation in the file", ErrBadInput)
	}
	return out, nil
}

// readCSV reads a small UTF-8 CSV (a BOM allowed) with rows of any width.
func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%w: the file is not UTF-8", ErrBadInput)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadInput, err)
	}
	return recs, nil
}

// ImportSituations replaces the list: codes in the file are written,
// codes no longer in it are kept inactive (cases still name them).
func (s *Store) ImportSituations(ctx context.Context, actor *int64, list []ToleranceSituation) (int, error) {
	err := s.Tx(ctx, func(tx *Store) error {
		codes := make([]string, len(list))
		for i := range list {
			codes[i] = list[i].Code
			list[i].UpdatedAt = tx.Now()
		}
		if err := tx.with(ctx).Model(&ToleranceSituation{}).Where("code NOT IN ?", codes).Update("active", false).Error; err != nil {
			return fmt.Errorf("retire situations: %w", err)
		}
		if err := tx.with(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "code"}},
			DoUpdates: clause.AssignmentColumns([]string{"text", "active", "updated_at"})}).Create(&list).Error; err != nil {
			return fmt.Errorf("write situations: %w", err)
		}
		return tx.Audit(ctx, actor, "tolerance.situations.import", "", fmt.Sprint(len(list)))
	})
	return len(list), err
}

// Situations lists the active situations by code.
func (s *Store) Situations(ctx context.Context) ([]ToleranceSituation, error) {
	var out []ToleranceSituation
	if err := s.with(ctx).Where("active").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list situations: %w", err)
	}
	sortByCode(out)
	return out, nil
}

// sortByCode orders codes as numbers where they are numbers ("2" < "10").
func sortByCode(ss []ToleranceSituation) {
	key := func(c string) string { return fmt.Sprintf("%10s", c) }
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && key(ss[j].Code) < key(ss[j-1].Code); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}
