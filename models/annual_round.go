package models

import (
	"context"
	"encoding/json"
	"fmt"
)

// AnnualRoundDue is the day principals are asked to have written their
// assessments by: the last day of the year judged.
func AnnualRoundDue(year int) string { return fmt.Sprintf("%04d-12-31", year) }

// AssessRow is a cadre of the principal's unit and whether the principal
// has assessed them for the year.
type AssessRow struct {
	Cadre     Cadre
	Assessed  bool
	Confirmed bool
}

// AssessList lists the cadres a principal assesses: the unit's active
// cadres but the principal, by name, in two queries.
func (s *Store) AssessList(ctx context.Context, leader Cadre, year int) ([]AssessRow, error) {
	if leader.UnitID == nil {
		return nil, nil
	}
	cs, err := s.UnitCadres(ctx, *leader.UnitID)
	if err != nil {
		return nil, err
	}
	var js []AnnualJudgement
	err = s.with(ctx).Where("year = ? AND cadre_id IN (SELECT id FROM cadres WHERE unit_id = ?)", year, *leader.UnitID).Find(&js).Error
	if err != nil {
		return nil, fmt.Errorf("judgements of unit %d: %w", *leader.UnitID, err)
	}
	by := map[int64]AnnualJudgement{}
	for _, j := range js {
		by[j.CadreID] = j
	}
	var out []AssessRow
	for _, c := range cs {
		if c.ID == leader.ID || c.Role == RoleAdmin {
			continue
		}
		j := by[c.ID]
		out = append(out, AssessRow{Cadre: c, Assessed: j.Assessment != "", Confirmed: j.Confirmed})
	}
	return out, nil
}

// AnnualRoundTarget is a principal the round's prompt goes to.
type AnnualRoundTarget struct {
	Leader   Cadre
	ToAssess int
}

// AnnualRoundTargets lists the principals reachable in chat whose unit has
// cadres not yet assessed for the year, with how many: one query.
func (s *Store) AnnualRoundTargets(ctx context.Context, year int) ([]AnnualRoundTarget, error) {
	var rows []struct {
		LeaderID int64
		N        int
	}
	err := s.with(ctx).Table("cadres l").Select("l.id AS leader_id, COUNT(c.id) AS n").
		Joins("JOIN cadres c ON c.unit_id = l.unit_id AND c.id <> l.id AND c.active AND c.role IN ?", []string{RoleCadre, RoleLeader}).
		Joins("LEFT JOIN annual_judgements j ON j.cadre_id = c.id AND j.year = ? AND j.assessment <> ''", year).
		Where("l.role = ? AND l.active AND l.chat_id IS NOT NULL AND NOT l.unreachable AND j.id IS NULL", RoleLeader).
		Group("l.id").Order("l.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("annual round %d: principals: %w", year, err)
	}
	out := make([]AnnualRoundTarget, 0, len(rows))
	for _, r := range rows {
		c, err := s.GetCadre(ctx, r.LeaderID)
		if err != nil {
			return nil, err
		}
		out = append(out, AnnualRoundTarget{Leader: c, ToAssess: r.N})
	}
	return out, nil
}

// KindAnnualRound is the round's prompt to a principal: the year's
// assessments are open, how many are still to write, and by when.
const KindAnnualRound = "annual_round"

// AnnualRound is the payload of KindAnnualRound.
type AnnualRound struct {
	LeaderID int64  `json:"leader_id"`
	Lang     string `json:"lang"`
	Year     int    `json:"year"`
	Due      string `json:"due"` // 2006-01-02
	ToAssess int    `json:"to_assess"`
}

// AnnualRoundNotification prompts one principal, once a year: the dedup
// key names the principal and the year.
func AnnualRoundNotification(t AnnualRoundTarget, year int) Notification {
	p := AnnualRound{LeaderID: t.Leader.ID, Lang: t.Leader.Lang, Year: year, Due: AnnualRoundDue(year), ToAssess: t.ToAssess}
	b, _ := json.Marshal(p)
	return Notification{ChatID: *t.Leader.ChatID, Kind: KindAnnualRound, Payload: string(b),
		DedupKey: fmt.Sprintf("annual_round:%d:%d", t.Leader.ID, year)}
}

// RefreshAnnualRound re-checks the prompt before it is sent: it lapses
// when the reader is no longer a principal or has assessed everyone.
func (s *Store) RefreshAnnualRound(ctx context.Context, rc Recheck, p AnnualRound) (AnnualRound, error) {
	c, err := s.reader(ctx, p.LeaderID, rc.ChatID)
	if err != nil {
		return p, err
	}
	if c.Role != RoleLeader {
		return p, lapsed("the reader is no longer a principal")
	}
	rows, err := s.AssessList(ctx, c, p.Year)
	if err != nil {
		return p, err
	}
	n := 0
	for _, r := range rows {
		if !r.Assessed && !r.Confirmed {
			n++
		}
	}
	if n == 0 {
		return p, lapsed("every cadre of the unit is assessed")
	}
	p.Lang, p.ToAssess = c.Lang, n
	return p, nil
}
