package models

import (
	"context"
	"fmt"
	"time"
)

// AdminDigest composes the county's digest in seven queries. On a store
// that reads through a pool (Reads, PostgreSQL) the tally and the rest
// run side by side on two connections.
func (s *Store) AdminDigest(ctx context.Context, now time.Time, loc *time.Location, cal Calendar) (AdminDigest, error) {
	rule, err := s.DueRuleNow(ctx)
	if err != nil {
		return AdminDigest{}, err
	}
	p := DigestPeriod(now, loc)
	d := AdminDigest{Period: p.String(), DueAt: rule.Due(p, loc, cal)}
	d.PastDue = now.After(d.DueAt)
	start := time.Date(p.Year, p.Month, 1, 0, 0, 0, 0, loc)
	d.FailedSince = start.UTC()
	err = s.sideBySide(func() (err error) {
		// Counted by the database (BoardTally): memory and time follow
		// the units, not the county's cadres.
		d.Units, err = s.BoardTally(ctx, p)
		return err
	}, func() error {
		return s.digestRest(ctx, &d, start, now)
	})
	if err != nil {
		return AdminDigest{}, err
	}
	if d.PastDue {
		d.Unsigned = unsignedByUnit(d.Units)
	}
	return d, nil
}

// digestRest fills in what the county's digest says besides the reports:
// talks, onboarding, failed deliveries and the promotion guard.
func (s *Store) digestRest(ctx context.Context, d *AdminDigest, start, now time.Time) error {
	today, err := s.TalkDay(ctx, now)
	if err != nil {
		return err
	}
	if d.Talks, err = s.talkReasonCounts(ctx, start, start.AddDate(0, 1, 0), today); err != nil {
		return err
	}
	if d.Coverage, err = s.coverage(ctx); err != nil {
		return err
	}
	// Failed deliveries and the promotion guard (cadres carrying an open
	// check-up item no case cleared, as PromotionGuard), in one query.
	var counts struct {
		Failed int64
		Guard  int
	}
	if err := s.with(ctx).Raw(`SELECT
		(SELECT COUNT(*) FROM notifications WHERE status = ? AND created_at >= ?) AS failed,
		(SELECT COUNT(DISTINCT cadre_id) FROM review_items WHERE state = ? AND `+notToleratedItem+`) AS guard`,
		OutboxFailed, d.FailedSince, ItemOpen).Scan(&counts).Error; err != nil {
		return fmt.Errorf("count failed deliveries: %w", err)
	}
	d.Failed, d.ReviewGuard = counts.Failed, counts.Guard
	return nil
}

// unsignedByUnit lists the units whose tally has reports awaiting
// signature; past the deadline they are all unsigned after it.
func unsignedByUnit(ts []ReportTally) []UnitUnsigned {
	var out []UnitUnsigned
	for _, t := range ts {
		if t.Awaiting > 0 {
			out = append(out, UnitUnsigned{UnitID: t.UnitID, Unit: t.UnitName, Category: t.Category, N: t.Awaiting})
		}
	}
	return out
}

// talkReasonCounts counts talks by reason in one query; every reason is
// listed, in TalkReasons order, even with nothing to count.
func (s *Store) talkReasonCounts(ctx context.Context, from, to time.Time, today string) ([]TalkReasonCount, error) {
	owed, args := owedSQL(today)
	overdue, oargs := overdueSQL(today)
	args = append(append(args, oargs...), TalkScheduled, TalkHeld, TalkRecorded, TalkClosed, from.UTC(), to.UTC())
	var rows []TalkReasonCount
	err := s.with(ctx).Table("talks t").Select(`t.reason,
		SUM(CASE WHEN `+owed+` THEN 1 ELSE 0 END) AS owed,
		SUM(CASE WHEN `+overdue+` THEN 1 ELSE 0 END) AS overdue,
		SUM(CASE WHEN t.status = ? THEN 1 ELSE 0 END) AS scheduled,
		SUM(CASE WHEN t.status IN (?, ?, ?) AND t.starts_at >= ? AND t.starts_at < ? THEN 1 ELSE 0 END) AS held`, args...).
		Group("t.reason").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count talks by reason: %w", err)
	}
	by := map[string]TalkReasonCount{}
	for _, r := range rows {
		by[r.Reason] = r
	}
	out := make([]TalkReasonCount, len(TalkReasons))
	for i, reason := range TalkReasons {
		out[i] = by[reason]
		out[i].Reason = reason
	}
	return out, nil
}

// coverage counts, per unit, what Onboarding lists, without loading every
// cadre: active cadres with a unit, those bound, those unreachable. The
// cadres are counted by unit from the covering index (migration 16)
// before the units are joined, so no row is visited twice.
func (s *Store) coverage(ctx context.Context) ([]UnitCoverage, error) {
	var out []UnitCoverage
	err := s.with(ctx).Table("units u").Select(`u.id AS unit_id, u.name AS unit, u.category,
		COALESCE(k.total, 0) AS total, COALESCE(k.bound, 0) AS bound, COALESCE(k.unreachable, 0) AS unreachable`).
		Joins(`LEFT JOIN (SELECT unit_id, COUNT(*) AS total,
			SUM(CASE WHEN telegram_user_id IS NOT NULL THEN 1 ELSE 0 END) AS bound,
			SUM(CASE WHEN telegram_user_id IS NOT NULL AND unreachable THEN 1 ELSE 0 END) AS unreachable
			FROM cadres WHERE active AND unit_id IS NOT NULL GROUP BY unit_id) k ON k.unit_id = u.id`).
		Order("u.category, u.name").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("onboarding coverage: %w", err)
	}
	return out, nil
}
