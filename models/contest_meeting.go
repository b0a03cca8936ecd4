package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Meeting kinds: how a contest's progress is reviewed (集中会诊).
const (
	MeetingProgress = "推进会"
	MeetingOnSite   = "现场会"
	MeetingReview   = "点评会"
)

// MeetingKinds lists the kinds in the order admins pick them.
var MeetingKinds = []string{MeetingProgress, MeetingOnSite, MeetingReview}

// ContestMeeting is a meeting scheduled for a contest. The principals of
// its units are reminded the day before with their group's standing.
type ContestMeeting struct {
	ID        int64     `gorm:"primaryKey"`
	ContestID int64     `gorm:"not null;index"`
	Kind      string    `gorm:"size:20;not null"`
	StartsAt  time.Time `gorm:"not null;index"`
	Place     string    `gorm:"size:200"`
	CreatedAt time.Time
}

// ScheduleMeeting records a meeting; the kind must be one of MeetingKinds
// and the time in the future.
func (s *Store) ScheduleMeeting(ctx context.Context, contestID int64, kind string, at time.Time, place string) (ContestMeeting, error) {
	ok := false
	for _, k := range MeetingKinds {
		ok = ok || k == kind
	}
	if !ok || !at.After(s.Now()) {
		return ContestMeeting{}, fmt.Errorf("schedule %q at %s: %w", kind, at, ErrConflict)
	}
	if _, err := s.ContestByID(ctx, contestID); err != nil {
		return ContestMeeting{}, err
	}
	m := ContestMeeting{ContestID: contestID, Kind: kind, StartsAt: at.UTC(), Place: place, CreatedAt: s.Now()}
	if err := s.with(ctx).Create(&m).Error; err != nil {
		return ContestMeeting{}, fmt.Errorf("schedule meeting: %w", err)
	}
	return m, nil
}

// MeetingsBetween lists meetings starting in [from, to).
func (s *Store) MeetingsBetween(ctx context.Context, from, to time.Time) ([]ContestMeeting, error) {
	var ms []ContestMeeting
	if err := s.with(ctx).Where("starts_at >= ? AND starts_at < ?", from, to).Order("starts_at, id").Find(&ms).Error; err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	return ms, nil
}

// GetMeeting reads a meeting.
func (s *Store) GetMeeting(ctx context.Context, id int64) (ContestMeeting, error) {
	var m ContestMeeting
	if err := s.with(ctx).Where("id = ?", id).Take(&m).Error; err != nil {
		return m, fmt.Errorf("meeting %d: %w", id, translate(err))
	}
	return m, nil
}

// KeepContestResults stores each unit's result of the contest's year from
// the standing of now (run at the year's end; a later run overwrites).
func (s *Store) KeepContestResults(ctx context.Context, contestID int64) (int, error) {
	st, err := s.Standing(ctx, contestID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range st.Categories {
		for _, g := range c.Groups {
			units := g.Units
			for _, u := range units {
				rank := 1
				for _, o := range units {
					if o.Percent > u.Percent {
						rank++
					}
				}
				r := ContestResult{ContestID: contestID, UnitID: u.UnitID, Year: st.Contest.Year, Percent: u.Percent, GroupRank: rank, CreatedAt: s.Now()}
				err := s.with(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "contest_id"}, {Name: "unit_id"}},
					DoUpdates: clause.AssignmentColumns([]string{"percent", "group_rank", "created_at"})}).Create(&r).Error
				if err != nil {
					return n, fmt.Errorf("keep result of unit %d: %w", u.UnitID, err)
				}
				n++
			}
		}
	}
	return n, nil
}

// UnitResults lists a unit's kept contest results, newest year first: the
// annual profile's line on the competitions.
func (s *Store) UnitResults(ctx context.Context, unitID int64) ([]ContestResult, error) {
	var rs []ContestResult
	if err := s.with(ctx).Where("unit_id = ?", unitID).Order("year DESC, contest_id").Find(&rs).Error; err != nil {
		return nil, fmt.Errorf("results of unit %d: %w", unitID, err)
	}
	return rs, nil
}
