package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Notification kinds of the competition.
const (
	KindContestPrompt  = "contest_prompt"  // to a unit's reporter: this week's progress is due
	KindContestMeeting = "contest_meeting" // to a principal: a meeting tomorrow, with the group's chart
)

// ContestPrompt is the payload of KindContestPrompt: the tasks the unit has
// not updated since WeekStart.
type ContestPrompt struct {
	ReaderID  int64     `json:"reader_id"`
	Lang      string    `json:"lang"`
	UnitID    int64     `json:"unit_id"`
	Contest   string    `json:"contest"`
	WeekStart time.Time `json:"week_start"`
	Tasks     []string  `json:"tasks"` // "1. 棚户区改造征收"
}

// ContestMeetingNotice is the payload of KindContestMeeting.
type ContestMeetingNotice struct {
	ReaderID  int64      `json:"reader_id"`
	Lang      string     `json:"lang"`
	MeetingID int64      `json:"meeting_id"`
	UnitID    int64      `json:"unit_id"`
	Kind      string     `json:"kind"`
	StartsAt  time.Time  `json:"starts_at"`
	Place     string     `json:"place"`
	Zone      string     `json:"zone"`
	Chart     GroupChart `json:"chart"` // the group's standing when written, refreshed before sending
}

// GroupChart is one group's standing as the meeting reminder draws it.
type GroupChart struct {
	Contest string      `json:"contest"`
	Group   string      `json:"group"`
	Tasks   []string    `json:"tasks"`
	Units   []ChartUnit `json:"units"`
}

// ChartUnit is a unit's weighted completion and completion per task, 0–100.
type ChartUnit struct {
	Name    string    `json:"name"`
	Percent float64   `json:"percent"`
	Tasks   []float64 `json:"tasks"`
}

// GroupChartOf is the standing of the group holding unitID.
func (s *Store) GroupChartOf(ctx context.Context, contestID, unitID int64) (GroupChart, error) {
	st, err := s.Standing(ctx, contestID)
	if err != nil {
		return GroupChart{}, err
	}
	_, g, ok := st.GroupOf(unitID)
	if !ok {
		return GroupChart{}, lapsed("the unit left the contest")
	}
	gc := GroupChart{Contest: st.Contest.Name, Group: g.Name}
	for _, t := range st.Tasks {
		gc.Tasks = append(gc.Tasks, t.Name)
	}
	for _, u := range g.Units {
		cu := ChartUnit{Name: u.Name, Percent: u.Percent}
		for _, c := range u.Cells {
			cu.Tasks = append(cu.Tasks, c.Percent)
		}
		gc.Units = append(gc.Units, cu)
	}
	return gc, nil
}

// staleTasks lists the unit's tasks without an entry since weekStart.
func (s *Store) staleTasks(ctx context.Context, uc UnitContest, weekStart time.Time) ([]string, error) {
	var fresh []int64
	err := s.with(ctx).Model(&ProgressEntry{}).Where("unit_id = ? AND created_at >= ? AND state <> ?", uc.Member.UnitID, weekStart, ProgressQueried).
		Distinct("task_id").Pluck("task_id", &fresh).Error
	if err != nil {
		return nil, fmt.Errorf("fresh tasks of unit %d: %w", uc.Member.UnitID, err)
	}
	done := map[int64]bool{}
	for _, id := range fresh {
		done[id] = true
	}
	var out []string
	for _, t := range uc.Tasks {
		if !done[t.ID] {
			out = append(out, fmt.Sprintf("%d. %s", t.Seq, t.Name))
		}
	}
	return out, nil
}

// ContestPrompts are this week's prompts: one per unit of an active
// contest whose reporter has a chat and has tasks not updated since
// weekStart. The dedup key holds the week, so at most one a week.
func (s *Store) ContestPrompts(ctx context.Context, weekStart time.Time) ([]Notification, error) {
	var members []ContestMember
	if err := s.with(ctx).Joins("JOIN contests ON contests.id = contest_members.contest_id").
		Where("contests.active").Order("contest_members.unit_id").Find(&members).Error; err != nil {
		return nil, fmt.Errorf("contest members: %w", err)
	}
	var out []Notification
	for _, m := range members {
		uc, err := s.ContestOfUnit(ctx, m.UnitID)
		if err != nil || uc.Member.ID != m.ID {
			continue // the unit's newest contest prompts for it
		}
		rep, err := s.ProgressReporter(ctx, m.UnitID)
		if errors.Is(err, ErrNotFound) || (err == nil && (!rep.Active || rep.ChatID == nil)) {
			continue
		} else if err != nil {
			return nil, err
		}
		tasks, err := s.staleTasks(ctx, uc, weekStart)
		if err != nil {
			return nil, err
		}
		if len(tasks) == 0 {
			continue
		}
		p := ContestPrompt{ReaderID: rep.ID, Lang: rep.Lang, UnitID: m.UnitID, Contest: uc.Contest.Name, WeekStart: weekStart.UTC(), Tasks: tasks}
		b, _ := json.Marshal(p)
		out = append(out, Notification{ChatID: *rep.ChatID, Kind: KindContestPrompt, Payload: string(b),
			DedupKey: fmt.Sprintf("contest_prompt:%d:%s", m.UnitID, weekStart.UTC().Format("2006-01-02"))})
	}
	return out, nil
}

// RefreshContestPrompt lapses a prompt whose reader no longer reports for
// the unit or whose tasks were all updated meanwhile.
func (s *Store) RefreshContestPrompt(ctx context.Context, rc Recheck, p ContestPrompt) (ContestPrompt, error) {
	c, err := s.reader(ctx, p.ReaderID, rc.ChatID)
	if err != nil {
		return p, err
	}
	rep, err := s.ProgressReporter(ctx, p.UnitID)
	if errors.Is(err, ErrNoContest) || errors.Is(err, ErrNotFound) || (err == nil && rep.ID != c.ID) {
		return p, lapsed("the reader no longer reports the unit's progress")
	} else if err != nil {
		return p, err
	}
	uc, err := s.ContestOfUnit(ctx, p.UnitID)
	if err != nil {
		return p, err
	}
	if p.Tasks, err = s.staleTasks(ctx, uc, p.WeekStart); err != nil {
		return p, err
	}
	if len(p.Tasks) == 0 {
		return p, lapsed("every task was updated this week")
	}
	p.Lang = c.Lang
	return p, nil
}

// MeetingNotices are the reminders of meetings starting in [from, to):
// one to each principal with a chat of a unit in the meeting's contest.
func (s *Store) MeetingNotices(ctx context.Context, from, to time.Time, zone string) ([]Notification, error) {
	ms, err := s.MeetingsBetween(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var out []Notification
	for _, m := range ms {
		var rows []struct {
			UnitID, CadreID int64
			ChatID          int64
			Lang            string
		}
		err := s.with(ctx).Table("contest_members").Select("contest_members.unit_id, cadres.id AS cadre_id, cadres.chat_id, cadres.lang").
			Joins("JOIN units ON units.id = contest_members.unit_id").
			Joins("JOIN cadres ON cadres.id = units.principal_id").
			Where("contest_members.contest_id = ? AND cadres.active AND cadres.chat_id IS NOT NULL", m.ContestID).
			Order("contest_members.unit_id").Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("principals of meeting %d: %w", m.ID, err)
		}
		for _, r := range rows {
			chart, err := s.GroupChartOf(ctx, m.ContestID, r.UnitID)
			if err != nil {
				return nil, err
			}
			p := ContestMeetingNotice{Chart: chart, ReaderID: r.CadreID, Lang: r.Lang, MeetingID: m.ID, UnitID: r.UnitID, Kind: m.Kind,
				StartsAt: m.StartsAt.UTC(), Place: m.Place, Zone: zone}
			b, _ := json.Marshal(p)
			out = append(out, Notification{ChatID: r.ChatID, Kind: KindContestMeeting, Payload: string(b),
				DedupKey: fmt.Sprintf("contest_meeting:%d:%d", m.ID, r.CadreID)})
		}
	}
	return out, nil
}

// RefreshContestMeeting lapses a reminder of a meeting gone or begun.
func (s *Store) RefreshContestMeeting(ctx context.Context, rc Recheck, p ContestMeetingNotice) (ContestMeetingNotice, error) {
	c, err := s.reader(ctx, p.ReaderID, rc.ChatID)
	if err != nil {
		return p, err
	}
	m, err := s.GetMeeting(ctx, p.MeetingID)
	if errors.Is(err, ErrNotFound) {
		return p, lapsed("the meeting was removed")
	} else if err != nil {
		return p, err
	}
	if !m.StartsAt.After(s.Now()) {
		return p, lapsed("the meeting has begun")
	}
	p.Lang, p.StartsAt, p.Place, p.Kind = c.Lang, m.StartsAt.UTC(), m.Place, m.Kind
	p.Chart, err = s.GroupChartOf(ctx, m.ContestID, p.UnitID)
	return p, err
}
