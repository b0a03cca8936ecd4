package models

import "context"

// OpenCheckupItem is an item of a cadre's reverse check-up list (反向体检
// 清单) not yet resolved: it stops a confirmation for 提拔使用 unless the
// organization department overrides it with a reason (防止带病提拔).
type OpenCheckupItem struct {
	ID        int64
	Dimension string
	Summary   string
}

// OpenCheckupItems asks the quarterly check-up for the cadre's open items.
// Not wired yet: the check-up (issue 13) is built elsewhere, so there are
// none. To wire it, query the check-up's open items here; ConfirmJudgement
// already refuses 提拔使用 over any this returns.
func (s *Store) OpenCheckupItems(ctx context.Context, cadreID int64) ([]OpenCheckupItem, error) {
	return nil, nil
}
