package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// KindReviewPrompt asks a respondent for their check-up answers: once when
// the round opens and at most once more as a reminder (the duty's
// PromptedOn and RemindedOn hold which were written).
const KindReviewPrompt = "review_prompt"

// ReviewPrompt is the payload of KindReviewPrompt.
type ReviewPrompt struct {
	CadreID  int64  `json:"cadre_id"`
	Lang     string `json:"lang"`
	Round    string `json:"round"`
	RoundID  int64  `json:"round_id"`
	Source   string `json:"source"`
	ClosesOn string `json:"closes_on"`
	Left     int    `json:"left"` // cadres still to answer about
	Reminder bool   `json:"reminder"`
}

// ReviewPrompts writes the prompts due today of the running round: every
// duty not yet prompted, and — from remindFrom on (a day, 2006-01-02) —
// one reminder to each duty still incomplete. Each is written at most
// once per round; at is when the sender may send them (quiet hours and
// holidays already applied by the job). It returns how many were written.
func (s *Store) ReviewPrompts(ctx context.Context, today, remindFrom string, at time.Time) (int, error) {
	r, err := s.CurrentRound(ctx)
	if errors.Is(err, ErrNoRound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	if r.State != ReviewCollecting || today > r.ClosesOn {
		return 0, nil
	}
	type row struct {
		ReviewDuty
		ChatID *int64
		Lang   string
	}
	var rows []row
	err = s.with(ctx).Table("review_duties d").Select("d.*, c.chat_id, c.lang").
		Joins("JOIN cadres c ON c.id = d.cadre_id").
		Where("d.round_id = ? AND c.active AND c.chat_id IS NOT NULL AND NOT d.no_findings AND d.done < d.owed", r.ID).
		Where("(d.prompted_on IS NULL OR d.prompted_on = '') OR ((d.reminded_on IS NULL OR d.reminded_on = '') AND ? >= ?)", today, remindFrom).
		Order("d.id").Scan(&rows).Error
	if err != nil {
		return 0, fmt.Errorf("review prompts: %w", err)
	}
	var ns []Notification
	for _, d := range rows {
		reminder := d.PromptedOn != ""
		if reminder && d.PromptedOn == today {
			continue
		}
		p := ReviewPrompt{CadreID: d.CadreID, Lang: d.Lang, Round: r.Code, RoundID: r.ID, Source: d.Source, ClosesOn: r.ClosesOn,
			Left: d.Owed - d.Done, Reminder: reminder}
		b, _ := json.Marshal(p)
		kind := "prompt"
		col := "prompted_on"
		if reminder {
			kind, col = "remind", "reminded_on"
		}
		ns = append(ns, Notification{ChatID: *d.ChatID, Kind: KindReviewPrompt, Payload: string(b),
			DedupKey: fmt.Sprintf("review:%s:%d:%d", kind, r.ID, d.ID), NextAttemptAt: at})
		if err := s.with(ctx).Model(&ReviewDuty{}).Where("id = ?", d.ID).Update(col, today).Error; err != nil {
			return 0, err
		}
	}
	n, err := s.EnqueueMany(ctx, ns)
	return int(n), err
}

// RefreshReviewPrompt lapses once the duty is done or the round no longer
// takes answers; the count left is today's.
func (s *Store) RefreshReviewPrompt(ctx context.Context, rc Recheck, p ReviewPrompt) (ReviewPrompt, error) {
	c, err := s.reader(ctx, p.CadreID, rc.ChatID)
	if err != nil {
		return p, err
	}
	var r ReviewRound
	if err := s.with(ctx).Where("id = ?", p.RoundID).Take(&r).Error; err != nil {
		return p, lapsed("the round is gone")
	}
	if r.State != ReviewCollecting {
		return p, lapsed("the round is " + r.State)
	}
	var d ReviewDuty
	if err := s.with(ctx).Where("round_id = ? AND cadre_id = ? AND source = ?", r.ID, p.CadreID, p.Source).Take(&d).Error; err != nil {
		return p, lapsed("no duty")
	}
	if d.Complete() {
		return p, lapsed("answered")
	}
	p.Lang, p.ClosesOn, p.Left = c.Lang, r.ClosesOn, d.Owed-d.Done
	return p, nil
}

// RoundOfQuarter tells whether the quarter's round exists.
func (s *Store) RoundOfQuarter(ctx context.Context, code string) (bool, error) {
	_, err := s.GetRound(ctx, code)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}
