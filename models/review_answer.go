package models

// What the sources answer.
//
// Anonymity (干部群众议, 服务对象评). A colleague's answer is a ReviewBallot:
// it holds the cadre it is about, the dimensions, the note and the DAY it
// was last written — no respondent id, no time finer than the day, and a
// random primary key, so neither a column nor the order of ids says who
// wrote it. Who has answered is kept apart, in ReviewDuty rows that are
// all written when the round opens (their order is the roster's, not the
// order of answering) and that hold only counts and a day.
//
// A colleague may change their answer: the ballot carries Slot, an
// HMAC-SHA256 of (round, respondent, cadre) under the review key. The key
// is not in the database (GANSHI_REVIEW_KEY, or a random key for the life
// of the process when unset), so a database reader — an admin with a
// copy of the file included — cannot compute any respondent's slot and
// cannot join a ballot to a person. What is left to guess from is the day
// (a unit where one colleague answered on a day is told apart by that day
// alone if the reader also watched the duties change that day); this is
// why aggregates are shown only from MinAnonymous answers on, and only to
// the organization department.

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// ReviewDuty is who owes answers in a round and how far they are:
// completeness only, never what they answered.
type ReviewDuty struct {
	ID         int64  `gorm:"primaryKey"`
	RoundID    int64  `gorm:"not null;uniqueIndex:idx_review_duty,priority:1"`
	CadreID    int64  `gorm:"not null;uniqueIndex:idx_review_duty,priority:2;index"`
	Source     string `gorm:"size:16;not null;uniqueIndex:idx_review_duty,priority:3"`
	UnitID     int64  `gorm:"not null;index"`
	Owed       int    `gorm:"not null"` // cadres to answer about (liaisons: 1)
	Done       int    `gorm:"not null"`
	NoFindings bool   // a liaison declared there is nothing this round
	AnsweredOn string `gorm:"size:10"` // the day of the last answer
	PromptedOn string `gorm:"size:10"` // the day the prompt was written
	RemindedOn string `gorm:"size:10"` // the day the one reminder was written
}

// Complete tells whether the duty is done.
func (d ReviewDuty) Complete() bool { return d.Done >= d.Owed || d.NoFindings }

// ReviewBallot is one anonymous answer about a cadre (colleague) or about
// a unit (an outside respondent). See the file comment.
type ReviewBallot struct {
	ID           string  `gorm:"primaryKey;size:32"` // random
	RoundID      int64   `gorm:"not null;index:idx_ballot_round,priority:1"`
	Source       string  `gorm:"size:16;not null"`
	UnitID       int64   `gorm:"not null;index:idx_ballot_round,priority:2"`
	CadreID      *int64  `gorm:"index"`               // nil: about the unit only
	Slot         *string `gorm:"size:64;uniqueIndex"` // colleagues only: HMAC, see the file comment
	NoIssue      bool    `gorm:"not null"`
	Dims         string  `gorm:"size:100"` // dimension codes, comma-separated
	Note         string  `gorm:"type:text"`
	Satisfaction int     // outside respondents: 1–5; 0 not given
	Day          string  `gorm:"size:10;not null"`
}

// ReviewConcern is a named answer: a principal's comment, a department's
// finding or the department's own (组织部门审).
type ReviewConcern struct {
	ID        int64  `gorm:"primaryKey"`
	RoundID   int64  `gorm:"not null;index:idx_concern_round,priority:1"`
	CadreID   int64  `gorm:"not null;index:idx_concern_round,priority:2"`
	Source    string `gorm:"size:16;not null"`
	AuthorID  int64  `gorm:"not null;index"`
	Dept      string `gorm:"size:100"` // the liaison's department
	NoIssue   bool   `gorm:"not null"`
	Dims      string `gorm:"size:100"`
	Note      string `gorm:"type:text"`
	Ref       string `gorm:"size:100"` // a finding's reference number (文号)
	Severity  string `gorm:"size:10"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// DimList splits a comma-separated list of dimensions.
func DimList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func randomID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// slot is a colleague's ballot slot for a cadre: see the file comment.
func (s *Store) slot(roundID, respondent, cadre int64) string {
	m := hmac.New(sha256.New, s.reviewKey)
	fmt.Fprintf(m, "ballot:%d:%d:%d", roundID, respondent, cadre)
	return hex.EncodeToString(m.Sum(nil))
}

// checkNote trims a note and refuses one too long.
func checkNote(note string) (string, error) {
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxReviewNote || !utf8.ValidString(note) {
		return "", ErrNoteTooLong
	}
	return note, nil
}

// writeDuties writes every duty of a new round, in roster order.
func (s *Store) writeDuties(ctx context.Context, r ReviewRound) error {
	cadres, err := s.RoundCadres(ctx, r)
	if err != nil {
		return err
	}
	perUnit := map[int64]int{}
	for _, c := range cadres {
		perUnit[*c.UnitID]++
	}
	var ds []ReviewDuty
	for _, c := range cadres {
		u := *c.UnitID
		if c.Role == RoleLeader {
			ds = append(ds, ReviewDuty{RoundID: r.ID, CadreID: c.ID, Source: SrcPrincipal, UnitID: u, Owed: perUnit[u] - 1})
		} else if perUnit[u] > 1 {
			ds = append(ds, ReviewDuty{RoundID: r.ID, CadreID: c.ID, Source: SrcColleague, UnitID: u, Owed: perUnit[u] - 1})
		}
	}
	var liaisons []Cadre
	if err := s.with(ctx).Where("active AND role = ?", RoleLiaison).Order("id").Find(&liaisons).Error; err != nil {
		return err
	}
	for _, l := range liaisons {
		var u int64
		if l.UnitID != nil {
			u = *l.UnitID
		}
		ds = append(ds, ReviewDuty{RoundID: r.ID, CadreID: l.ID, Source: SrcDepartment, UnitID: u, Owed: 1})
	}
	if len(ds) == 0 {
		return nil
	}
	return s.with(ctx).CreateInBatches(ds, 500).Error
}

// Duties lists what the cadre owes in the round.
func (s *Store) Duties(ctx context.Context, roundID, cadreID int64) ([]ReviewDuty, error) {
	var out []ReviewDuty
	if err := s.with(ctx).Where("round_id = ? AND cadre_id = ?", roundID, cadreID).Order("source").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("duties of cadre %d: %w", cadreID, err)
	}
	return out, nil
}

// Answer is one answer from chat about one cadre. No dims means 无问题.
type Answer struct {
	Round   ReviewRound
	By      Cadre
	Cadre   Cadre
	Dims    []string
	Note    string
	Ref     string // findings
	Sev     string // findings
	Dept    string // findings: the liaison's department
	Finding bool
}

// checkAnswer applies the rules every named or anonymous chat answer
// shares: an open round, a cadre in scope, never oneself.
func (s *Store) checkAnswer(ctx context.Context, a *Answer) error {
	if err := s.taking(ctx, a.Round); err != nil {
		return err
	}
	if !a.Round.Covers(a.Cadre.UnitID) || !a.Cadre.Active || (a.Cadre.Role != RoleCadre && a.Cadre.Role != RoleLeader) {
		return ErrNotInScope
	}
	if a.By.ID == a.Cadre.ID {
		return ErrSelfReview
	}
	for _, d := range a.Dims {
		if !slices.Contains(ReviewDims, d) {
			return fmt.Errorf("unknown dimension %q", d)
		}
	}
	var err error
	a.Note, err = checkNote(a.Note)
	return err
}

// AnswerAsPrincipal records a principal's comment on a cadre of their
// unit; a second answer about the same cadre replaces the first.
func (s *Store) AnswerAsPrincipal(ctx context.Context, a Answer) error {
	if err := s.checkAnswer(ctx, &a); err != nil {
		return err
	}
	if a.By.Role != RoleLeader || !a.By.MayActOnCadre(a.Cadre) {
		return ErrOtherUnit
	}
	return s.Tx(ctx, func(tx *Store) error {
		var c ReviewConcern
		err := tx.with(ctx).Where("round_id = ? AND source = ? AND author_id = ? AND cadre_id = ?", a.Round.ID, SrcPrincipal, a.By.ID, a.Cadre.ID).Take(&c).Error
		if err = translate(err); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		c.RoundID, c.CadreID, c.Source, c.AuthorID = a.Round.ID, a.Cadre.ID, SrcPrincipal, a.By.ID
		c.NoIssue, c.Dims, c.Note = len(a.Dims) == 0, strings.Join(a.Dims, ","), a.Note
		if err := tx.with(ctx).Save(&c).Error; err != nil {
			return err
		}
		var n int64
		if err := tx.with(ctx).Model(&ReviewConcern{}).Where("round_id = ? AND source = ? AND author_id = ?", a.Round.ID, SrcPrincipal, a.By.ID).Count(&n).Error; err != nil {
			return err
		}
		return tx.dutyDone(ctx, a.Round.ID, a.By.ID, SrcPrincipal, int(n))
	})
}

// AnswerAsColleague records a colleague's anonymous answer about another
// cadre of their unit. A second answer about the same cadre replaces the
// first in place: same ballot, still with no key to the respondent.
func (s *Store) AnswerAsColleague(ctx context.Context, a Answer) error {
	if err := s.checkAnswer(ctx, &a); err != nil {
		return err
	}
	if a.By.UnitID == nil || a.Cadre.UnitID == nil || *a.By.UnitID != *a.Cadre.UnitID || a.By.Role != RoleCadre {
		return ErrOtherUnit
	}
	today, err := s.Today(ctx)
	if err != nil {
		return err
	}
	return s.Tx(ctx, func(tx *Store) error {
		slot := tx.slot(a.Round.ID, a.By.ID, a.Cadre.ID)
		var b ReviewBallot
		err := tx.with(ctx).Where("slot = ?", slot).Take(&b).Error
		if err = translate(err); errors.Is(err, ErrNotFound) {
			b = ReviewBallot{ID: randomID(), RoundID: a.Round.ID, Source: SrcColleague, UnitID: *a.Cadre.UnitID, CadreID: &a.Cadre.ID, Slot: &slot}
		} else if err != nil {
			return err
		}
		b.NoIssue, b.Dims, b.Note, b.Day = len(a.Dims) == 0, strings.Join(a.Dims, ","), a.Note, today
		if err := tx.with(ctx).Save(&b).Error; err != nil {
			return err
		}
		done, err := tx.colleaguesAnswered(ctx, a.Round, a.By)
		if err != nil {
			return err
		}
		return tx.dutyDone(ctx, a.Round.ID, a.By.ID, SrcColleague, len(done))
	})
}

// ColleaguesAnswered is the set of cadres the respondent has answered
// about: found by recomputing their slots, which only the process can.
func (s *Store) colleaguesAnswered(ctx context.Context, r ReviewRound, by Cadre) (map[int64]bool, error) {
	if by.UnitID == nil {
		return nil, nil
	}
	mates, err := s.UnitCadres(ctx, *by.UnitID)
	if err != nil {
		return nil, err
	}
	slots := map[string]int64{}
	var keys []string
	for _, m := range mates {
		if m.ID != by.ID {
			k := s.slot(r.ID, by.ID, m.ID)
			slots[k] = m.ID
			keys = append(keys, k)
		}
	}
	var found []string
	if len(keys) > 0 {
		if err := s.with(ctx).Model(&ReviewBallot{}).Where("slot IN ?", keys).Pluck("slot", &found).Error; err != nil {
			return nil, err
		}
	}
	out := map[int64]bool{}
	for _, k := range found {
		out[slots[k]] = true
	}
	return out, nil
}

// Answered tells which cadres the caller has answered about in the round,
// whatever their source: what /review shows as done.
func (s *Store) Answered(ctx context.Context, r ReviewRound, by Cadre) (map[int64]bool, error) {
	if by.Role == RoleCadre {
		return s.colleaguesAnswered(ctx, r, by)
	}
	var ids []int64
	if err := s.with(ctx).Model(&ReviewConcern{}).Where("round_id = ? AND author_id = ?", r.ID, by.ID).Pluck("cadre_id", &ids).Error; err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// dutyDone records the respondent's progress, with the day only.
func (s *Store) dutyDone(ctx context.Context, roundID, cadreID int64, source string, done int) error {
	today, err := s.Today(ctx)
	if err != nil {
		return err
	}
	return s.with(ctx).Model(&ReviewDuty{}).Where("round_id = ? AND cadre_id = ? AND source = ?", roundID, cadreID, source).
		Updates(map[string]any{"done": done, "answered_on": today}).Error
}

// FileFinding records a department's finding about a cadre (职能部门析).
func (s *Store) FileFinding(ctx context.Context, a Answer) (ReviewConcern, error) {
	if a.By.Role != RoleLiaison && a.By.Role != RoleAdmin {
		return ReviewConcern{}, ErrOtherUnit
	}
	if len(a.Dims) != 1 {
		return ReviewConcern{}, fmt.Errorf("a finding has one dimension")
	}
	org := a.By.Role == RoleAdmin && !a.Finding
	if org && a.Sev == "" {
		a.Sev = SevRemind
	}
	sev, ok := ParseSeverity(a.Sev)
	if !ok {
		return ReviewConcern{}, fmt.Errorf("unknown severity %q", a.Sev)
	}
	if org && a.Round.State == ReviewConsultation {
		// The department's own examination (组织部门审) goes on while it
		// weighs what the sources said.
		a.Round.State, a.Round.ClosesOn = ReviewCollecting, "9999-12-31"
	}
	if err := s.checkAnswer(ctx, &a); err != nil {
		return ReviewConcern{}, err
	}
	if a.Note == "" {
		return ReviewConcern{}, fmt.Errorf("a finding states a fact")
	}
	c := ReviewConcern{RoundID: a.Round.ID, CadreID: a.Cadre.ID, Source: SrcDepartment, AuthorID: a.By.ID, Dept: a.Dept,
		Dims: a.Dims[0], Note: a.Note, Ref: strings.TrimSpace(a.Ref), Severity: sev}
	if org {
		c.Source = SrcOrg
	}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Create(&c).Error; err != nil {
			return err
		}
		return tx.dutyDone(ctx, a.Round.ID, a.By.ID, SrcDepartment, 1)
	})
	return c, err
}

// DeclareNoFindings records a liaison's "no findings this round".
func (s *Store) DeclareNoFindings(ctx context.Context, r ReviewRound, liaison Cadre) error {
	if err := s.taking(ctx, r); err != nil {
		return err
	}
	today, err := s.Today(ctx)
	if err != nil {
		return err
	}
	res := s.with(ctx).Model(&ReviewDuty{}).Where("round_id = ? AND cadre_id = ? AND source = ?", r.ID, liaison.ID, SrcDepartment).
		Updates(map[string]any{"no_findings": true, "answered_on": today})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return s.with(ctx).Create(&ReviewDuty{RoundID: r.ID, CadreID: liaison.ID, Source: SrcDepartment, Owed: 1, NoFindings: true, AnsweredOn: today}).Error
	}
	return nil
}

// createBallot writes an outside respondent's ballot.
func createBallot(db *gorm.DB, b *ReviewBallot) error {
	b.ID = randomID()
	return db.Create(b).Error
}

// Completeness counts, per source, the duties done and owed in a round.
func (s *Store) Completeness(ctx context.Context, roundID int64) (map[string][2]int, error) {
	var rows []struct {
		Source string
		Done   int
		Total  int
	}
	err := s.with(ctx).Model(&ReviewDuty{}).
		Select("source, SUM(CASE WHEN done >= owed OR no_findings THEN 1 ELSE 0 END) AS done, COUNT(*) AS total").
		Where("round_id = ?", roundID).Group("source").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("completeness of round %d: %w", roundID, err)
	}
	out := map[string][2]int{}
	for _, r := range rows {
		out[r.Source] = [2]int{r.Done, r.Total}
	}
	return out, nil
}
