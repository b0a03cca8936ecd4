package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Notification kinds about care and correction measures, written by the
// scheduler and rendered by the bot. Each is private to one person.
const (
	KindCareLeave        = "care_leave"        // to a cadre: days of leave left this year
	KindCareLeaveUnit    = "care_leave_unit"   // to a principal: who in the unit has days left
	KindCareCheckup      = "care_checkup"      // to a cadre: the year's check-up is open / about to close
	KindCareRest         = "care_rest"         // to a cadre: a 疗养 rotation to confirm or decline
	KindCorrectionRemind = "correction_remind" // to an owner: a correction measure's deadline
)

// CareSent is the ledger that holds care reminders to the burden rules:
// one per item and round (a check-up round's opening, a rotation…) and at
// most one per item and month, whatever the schedules say.
type CareSent struct {
	ID      int64  `gorm:"primaryKey"`
	CadreID int64  `gorm:"not null;uniqueIndex:idx_care_sent_round,priority:1;uniqueIndex:idx_care_sent_month,priority:1"`
	Item    string `gorm:"size:20;not null;uniqueIndex:idx_care_sent_round,priority:2;uniqueIndex:idx_care_sent_month,priority:2"`
	Round   string `gorm:"size:40;not null;uniqueIndex:idx_care_sent_round,priority:3"`
	Month   string `gorm:"size:7;not null;uniqueIndex:idx_care_sent_month,priority:3"` // 2006-01
	At      time.Time
}

// claimCare records that the cadre is told about item for round in month;
// false when they were told of that round already, or of that item this
// month.
func (s *Store) claimCare(ctx context.Context, cadreID int64, item, round, month string) (bool, error) {
	res := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).
		Create(&CareSent{CadreID: cadreID, Item: item, Round: round, Month: month, At: s.Now()})
	if res.Error != nil {
		return false, fmt.Errorf("claim care %s for cadre %d: %w", item, cadreID, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// claimCareMany is claimCare for many cadres told of one item and round
// in one month: it reads who was told already and writes the others in
// batches, returning those it claimed. Two runs at once may both claim a
// cadre; the notifications' dedup key (per round) still sends one.
func (s *Store) claimCareMany(ctx context.Context, ids []int64, item, round, month string) (map[int64]bool, error) {
	var told []int64
	if err := s.with(ctx).Model(&CareSent{}).Where("item = ? AND (month = ? OR round = ?)", item, month, round).
		Pluck("cadre_id", &told).Error; err != nil {
		return nil, fmt.Errorf("care ledger %s %s: %w", item, month, err)
	}
	skip := make(map[int64]bool, len(told))
	for _, id := range told {
		skip[id] = true
	}
	out := map[int64]bool{}
	var rows []CareSent
	for _, id := range ids {
		if !skip[id] && !out[id] {
			out[id] = true
			rows = append(rows, CareSent{CadreID: id, Item: item, Round: round, Month: month, At: s.Now()})
		}
	}
	if len(rows) > 0 {
		if err := s.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, 500).Error; err != nil {
			return nil, fmt.Errorf("claim care %s: %w", item, err)
		}
	}
	return out, nil
}

// CareLeaveNotice is the payload of KindCareLeave.
type CareLeaveNotice struct {
	CadreID  int64  `json:"cadre_id"`
	Lang     string `json:"lang"`
	Year     int    `json:"year"`
	Left     int    `json:"left"`
	Entitled int    `json:"entitled"`
}

// CareLeaveUnitNotice is the payload of KindCareLeaveUnit.
type CareLeaveUnitNotice struct {
	LeaderID int64         `json:"leader_id"`
	Lang     string        `json:"lang"`
	Year     int           `json:"year"`
	People   []CareDaysRow `json:"people"`
}

// CareDaysRow is one person with days left.
type CareDaysRow struct {
	Name string `json:"name"`
	Left int    `json:"left"`
}

// CareCheckupNotice is the payload of KindCareCheckup.
type CareCheckupNotice struct {
	CadreID  int64  `json:"cadre_id"`
	Lang     string `json:"lang"`
	Year     int    `json:"year"`
	Stage    string `json:"stage"` // "open" or "close"
	ClosesOn string `json:"closes_on"`
}

// CareRestNotice is the payload of KindCareRest.
type CareRestNotice struct {
	CadreID  int64  `json:"cadre_id"`
	Lang     string `json:"lang"`
	RestID   int64  `json:"rest_id"`
	StartsOn string `json:"starts_on"`
	EndsOn   string `json:"ends_on"`
}

func note(chat int64, kind, key string, p any) Notification {
	b, _ := json.Marshal(p)
	return Notification{ChatID: chat, Kind: kind, Payload: string(b), DedupKey: key}
}

// LeaveReminders are, for the month of today (from fromMonth on), one
// reminder to each bound cadre with days left who has not muted it, and
// one to each unit's principal listing who has days left. The ledger
// keeps it to one of each a month.
func (s *Store) LeaveReminders(ctx context.Context, today time.Time, fromMonth int) ([]Notification, error) {
	if int(today.Month()) < fromMonth {
		return nil, nil
	}
	year, month := today.Year(), today.Format("2006-01")
	all, err := s.CountyCare(ctx, year)
	if err != nil {
		return nil, err
	}
	byUnit := map[int64][]CareDaysRow{}
	var tell []CareSummary
	var ids []int64
	for _, c := range all {
		left := c.Left()
		if left <= 0 {
			continue
		}
		if c.Cadre.UnitID != nil {
			byUnit[*c.Cadre.UnitID] = append(byUnit[*c.Cadre.UnitID], CareDaysRow{Name: c.Cadre.Name, Left: left})
		}
		if c.Cadre.ChatID != nil && !c.Year.MuteLeave {
			tell = append(tell, c)
			ids = append(ids, c.Cadre.ID)
		}
	}
	claimed, err := s.claimCareMany(ctx, ids, CareLeave, month, month)
	if err != nil {
		return nil, err
	}
	var out []Notification
	for _, c := range tell {
		if claimed[c.Cadre.ID] {
			out = append(out, note(*c.Cadre.ChatID, KindCareLeave, fmt.Sprintf("care_leave:%d:%s", c.Cadre.ID, month),
				CareLeaveNotice{CadreID: c.Cadre.ID, Lang: c.Cadre.Lang, Year: year, Left: c.Left(), Entitled: c.Entitled}))
		}
	}
	var principals []struct {
		LedUnitID int64
		Cadre
	}
	if err := s.with(ctx).Table("units u").Select("c.*, u.id AS led_unit_id").Joins("JOIN cadres c ON c.id = u.principal_id").
		Where("c.active AND c.chat_id IS NOT NULL").Order("u.id").Scan(&principals).Error; err != nil {
		return nil, fmt.Errorf("principals: %w", err)
	}
	ids = ids[:0]
	for _, p := range principals {
		if len(byUnit[p.LedUnitID]) > 0 {
			ids = append(ids, p.ID)
		}
	}
	claimed, err = s.claimCareMany(ctx, ids, CareLeaveUnit, month, month)
	if err != nil {
		return nil, err
	}
	for _, p := range principals {
		if people := byUnit[p.LedUnitID]; len(people) > 0 && claimed[p.ID] {
			claimed[p.ID] = false // one list a month, whatever units they lead
			out = append(out, note(*p.ChatID, KindCareLeaveUnit, fmt.Sprintf("care_leave_unit:%d:%s", p.ID, month),
				CareLeaveUnitNotice{LeaderID: p.ID, Lang: p.Lang, Year: year, People: people}))
		}
	}
	return out, nil
}

// CheckupReminders are, while the year's check-ups are open, one reminder
// when they open and one in the daysBefore days before they close, to
// each bound cadre whose check-up is not done and who has not muted it;
// never two in a month.
func (s *Store) CheckupReminders(ctx context.Context, today time.Time, daysBefore int) ([]Notification, error) {
	year, month := today.Year(), today.Format("2006-01")
	r, err := s.CheckupRoundOf(ctx, year)
	if errors.Is(err, ErrNotFound) || (err == nil && !r.Open()) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	day := today.Format("2006-01-02")
	closes, _ := time.Parse("2006-01-02", r.ClosesOn)
	stage := "open"
	switch {
	case day > r.ClosesOn:
		return nil, nil
	case day >= closes.AddDate(0, 0, -daysBefore).Format("2006-01-02"):
		stage = "close"
	}
	all, err := s.CountyCare(ctx, year)
	if err != nil {
		return nil, err
	}
	round := fmt.Sprintf("%d:%s", year, stage)
	var tell []CareSummary
	var ids []int64
	for _, c := range all {
		if c.Cadre.ChatID != nil && !c.Year.MuteCheckup && c.Year.Checkup != CheckupDone {
			tell = append(tell, c)
			ids = append(ids, c.Cadre.ID)
		}
	}
	claimed, err := s.claimCareMany(ctx, ids, CareCheckup, round, month)
	if err != nil {
		return nil, err
	}
	var out []Notification
	for _, c := range tell {
		if claimed[c.Cadre.ID] {
			out = append(out, note(*c.Cadre.ChatID, KindCareCheckup, fmt.Sprintf("care_checkup:%d:%s", c.Cadre.ID, round),
				CareCheckupNotice{CadreID: c.Cadre.ID, Lang: c.Cadre.Lang, Year: year, Stage: stage, ClosesOn: r.ClosesOn}))
		}
	}
	return out, nil
}

// RestNotices are the notices of 疗养 rotations not yet answered, each
// once, at most one a month to a cadre, none to one who muted them.
func (s *Store) RestNotices(ctx context.Context, today time.Time) ([]Notification, error) {
	var rs []RestRotation
	if err := s.with(ctx).Where("status = ? AND starts_on > ?", RestAssigned, today.Format("2006-01-02")).Order("id").Find(&rs).Error; err != nil {
		return nil, fmt.Errorf("rest rotations: %w", err)
	}
	month := today.Format("2006-01")
	var out []Notification
	for _, r := range rs {
		c, err := s.GetCadre(ctx, r.CadreID)
		if err != nil || !c.Active || c.ChatID == nil {
			continue
		}
		cy, err := s.careYear(ctx, c.ID, r.Year)
		if err != nil {
			return nil, err
		}
		if cy.MuteRest {
			continue
		}
		ok, err := s.claimCare(ctx, c.ID, CareRest, fmt.Sprint("rest:", r.ID), month)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, note(*c.ChatID, KindCareRest, fmt.Sprintf("care_rest:%d", r.ID),
				CareRestNotice{CadreID: c.ID, Lang: c.Lang, RestID: r.ID, StartsOn: r.StartsOn, EndsOn: r.EndsOn}))
		}
	}
	return out, nil
}

// RefreshCareLeave lapses once the cadre muted leave reminders, has no day
// left, or no longer reads the chat; the days are today's.
func (s *Store) RefreshCareLeave(ctx context.Context, rc Recheck, p CareLeaveNotice) (CareLeaveNotice, error) {
	c, err := s.reader(ctx, p.CadreID, rc.ChatID)
	if err != nil {
		return p, err
	}
	sum, err := s.CareOf(ctx, c.ID, p.Year)
	switch {
	case err != nil:
		return p, err
	case sum.Year.MuteLeave:
		return p, lapsed("the cadre muted leave reminders")
	case sum.Left() <= 0:
		return p, lapsed("no day of leave is left")
	}
	p.Lang, p.Left, p.Entitled = c.Lang, sum.Left(), sum.Entitled
	return p, nil
}

// RefreshCareLeaveUnit keeps the people who still have days left.
func (s *Store) RefreshCareLeaveUnit(ctx context.Context, rc Recheck, p CareLeaveUnitNotice) (CareLeaveUnitNotice, error) {
	l, err := s.reader(ctx, p.LeaderID, rc.ChatID)
	if err != nil {
		return p, err
	}
	if l.UnitID == nil || l.Role != RoleLeader {
		return p, lapsed("the reader no longer leads a unit")
	}
	all, err := s.UnitCare(ctx, *l.UnitID, p.Year)
	if err != nil {
		return p, err
	}
	p.People, p.Lang = nil, l.Lang
	for _, c := range all {
		if c.Left() > 0 {
			p.People = append(p.People, CareDaysRow{Name: c.Cadre.Name, Left: c.Left()})
		}
	}
	if len(p.People) == 0 {
		return p, lapsed("nobody in the unit has days left")
	}
	return p, nil
}

// RefreshCareCheckup lapses once the cadre muted check-up reminders, had
// the check-up, or the round closed.
func (s *Store) RefreshCareCheckup(ctx context.Context, rc Recheck, p CareCheckupNotice) (CareCheckupNotice, error) {
	c, err := s.reader(ctx, p.CadreID, rc.ChatID)
	if err != nil {
		return p, err
	}
	cy, err := s.careYear(ctx, c.ID, p.Year)
	if err != nil {
		return p, err
	}
	r, err := s.CheckupRoundOf(ctx, p.Year)
	switch {
	case errors.Is(err, ErrNotFound) || (err == nil && !r.Open()):
		return p, lapsed("the check-ups are closed")
	case err != nil:
		return p, err
	case cy.MuteCheckup:
		return p, lapsed("the cadre muted check-up reminders")
	case cy.Checkup == CheckupDone:
		return p, lapsed("the check-up is done")
	}
	p.Lang, p.ClosesOn = c.Lang, r.ClosesOn
	return p, nil
}

// RefreshCareRest lapses once the rotation was answered or the cadre
// muted rest notices.
func (s *Store) RefreshCareRest(ctx context.Context, rc Recheck, p CareRestNotice) (CareRestNotice, error) {
	c, err := s.reader(ctx, p.CadreID, rc.ChatID)
	if err != nil {
		return p, err
	}
	var r RestRotation
	if err := s.with(ctx).Where("id = ? AND cadre_id = ?", p.RestID, c.ID).Take(&r).Error; err != nil {
		if errors.Is(translate(err), ErrNotFound) {
			return p, lapsed("the rotation was removed")
		}
		return p, err
	}
	cy, err := s.careYear(ctx, c.ID, r.Year)
	switch {
	case err != nil:
		return p, err
	case r.Status != RestAssigned:
		return p, lapsed("the rotation was answered")
	case cy.MuteRest:
		return p, lapsed("the cadre muted rest notices")
	}
	p.Lang, p.StartsOn, p.EndsOn = c.Lang, r.StartsOn, r.EndsOn
	return p, nil
}
