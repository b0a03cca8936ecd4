package models

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// LectureDuty is how many special Party lectures (专题党课) a leading cadre
// owes in a year: the department configures it.
type LectureDuty struct {
	ID        int64 `gorm:"primaryKey"`
	CadreID   int64 `gorm:"not null;uniqueIndex:idx_lecture_duty,priority:1"`
	Year      int   `gorm:"not null;uniqueIndex:idx_lecture_duty,priority:2"`
	Count     int   `gorm:"not null"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// LectureRecord is a lecture given, as the lecturer recorded it in chat.
type LectureRecord struct {
	ID         int64  `gorm:"primaryKey"`
	CadreID    int64  `gorm:"not null;index"`
	Year       int    `gorm:"not null;index"`
	Day        string `gorm:"size:10;not null"` // 2006-01-02
	Topic      string `gorm:"size:300;not null"`
	Attendance int    `gorm:"not null"`
	CreatedAt  time.Time
}

// SetLectureDuty sets what a cadre owes in year (0 removes the duty).
func (s *Store) SetLectureDuty(ctx context.Context, cadreID int64, year, count int) error {
	if count < 0 || count > 50 {
		return fmt.Errorf("set lecture duty: count %d out of range", count)
	}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Where("cadre_id = ? AND year = ?", cadreID, year).Delete(&LectureDuty{}).Error; err != nil {
			return err
		}
		if count == 0 {
			return nil
		}
		return tx.with(ctx).Create(&LectureDuty{CadreID: cadreID, Year: year, Count: count}).Error
	})
	if err != nil {
		return fmt.Errorf("set lecture duty of cadre %d for %d: %w", cadreID, year, err)
	}
	return nil
}

// RecordLecture writes down a lecture the cadre gave.
func (s *Store) RecordLecture(ctx context.Context, cadreID int64, day time.Time, topic string, attendance int) (LectureRecord, error) {
	topic = strings.TrimSpace(topic)
	if topic == "" || attendance < 0 {
		return LectureRecord{}, fmt.Errorf("record lecture of cadre %d: a topic and an attendance count are required", cadreID)
	}
	r := LectureRecord{CadreID: cadreID, Year: day.Year(), Day: day.Format("2006-01-02"), Topic: topic, Attendance: attendance}
	if err := s.with(ctx).Create(&r).Error; err != nil {
		return r, fmt.Errorf("record lecture of cadre %d: %w", cadreID, err)
	}
	return r, nil
}

// LectureStatus is a cadre's lectures of a year: owed and given.
type LectureStatus struct {
	CadreID     int64
	Name        string
	Owed, Given int
}

// LectureDuties lists the duties of year with the lectures given; cadreID
// 0 lists every cadre's.
func (s *Store) LectureDuties(ctx context.Context, year int, cadreID int64) ([]LectureStatus, error) {
	var out []LectureStatus
	q := s.with(ctx).Table("lecture_duties d").
		Select("d.cadre_id, c.name, d.count AS owed, (SELECT COUNT(*) FROM lecture_records r WHERE r.cadre_id = d.cadre_id AND r.year = d.year) AS given").
		Joins("JOIN cadres c ON c.id = d.cadre_id").Where("d.year = ? AND c.active", year)
	if cadreID != 0 {
		q = q.Where("d.cadre_id = ?", cadreID)
	}
	if err := q.Order("c.name, d.cadre_id").Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("lecture duties of %d: %w", year, err)
	}
	return out, nil
}

// KindLectureDue asks a leading cadre for the lecture they still owe.
const KindLectureDue = "lecture_due"

// LectureDue is its payload.
type LectureDue struct {
	CadreID     int64  `json:"cadre_id"`
	Lang        string `json:"lang"`
	Year        int    `json:"year"`
	Owed, Given int
}

// LectureDueNotifications are the reminders for year's unmet duties, one
// per cadre and key (the job names the week in it).
func (s *Store) LectureDueNotifications(ctx context.Context, year int, key string) ([]Notification, error) {
	sts, err := s.LectureDuties(ctx, year, 0)
	if err != nil {
		return nil, err
	}
	var out []Notification
	for _, st := range sts {
		if st.Given >= st.Owed {
			continue
		}
		c, err := s.GetCadre(ctx, st.CadreID)
		if err != nil {
			return nil, err
		}
		if c.ChatID == nil || c.Unreachable {
			continue
		}
		b, _ := json.Marshal(LectureDue{CadreID: c.ID, Lang: c.Lang, Year: year, Owed: st.Owed, Given: st.Given})
		out = append(out, Notification{ChatID: *c.ChatID, Kind: KindLectureDue, Payload: string(b),
			DedupKey: fmt.Sprintf("lecture-due:%d:%s", c.ID, key)})
	}
	return out, nil
}

// RefreshLectureDue lapses once the lectures owed were given.
func (s *Store) RefreshLectureDue(ctx context.Context, rc Recheck, p LectureDue) (LectureDue, error) {
	c, err := s.reader(ctx, p.CadreID, rc.ChatID)
	if err != nil {
		return p, err
	}
	sts, err := s.LectureDuties(ctx, p.Year, c.ID)
	if err != nil {
		return p, err
	}
	if len(sts) == 0 || sts[0].Given >= sts[0].Owed {
		return p, lapsed("the lectures owed were given")
	}
	p.Lang, p.Owed, p.Given = c.Lang, sts[0].Owed, sts[0].Given
	return p, nil
}
