package models

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/ganshi/ganshi/models/items"
)

// Report sections.
const (
	SectionAchievement = "achievement" // this month's achievements
	SectionPlan        = "plan"        // next month's plan
)

// How a plan item from last month went.
const (
	ProgressDone    = "done"
	ProgressPartly  = "partly"
	ProgressNotDone = "not_done"
)

// ReportItem is one line of a report, stored as the cadre wrote it, with
// the figures recognised in it kept beside the text.
type ReportItem struct {
	ID         int64  `gorm:"primaryKey"`
	ReportID   int64  `gorm:"not null;index"`
	Section    string `gorm:"size:12;not null"`
	Seq        int    `gorm:"not null"`
	Text       string `gorm:"type:text;not null"`
	Figures    string `gorm:"type:text"` // JSON of []items.Figure
	Progress   string `gorm:"size:10"`   // for items answered from last month's plan
	FromItemID *int64 // the plan item of last month this answers
	Remark     string `gorm:"type:text"`
	CreatedAt  time.Time
}

// FigureList decodes the recognised figures.
func (it ReportItem) FigureList() []items.Figure {
	var fs []items.Figure
	_ = json.Unmarshal([]byte(it.Figures), &fs)
	return fs
}

// NewItem is an item to add.
type NewItem struct {
	Text       string
	Progress   string
	FromItemID *int64
	Remark     string
}

// AddItems appends items to a section of an editable report, each with
// its figures recognised. Texts over MaxItemRunes are refused.
func (s *Store) AddItems(ctx context.Context, reportID int64, section string, add []NewItem) ([]ReportItem, error) {
	var out []ReportItem
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.mustEdit(ctx, reportID); err != nil {
			return err
		}
		var last struct{ N int }
		if err := tx.with(ctx).Model(&ReportItem{}).Select("COALESCE(MAX(seq), 0) AS n").
			Where("report_id = ? AND section = ?", reportID, section).Scan(&last).Error; err != nil {
			return err
		}
		for i, a := range add {
			if utf8.RuneCountInString(a.Text) > MaxItemRunes {
				return fmt.Errorf("item of %d characters: %w", utf8.RuneCountInString(a.Text), ErrTooLong)
			}
			it := ReportItem{ReportID: reportID, Section: section, Seq: last.N + i + 1, Text: a.Text,
				Figures: figuresJSON(a.Text + " " + a.Remark), Progress: a.Progress, FromItemID: a.FromItemID, Remark: a.Remark}
			out = append(out, it)
		}
		if len(out) == 0 {
			return nil
		}
		return tx.with(ctx).Create(&out).Error
	})
	if err != nil {
		return nil, fmt.Errorf("add items to report %d: %w", reportID, err)
	}
	return out, nil
}

// MaxItemRunes is the longest item accepted; longer ones are refused so
// one pasted document cannot become a single unreadable item. The bot
// checks it too, to name each item that is too long.
const MaxItemRunes = 500

// ErrTooLong is returned for an item longer than MaxItemRunes.
var ErrTooLong = fmt.Errorf("an item may have at most %d characters", MaxItemRunes)

func figuresJSON(text string) string {
	fs := items.Figures(text)
	if len(fs) == 0 {
		return ""
	}
	b, _ := json.Marshal(fs)
	return string(b)
}

// ReportItems lists a report's items, achievements first, in order.
func (s *Store) ReportItems(ctx context.Context, reportID int64) ([]ReportItem, error) {
	var its []ReportItem
	err := s.with(ctx).Where("report_id = ?", reportID).
		Order("CASE section WHEN 'achievement' THEN 0 ELSE 1 END, seq").Find(&its).Error
	if err != nil {
		return nil, fmt.Errorf("list items of report %d: %w", reportID, err)
	}
	return its, nil
}

// EditItem replaces an item's text (figures recognised again).
func (s *Store) EditItem(ctx context.Context, reportID, itemID int64, text string) error {
	if utf8.RuneCountInString(text) > MaxItemRunes {
		return ErrTooLong
	}
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.mustEdit(ctx, reportID); err != nil {
			return err
		}
		res := tx.with(ctx).Model(&ReportItem{}).Where("id = ? AND report_id = ?", itemID, reportID).
			Updates(map[string]any{"text": text, "figures": figuresJSON(text)})
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrNotFound
		}
		return res.Error
	})
}

// AddRemark appends the cadre's remark (and its figures) to an item;
// earlier remarks are kept.
func (s *Store) AddRemark(ctx context.Context, reportID, itemID int64, remark string) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.mustEdit(ctx, reportID); err != nil {
			return err
		}
		var it ReportItem
		if err := tx.with(ctx).Where("id = ? AND report_id = ?", itemID, reportID).Take(&it).Error; err != nil {
			return translate(err)
		}
		if it.Remark != "" {
			remark = it.Remark + "；" + remark
		}
		return tx.with(ctx).Model(&it).Updates(map[string]any{"remark": remark, "figures": figuresJSON(it.Text + " " + remark)}).Error
	})
}

// DeleteItem removes an item and closes the gap in numbering.
func (s *Store) DeleteItem(ctx context.Context, reportID, itemID int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.mustEdit(ctx, reportID); err != nil {
			return err
		}
		var it ReportItem
		if err := tx.with(ctx).Where("id = ? AND report_id = ?", itemID, reportID).Take(&it).Error; err != nil {
			return translate(err)
		}
		if err := tx.with(ctx).Delete(&it).Error; err != nil {
			return err
		}
		return tx.with(ctx).Exec("UPDATE report_items SET seq = seq - 1 WHERE report_id = ? AND section = ? AND seq > ?",
			reportID, it.Section, it.Seq).Error
	})
}

func (s *Store) mustEdit(ctx context.Context, reportID int64) error {
	r, err := s.lockReport(ctx, reportID)
	if err != nil {
		return err
	}
	if !r.Editable() {
		return ErrLocked
	}
	return nil
}

func (s *Store) countSections(ctx context.Context, reportID int64) (map[string]int64, error) {
	return countBy(ctx, s.with(ctx).Model(&ReportItem{}).Where("report_id = ?", reportID), "section")
}

// GetReportItem reads one item of a report.
func (s *Store) GetReportItem(ctx context.Context, reportID, itemID int64) (ReportItem, error) {
	var it ReportItem
	return it, translate(s.with(ctx).Where("id = ? AND report_id = ?", itemID, reportID).Take(&it).Error)
}

// PlanItems lists the plan items of the cadre's report for p, if any.
func (s *Store) PlanItems(ctx context.Context, cadreID int64, p Period) ([]ReportItem, error) {
	var its []ReportItem
	err := s.with(ctx).Joins("JOIN reports r ON r.id = report_items.report_id").
		Where("r.cadre_id = ? AND r.period = ? AND r.status IN ? AND report_items.section = ?",
			cadreID, p.String(), []string{ReportSubmitted, ReportSigned, ReportReturned}, SectionPlan).
		Order("report_items.seq").Find(&its).Error
	if err != nil {
		return nil, fmt.Errorf("plan items of cadre %d for %s: %w", cadreID, p, err)
	}
	return its, nil
}
