package models

import (
	"context"
	"fmt"
)

// OpenCheckupItem is an item of a cadre's reverse check-up list (反向体检
// 清单) not yet resolved: it stops a confirmation for 提拔使用 unless the
// organization department overrides it with a reason (防止带病提拔).
type OpenCheckupItem struct {
	ID        int64
	Dimension string
	Summary   string
}

// OpenCheckupItems lists the cadre's open confirmed check-up items, the
// same the department's digest and /review flag (PromotionGuard). An item
// a case cleared (容错免责) is not among them: it stops nothing.
func (s *Store) OpenCheckupItems(ctx context.Context, cadreID int64) ([]OpenCheckupItem, error) {
	var items []ReviewItem
	if err := s.with(ctx).Where("cadre_id = ? AND state = ?", cadreID, ItemOpen).Where(notToleratedItem).
		Order("id").Find(&items).Error; err != nil {
		return nil, fmt.Errorf("open check-up items of cadre %d: %w", cadreID, err)
	}
	out := make([]OpenCheckupItem, len(items))
	for i, it := range items {
		out[i] = OpenCheckupItem{ID: it.ID, Dimension: it.Dim, Summary: it.Disposition}
	}
	return out, nil
}

// notToleratedItem keeps the review items no case decided 容错免责 concerns.
const notToleratedItem = "NOT EXISTS (SELECT 1 FROM tolerance_cases tc WHERE tc.review_item_id = review_items.id AND tc.decision = '" +
	DecisionExempt + "')"
