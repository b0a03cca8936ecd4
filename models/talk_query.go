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

// TalkCount is how many talks of a unit stand in each status.
type TalkCount struct {
	UnitID   int64
	UnitName string
	Status   string
	N        int64
}

// TalkCounts counts open talks by unit and status, for the department.
func (s *Store) TalkCounts(ctx context.Context) ([]TalkCount, error) {
	var out []TalkCount
	err := s.with(ctx).Table("talks t").Select("u.id AS unit_id, u.name AS unit_name, t.status, COUNT(*) AS n").
		Joins("JOIN cadres c ON c.id = t.cadre_id").Joins("JOIN units u ON u.id = c.unit_id").
		Where("t.status IN ?", []string{TalkDue, TalkScheduled, TalkHeld}).
		Group("u.id, u.name, t.status").Order("u.name, t.status").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("count talks: %w", err)
	}
	return out, nil
}
