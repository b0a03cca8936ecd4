package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// TalkRow is a talk with the names and chats of the people in it, as the
// views, the export and the scheduler's jobs read it.
type TalkRow struct {
	Talk
	CadreName       string
	CadreExternalID string
	CadreChatID     *int64
	CadreLang       string
	LeaderName      string
	LeaderChatID    *int64
	LeaderLang      string
	UnitID          *int64
	UnitName        string
}

func (s *Store) talkRows(ctx context.Context) *gorm.DB {
	return s.with(ctx).Table("talks t").
		Select(`t.*, c.name AS cadre_name, c.external_id AS cadre_external_id, c.chat_id AS cadre_chat_id,
			c.lang AS cadre_lang, l.name AS leader_name, l.chat_id AS leader_chat_id, l.lang AS leader_lang,
			u.id AS unit_id, u.name AS unit_name`).
		Joins("JOIN cadres c ON c.id = t.cadre_id").
		Joins("JOIN cadres l ON l.id = t.leader_id").
		Joins("LEFT JOIN units u ON u.id = c.unit_id")
}

func scanTalks(q *gorm.DB, what string) ([]TalkRow, error) {
	var rows []TalkRow
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return rows, nil
}

// TalkRowByID reads one talk with its people.
func (s *Store) TalkRowByID(ctx context.Context, id int64) (TalkRow, error) {
	rows, err := scanTalks(s.talkRows(ctx).Where("t.id = ?", id), fmt.Sprintf("read talk %d", id))
	if err != nil {
		return TalkRow{}, err
	}
	if len(rows) == 0 {
		return TalkRow{}, ErrNotFound
	}
	return rows[0], nil
}

// CadreTalks is a cadre's history, newest first, at most limit talks.
func (s *Store) CadreTalks(ctx context.Context, cadreID int64, limit int) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.cadre_id = ?", cadreID).Order("t.id DESC").Limit(limit),
		fmt.Sprintf("talks of cadre %d", cadreID))
}

// OpenTalksOfCadre lists the cadre's talks still owed or scheduled.
func (s *Store) OpenTalksOfCadre(ctx context.Context, cadreID int64) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.cadre_id = ? AND t.status IN ?", cadreID, []string{TalkDue, TalkScheduled}).
		Order("t.id"), fmt.Sprintf("open talks of cadre %d", cadreID))
}

// LeaderOpenTalks lists what a holder still has to do: talks owed,
// scheduled or held, by due day and time.
func (s *Store) LeaderOpenTalks(ctx context.Context, leaderID int64) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.leader_id = ? AND t.status IN ?", leaderID, []string{TalkDue, TalkScheduled, TalkHeld}).
		Order("t.starts_at, t.due_by, t.id"), fmt.Sprintf("open talks of leader %d", leaderID))
}

// CadreUpcomingTalks lists the cadre's scheduled talks not yet begun.
func (s *Store) CadreUpcomingTalks(ctx context.Context, cadreID int64) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.cadre_id = ? AND t.status = ? AND t.starts_at > ?", cadreID, TalkScheduled, s.Now()).
		Order("t.starts_at"), fmt.Sprintf("upcoming talks of cadre %d", cadreID))
}

// TalksNear lists the leader's scheduled talks starting less than window
// before or after at, except the talk exceptID.
func (s *Store) TalksNear(ctx context.Context, leaderID int64, at time.Time, window time.Duration, exceptID int64) ([]TalkRow, error) {
	lo, hi := at.Add(-window).UTC(), at.Add(window).UTC()
	return scanTalks(s.talkRows(ctx).Where("t.leader_id = ? AND t.status = ? AND t.starts_at > ? AND t.starts_at < ? AND t.id <> ?",
		leaderID, TalkScheduled, lo, hi, exceptID).Order("t.starts_at"), fmt.Sprintf("talks of leader %d near %s", leaderID, at))
}

// TalksHeldBetween lists the talks whose time in [from, to) has come and
// that were not cancelled, held or still to be written down: the 谈话台账.
func (s *Store) TalksHeldBetween(ctx context.Context, from, to time.Time) ([]TalkRow, error) {
	return scanTalks(s.talkRows(ctx).Where("t.status IN ? AND t.starts_at >= ? AND t.starts_at < ?",
		[]string{TalkScheduled, TalkHeld, TalkRecorded, TalkClosed}, from.UTC(), to.UTC()).
		Where("(t.status <> ? OR t.starts_at <= ?)", TalkScheduled, s.Now()).
		Order("t.starts_at, t.id"), "talks held in a period")
}

// Owed talks (待安排) have one definition, read by the leader's and the
// county's digests, /talks and the talk-owed reminder alike: a talk is
// owed on a day when it is due (no time yet) and owed from that day or
// earlier, and overdue when that day is past its due-by day. A due talk
// owed from a later day — a follow-up planned for next month — is planned,
// not owed. The day is the talk policy's (Store.TalkDay).

// OwedOn tells whether the talk is owed on day (2006-01-02).
func (t Talk) OwedOn(day string) bool { return t.Status == TalkDue && t.DueFrom <= day }

// OverdueOn tells whether the talk is owed on day and past its due-by day.
func (t Talk) OverdueOn(day string) bool { return t.OwedOn(day) && t.DueBy < day }

// PlannedOn tells whether the talk is due but only owed from a later day.
func (t Talk) PlannedOn(day string) bool { return t.Status == TalkDue && t.DueFrom > day }

// owedSQL is OwedOn for talks aliased t, with its arguments.
func owedSQL(day string) (string, []any) {
	return "(t.status = ? AND t.due_from <= ?)", []any{TalkDue, day}
}

// overdueSQL is OverdueOn for talks aliased t, with its arguments.
func overdueSQL(day string) (string, []any) {
	owed, args := owedSQL(day)
	return "(" + owed + " AND t.due_by < ?)", append(args, day)
}

// OwedTalks lists the talks owed on day by holder and due-by day;
// unitID, when given, keeps those of that unit's cadres.
func (s *Store) OwedTalks(ctx context.Context, day string, unitID *int64) ([]TalkRow, error) {
	cond, args := owedSQL(day)
	q := s.talkRows(ctx).Where(cond, args...).Order("t.leader_id, t.due_by, t.id")
	if unitID != nil {
		q = q.Where("c.unit_id = ?", *unitID)
	}
	return scanTalks(q, "talks owed on "+day)
}

// TalkCount is a unit's open talks: owed (OwedOn), scheduled, and held
// but not written down.
type TalkCount struct {
	UnitID    int64
	UnitName  string
	Owed      int64
	Scheduled int64
	Held      int64
}

// TalkCounts counts each unit's open talks on day, for the department.
// Units with nothing open are left out.
func (s *Store) TalkCounts(ctx context.Context, day string) ([]TalkCount, error) {
	cond, args := owedSQL(day)
	var out []TalkCount
	err := s.with(ctx).Table("talks t").Select(`u.id AS unit_id, u.name AS unit_name,
		SUM(CASE WHEN `+cond+` THEN 1 ELSE 0 END) AS owed,
		SUM(CASE WHEN t.status = ? THEN 1 ELSE 0 END) AS scheduled,
		SUM(CASE WHEN t.status = ? THEN 1 ELSE 0 END) AS held`, append(args, TalkScheduled, TalkHeld)...).
		Joins("JOIN cadres c ON c.id = t.cadre_id").Joins("JOIN units u ON u.id = c.unit_id").
		Where("("+cond+" OR t.status IN ?)", append(args, []string{TalkScheduled, TalkHeld})...).
		Group("u.id, u.name").Order("u.name").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("count talks: %w", err)
	}
	return out, nil
}
