package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Dispositions of a confirmed concern (处置方式).
const (
	DispTalk     = "talk"     // 提醒谈话: raises an owed talk for the principal
	DispInquiry  = "inquiry"  // 函询
	DispAdmonish = "admonish" // 诫勉
	DispWatch    = "watch"    // 持续关注
	DispReject   = "reject"   // 不予采纳 (with a reason)
)

// Dispositions lists them in the order people are offered them.
var Dispositions = []string{DispTalk, DispInquiry, DispAdmonish, DispWatch, DispReject}

var dispWords = map[string]string{"提醒谈话": DispTalk, "谈话": DispTalk, "函询": DispInquiry, "诫勉": DispAdmonish,
	"持续关注": DispWatch, "关注": DispWatch, "不予采纳": DispReject}

// ParseDisposition reads a disposition written as its code or in Chinese.
func ParseDisposition(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if d, ok := dispWords[s]; ok {
		return d, true
	}
	return s, slices.Contains(Dispositions, s)
}

// Item states.
const (
	ItemOpen      = "open"      // on the list until 整改完成; carries over to later rounds
	ItemResolved  = "resolved"  // 整改完成
	ItemRejected  = "rejected"  // 不予采纳
	ItemDismissed = "dismissed" // looked at, nothing to it
)

// KindReviewItem tells a cadre, privately, of a confirmed item and what is
// expected of them (及时警示).
const KindReviewItem = "review_item"

// ReviewItem is one line of a cadre's 反向体检清单: a dimension raised in a
// round and what the department decided.
type ReviewItem struct {
	ID           int64  `gorm:"primaryKey"`
	RoundID      int64  `gorm:"not null;index"`
	CadreID      int64  `gorm:"not null;index:idx_review_item_cadre,priority:1"`
	State        string `gorm:"size:10;not null;index:idx_review_item_cadre,priority:2"`
	Dim          string `gorm:"size:16;not null"`
	Sources      string `gorm:"size:100;not null"` // who raised it, comma-separated
	Corroborated bool   `gorm:"not null"`          // 多方印证
	Disposition  string `gorm:"size:10"`
	Reason       string `gorm:"type:text"` // why (不予采纳) or what is expected
	TalkID       *int64
	DecidedByID  int64 `gorm:"not null"`
	DecidedAt    time.Time
	ResolvedByID *int64
	ResolvedAt   *time.Time
	ResolveNote  string `gorm:"type:text"`
	CreatedAt    time.Time
	// Cleared is read, not stored: a case decided 容错免责 concerns the
	// item (Matrices sets it), so it stops no promotion.
	Cleared bool `gorm:"-"`
}

// Decision is what the department decides about a dimension of a cadre.
type Decision struct {
	Round       ReviewRound
	CadreID     int64
	Dim         string
	Disposition string // "" dismisses
	Reason      string
	Actor       Cadre
}

// ErrNeedReason is a 不予采纳 without a reason.
var ErrNeedReason = errors.New("不予采纳 needs a reason")

// Decide confirms a raised dimension into the cadre's list with a
// disposition, or dismisses it. 提醒谈话 raises a talk with the cadre's
// principal through the talks feature; every open item tells the cadre.
func (s *Store) Decide(ctx context.Context, d Decision) (ReviewItem, error) {
	if !d.Actor.MayReadReviewAnswers() {
		return ReviewItem{}, ErrOtherUnit
	}
	if d.Round.State != ReviewConsultation {
		return ReviewItem{}, ErrRoundState
	}
	if d.Disposition != "" && !slices.Contains(Dispositions, d.Disposition) {
		return ReviewItem{}, fmt.Errorf("unknown disposition %q", d.Disposition)
	}
	reason, err := checkNote(d.Reason)
	if err != nil {
		return ReviewItem{}, err
	}
	if d.Disposition == DispReject && reason == "" {
		return ReviewItem{}, ErrNeedReason
	}
	var out ReviewItem
	err = s.Tx(ctx, func(tx *Store) error {
		m, err := tx.Matrix(ctx, d.Round, d.CadreID)
		if err != nil {
			return err
		}
		di := dimIndex(d.Dim)
		if di < 0 || !m.Raised(di) {
			return ErrNotFound
		}
		now := tx.Now()
		out = ReviewItem{RoundID: d.Round.ID, CadreID: d.CadreID, Dim: d.Dim, Sources: strings.Join(m.Sources(di), ","),
			Corroborated: m.Corroborated(di), Disposition: d.Disposition, Reason: reason, DecidedByID: d.Actor.ID, DecidedAt: now}
		switch d.Disposition {
		case "":
			out.State = ItemDismissed
		case DispReject:
			out.State = ItemRejected
		default:
			out.State = ItemOpen
		}
		// A decision taken again replaces the earlier one of the round.
		if err := tx.with(ctx).Where("round_id = ? AND cadre_id = ? AND dim = ? AND state <> ?", d.Round.ID, d.CadreID, d.Dim, ItemResolved).
			Delete(&ReviewItem{}).Error; err != nil {
			return err
		}
		if d.Disposition == DispTalk {
			t, _, err := tx.RaiseTalk(ctx, d.CadreID, TalkEarlySign, "季度体检："+DimZH(d.Dim), "review:"+d.Round.Code)
			if err != nil {
				return err
			}
			out.TalkID = &t.ID
		}
		if err := tx.with(ctx).Create(&out).Error; err != nil {
			return err
		}
		if err := tx.Audit(ctx, &d.Actor.ID, "review.decide", fmt.Sprintf("cadre:%d", d.CadreID), d.Dim+" "+d.Disposition); err != nil {
			return err
		}
		if out.State == ItemOpen {
			return tx.tellCadre(ctx, out, d.Round.Code)
		}
		return nil
	})
	if err != nil {
		return ReviewItem{}, fmt.Errorf("decide %s of cadre %d: %w", d.Dim, d.CadreID, err)
	}
	return out, nil
}

// ReviewItemNotice is the payload of KindReviewItem. It names the
// dimension and what is expected, never who raised it.
type ReviewItemNotice struct {
	CadreID     int64  `json:"cadre_id"`
	Lang        string `json:"lang"`
	ItemID      int64  `json:"item_id"`
	Round       string `json:"round"`
	Dim         string `json:"dim"`
	Disposition string `json:"disposition"`
}

func (s *Store) tellCadre(ctx context.Context, it ReviewItem, round string) error {
	c, err := s.GetCadre(ctx, it.CadreID)
	if err != nil || c.ChatID == nil {
		return err
	}
	p := ReviewItemNotice{CadreID: c.ID, Lang: c.Lang, ItemID: it.ID, Round: round, Dim: it.Dim, Disposition: it.Disposition}
	return s.enqueueJSON(ctx, *c.ChatID, KindReviewItem, fmt.Sprintf("review:item:%d", it.ID), p)
}

// RefreshReviewItem lapses once the item is no longer open.
func (s *Store) RefreshReviewItem(ctx context.Context, rc Recheck, p ReviewItemNotice) (ReviewItemNotice, error) {
	c, err := s.reader(ctx, p.CadreID, rc.ChatID)
	if err != nil {
		return p, err
	}
	var it ReviewItem
	if err := translate(s.with(ctx).Where("id = ?", p.ItemID).Take(&it).Error); errors.Is(err, ErrNotFound) {
		return p, lapsed("the item was decided again")
	} else if err != nil {
		return p, err
	}
	if it.State != ItemOpen {
		return p, lapsed("the item is " + it.State)
	}
	p.Lang, p.Disposition = c.Lang, it.Disposition
	return p, nil
}

// ResolveItem records that an open item was put right (整改完成).
func (s *Store) ResolveItem(ctx context.Context, id int64, actor Cadre, note string) (ReviewItem, error) {
	if !actor.MayReadReviewAnswers() {
		return ReviewItem{}, ErrOtherUnit
	}
	note, err := checkNote(note)
	if err != nil {
		return ReviewItem{}, err
	}
	var it ReviewItem
	err = s.Tx(ctx, func(tx *Store) error {
		if err := translate(tx.with(ctx).Where("id = ?", id).Take(&it).Error); err != nil {
			return err
		}
		if it.State != ItemOpen {
			return ErrConflict
		}
		now := tx.Now()
		it.State, it.ResolvedByID, it.ResolvedAt, it.ResolveNote = ItemResolved, &actor.ID, &now, note
		if err := tx.with(ctx).Save(&it).Error; err != nil {
			return err
		}
		return tx.Audit(ctx, &actor.ID, "review.resolve", fmt.Sprintf("item:%d", id), note)
	})
	if err != nil {
		return ReviewItem{}, fmt.Errorf("resolve item %d: %w", id, err)
	}
	return it, nil
}

// GetReviewItem reads one item of a reverse check-up list.
func (s *Store) GetReviewItem(ctx context.Context, id int64) (ReviewItem, error) {
	var it ReviewItem
	if err := s.with(ctx).Where("id = ?", id).Take(&it).Error; err != nil {
		return it, translate(err)
	}
	return it, nil
}

// CadreItems lists a cadre's items: open ones first, then the rest.
func (s *Store) CadreItems(ctx context.Context, cadreID int64) ([]ReviewItem, error) {
	var out []ReviewItem
	if err := s.with(ctx).Where("cadre_id = ? AND state IN ?", cadreID, []string{ItemOpen, ItemResolved}).
		Order("CASE WHEN state = 'open' THEN 0 ELSE 1 END, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("items of cadre %d: %w", cadreID, err)
	}
	return out, nil
}

// UnitOpenItems lists the open items of a unit's cadres, for its principal.
func (s *Store) UnitOpenItems(ctx context.Context, unitID int64) ([]ReviewItem, error) {
	var out []ReviewItem
	err := s.with(ctx).Joins("JOIN cadres ON cadres.id = review_items.cadre_id").
		Where("cadres.unit_id = ? AND review_items.state = ?", unitID, ItemOpen).Order("review_items.id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("open items of unit %d: %w", unitID, err)
	}
	return out, nil
}

// PromotionGuard lists the cadres carrying an open confirmed item, with
// how many: nobody is promoted while carrying one (防止带病提拔). An item a
// case cleared (容错免责) does not count.
func (s *Store) PromotionGuard(ctx context.Context) (map[int64]int, error) {
	var rows []struct {
		CadreID int64
		N       int
	}
	if err := s.with(ctx).Model(&ReviewItem{}).Select("cadre_id, COUNT(*) AS n").Where("state = ?", ItemOpen).
		Where(notToleratedItem).Group("cadre_id").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("promotion guard: %w", err)
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.CadreID] = r.N
	}
	return out, nil
}
