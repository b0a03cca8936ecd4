package models

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm/clause"
)

// NewTraining is a session as the department or an organiser plans it.
type NewTraining struct {
	Kind, Title, Place, Bring, Lecturer string
	StartsAt, EndsAt                    time.Time
	OrganiserID                         int64
	LecturerID, UnitID                  *int64
	Hours                               float64
	Capacity, Batch                     int
	Series                              string
	CheckOut                            bool
}

func (n NewTraining) check() error {
	switch {
	case !validTrainingKind(n.Kind):
		return fmt.Errorf("unknown kind %q", n.Kind)
	case strings.TrimSpace(n.Title) == "":
		return errors.New("a title is required")
	case strings.TrimSpace(n.Place) == "":
		return errors.New("a place is required")
	case !n.EndsAt.After(n.StartsAt):
		return errors.New("the end must come after the start")
	case n.Hours < 0 || n.Hours > 1000:
		return fmt.Errorf("credited hours %v out of range", n.Hours)
	case n.Capacity < 0:
		return errors.New("capacity cannot be negative")
	}
	return nil
}

func validTrainingKind(k string) bool {
	_, ok := trainingKindWords[k]
	return ok
}

// CreateTraining plans a session; its check-in key is drawn here.
func (s *Store) CreateTraining(ctx context.Context, n NewTraining) (TrainingSession, error) {
	if err := n.check(); err != nil {
		return TrainingSession{}, fmt.Errorf("create training: %w", err)
	}
	var key [32]byte
	if _, err := rand.Read(key[:]); err != nil {
		return TrainingSession{}, fmt.Errorf("create training: %w", err)
	}
	t := TrainingSession{Kind: n.Kind, Title: strings.TrimSpace(n.Title), StartsAt: n.StartsAt.UTC(), EndsAt: n.EndsAt.UTC(),
		Place: strings.TrimSpace(n.Place), Bring: strings.TrimSpace(n.Bring), OrganiserID: n.OrganiserID,
		Lecturer: strings.TrimSpace(n.Lecturer), LecturerID: n.LecturerID, Hours: n.Hours, UnitID: n.UnitID,
		Capacity: n.Capacity, Series: strings.TrimSpace(n.Series), Batch: n.Batch, CheckOut: n.CheckOut,
		Status: TrainingPlanned, Version: 1, Secret: hex.EncodeToString(key[:])}
	if err := s.with(ctx).Create(&t).Error; err != nil {
		return TrainingSession{}, fmt.Errorf("create training %q: %w", t.Title, translate(err))
	}
	return t, nil
}

// GetTraining reads a session.
func (s *Store) GetTraining(ctx context.Context, id int64) (TrainingSession, error) {
	var t TrainingSession
	return t, translate(s.with(ctx).Where("id = ?", id).Take(&t).Error)
}

// GetTrainingInvitation reads an invitation with its session.
func (s *Store) GetTrainingInvitation(ctx context.Context, id int64) (TrainingInvitation, TrainingSession, error) {
	var inv TrainingInvitation
	if err := translate(s.with(ctx).Where("id = ?", id).Take(&inv).Error); err != nil {
		return inv, TrainingSession{}, err
	}
	t, err := s.GetTraining(ctx, inv.SessionID)
	return inv, t, err
}

// InviteSummary counts what an invitation run did.
type InviteSummary struct {
	Added, Known int
	Unreachable  []string // names of the new invitees the bot cannot reach: told to the organiser
}

// InviteToTraining invites cadres to a session and writes each new
// invitee's invitation to the outbox, all in one transaction. Cadres
// already invited are counted, not invited again. A session over its
// capacity, or a cadre already in another batch of the series, refuses
// the whole run.
func (s *Store) InviteToTraining(ctx context.Context, sessionID int64, cadreIDs []int64, zone string) (InviteSummary, error) {
	return s.InviteToTrainingAt(ctx, sessionID, cadreIDs, zone, time.Time{})
}

// InviteToTrainingAt is InviteToTraining with the invitations held until
// at (zero: now): the command line passes the first moment outside quiet
// hours and holidays, so a list imported at night is read in the morning.
func (s *Store) InviteToTrainingAt(ctx context.Context, sessionID int64, cadreIDs []int64, zone string, at time.Time) (InviteSummary, error) {
	var sum InviteSummary
	err := s.Tx(ctx, func(tx *Store) error {
		t, err := tx.lockTraining(ctx, sessionID)
		if err != nil {
			return err
		}
		switch {
		case t.Status == TrainingCancelled:
			return ErrTrainingCancelled
		case !tx.Now().Before(t.StartsAt):
			return ErrTrainingStarted
		}
		fresh, err := tx.newInvitees(ctx, t, cadreIDs)
		if err != nil {
			return err
		}
		sum.Known = len(uniq(cadreIDs)) - len(fresh)
		if len(fresh) == 0 {
			return nil
		}
		var have int64
		if err := tx.with(ctx).Model(&TrainingInvitation{}).Where("session_id = ?", t.ID).Count(&have).Error; err != nil {
			return err
		}
		if t.Capacity > 0 && int(have)+len(fresh) > t.Capacity {
			return fmt.Errorf("%w: %d places, %d invited, %d more asked", ErrOverCapacity, t.Capacity, have, len(fresh))
		}
		invs := make([]TrainingInvitation, len(fresh))
		for i, c := range fresh {
			invs[i] = TrainingInvitation{SessionID: t.ID, CadreID: c.ID}
		}
		if err := tx.with(ctx).CreateInBatches(&invs, 500).Error; err != nil {
			return translate(err)
		}
		sum.Added = len(invs)
		var ns []Notification
		for i, c := range fresh {
			if c.ChatID == nil || c.Unreachable {
				sum.Unreachable = append(sum.Unreachable, c.Name)
				continue
			}
			n := trainingNotification(KindTrainingInvite, *c.ChatID, c, t, invs[i].ID, zone, LaneBulk,
				fmt.Sprintf("training-invite:%d", invs[i].ID))
			n.NextAttemptAt = at
			ns = append(ns, n)
		}
		_, err = tx.EnqueueMany(ctx, ns)
		return err
	})
	if err != nil {
		return InviteSummary{}, fmt.Errorf("invite to training %d: %w", sessionID, err)
	}
	return sum, nil
}

// newInvitees reads the active cadres of ids not yet invited, refusing one
// already in another batch of the series.
func (s *Store) newInvitees(ctx context.Context, t TrainingSession, ids []int64) ([]Cadre, error) {
	ids = uniq(ids)
	var cs []Cadre
	for start := 0; start < len(ids); start += 500 {
		var part []Cadre
		q := s.with(ctx).Where("id IN ? AND active", ids[start:min(start+500, len(ids))]).
			Where("id NOT IN (?)", s.with(ctx).Model(&TrainingInvitation{}).Select("cadre_id").Where("session_id = ?", t.ID))
		if err := q.Order("id").Find(&part).Error; err != nil {
			return nil, err
		}
		cs = append(cs, part...)
	}
	if t.Series == "" || len(cs) == 0 {
		return cs, nil
	}
	var clash []string
	err := s.with(ctx).Table("training_invitations i").Select("c.name").
		Joins("JOIN training_sessions t ON t.id = i.session_id").Joins("JOIN cadres c ON c.id = i.cadre_id").
		Where("t.series = ? AND t.id <> ? AND t.status = ? AND i.cadre_id IN ?", t.Series, t.ID, TrainingPlanned, cadreIDs(cs)).
		Order("c.name").Limit(5).Pluck("c.name", &clash).Error
	if err != nil {
		return nil, err
	}
	if len(clash) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrOtherBatch, strings.Join(clash, "、"))
	}
	return cs, nil
}

func cadreIDs(cs []Cadre) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func uniq(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func (s *Store) lockTraining(ctx context.Context, id int64) (TrainingSession, error) {
	q := s.with(ctx).Where("id = ?", id)
	if s.IsPostgres() {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var t TrainingSession
	return t, translate(q.Take(&t).Error)
}

// changeInvitation applies a change to the cadre's own invitation.
func (s *Store) changeInvitation(ctx context.Context, id int64, what string, check func(*Store, TrainingInvitation, TrainingSession) error, set map[string]any) (TrainingInvitation, TrainingSession, error) {
	var inv TrainingInvitation
	var t TrainingSession
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if inv, t, err = tx.GetTrainingInvitation(ctx, id); err != nil {
			return err
		}
		if t.Status == TrainingCancelled {
			return ErrTrainingCancelled
		}
		if err := check(tx, inv, t); err != nil {
			return err
		}
		if err := tx.with(ctx).Model(&TrainingInvitation{}).Where("id = ?", id).Updates(set).Error; err != nil {
			return err
		}
		return tx.with(ctx).Where("id = ?", id).Take(&inv).Error
	})
	if err != nil {
		return inv, t, fmt.Errorf("%s training invitation %d: %w", what, id, err)
	}
	return inv, t, nil
}

// ConfirmTraining records that the cadre will come.
func (s *Store) ConfirmTraining(ctx context.Context, invID, cadreID int64) (TrainingInvitation, TrainingSession, error) {
	now := s.Now()
	return s.changeInvitation(ctx, invID, "confirm", func(tx *Store, inv TrainingInvitation, t TrainingSession) error {
		switch {
		case inv.CadreID != cadreID:
			return ErrNotInvited
		case !now.Before(t.EndsAt):
			return ErrTrainingStarted
		}
		return nil
	}, map[string]any{"answer": TrainingConfirmed, "answered_at": now, "leave_reason": "", "leave_by_id": nil, "leave_at": nil})
}

// AskTrainingLeave records a leave request with its reason and returns who
// decides it: the cadre's principal, or the organiser for a county-wide
// session (and for a principal or a cadre without one).
func (s *Store) AskTrainingLeave(ctx context.Context, invID, cadreID int64, reason string) (TrainingInvitation, TrainingSession, int64, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return TrainingInvitation{}, TrainingSession{}, 0, fmt.Errorf("ask leave for invitation %d: a reason is required", invID)
	}
	now := s.Now()
	inv, t, err := s.changeInvitation(ctx, invID, "ask leave for", func(tx *Store, inv TrainingInvitation, t TrainingSession) error {
		switch {
		case inv.CadreID != cadreID:
			return ErrNotInvited
		case !now.Before(t.StartsAt):
			return ErrTrainingStarted
		case inv.Answer == TrainingLeaveApproved:
			return ErrConflict
		}
		return nil
	}, map[string]any{"answer": TrainingLeaveAsked, "answered_at": now, "leave_reason": reason, "leave_by_id": nil, "leave_at": nil})
	if err != nil {
		return inv, t, 0, err
	}
	approver, err := s.LeaveApprover(ctx, t, cadreID)
	return inv, t, approver, err
}

// LeaveApprover is who decides a cadre's leave from a session.
func (s *Store) LeaveApprover(ctx context.Context, t TrainingSession, cadreID int64) (int64, error) {
	if t.UnitID == nil {
		return t.OrganiserID, nil
	}
	c, err := s.GetCadre(ctx, cadreID)
	if err != nil {
		return 0, err
	}
	p, err := s.principalOf(ctx, c)
	if errors.Is(err, ErrNoPrincipal) {
		return t.OrganiserID, nil
	}
	return p, err
}

// DecideTrainingLeave approves or refuses a leave request; decider must be
// the approver (LeaveApprover) or an admin.
func (s *Store) DecideTrainingLeave(ctx context.Context, invID int64, decider Cadre, approve bool) (TrainingInvitation, TrainingSession, error) {
	now := s.Now()
	answer := TrainingLeaveRefused
	if approve {
		answer = TrainingLeaveApproved
	}
	return s.changeInvitation(ctx, invID, "decide leave on", func(tx *Store, inv TrainingInvitation, t TrainingSession) error {
		approver, err := tx.LeaveApprover(ctx, t, inv.CadreID)
		switch {
		case err != nil:
			return err
		case !decider.Active || (decider.ID != approver && decider.Role != RoleAdmin):
			return ErrTrainingNotAllowed
		case inv.Answer != TrainingLeaveAsked:
			return ErrConflict
		}
		return nil
	}, map[string]any{"answer": answer, "leave_by_id": decider.ID, "leave_at": now})
}

// MarkTrainingPresent is the organiser marking an invitee present by hand
// (no phone, a failed code). It records once.
func (s *Store) MarkTrainingPresent(ctx context.Context, invID int64, by Cadre) (TrainingInvitation, TrainingSession, error) {
	now := s.Now()
	return s.changeInvitation(ctx, invID, "mark present", func(tx *Store, inv TrainingInvitation, t TrainingSession) error {
		switch {
		case !by.MayRunTraining(t):
			return ErrTrainingNotAllowed
		case inv.CheckedInAt != nil:
			return ErrCheckedIn
		case now.Before(t.StartsAt.Add(-checkinOpens)):
			return ErrCheckinClosed
		}
		return nil
	}, map[string]any{"checked_in_at": now, "marked_by_id": by.ID})
}

// MoveTraining sets a new time and place and tells every invitee once.
func (s *Store) MoveTraining(ctx context.Context, id int64, start, end time.Time, place, zone string) (TrainingSession, int, error) {
	return s.changeTraining(ctx, id, "move", zone, func(t *TrainingSession) error {
		if !end.After(start) {
			return errors.New("the end must come after the start")
		}
		t.StartsAt, t.EndsAt = start.UTC(), end.UTC()
		if p := strings.TrimSpace(place); p != "" {
			t.Place = p
		}
		return nil
	})
}

// CancelTraining calls a session off with a reason and tells every invitee once.
func (s *Store) CancelTraining(ctx context.Context, id int64, reason, zone string) (TrainingSession, int, error) {
	return s.changeTraining(ctx, id, "cancel", zone, func(t *TrainingSession) error {
		if strings.TrimSpace(reason) == "" {
			return errors.New("a reason is required")
		}
		t.Status, t.CancelReason = TrainingCancelled, strings.TrimSpace(reason)
		return nil
	})
}

// changeTraining edits a session not yet over, bumps its version and
// writes one change notice per invitee and version (the dedup key names
// both, so running it again tells nobody twice).
func (s *Store) changeTraining(ctx context.Context, id int64, what, zone string, set func(*TrainingSession) error) (TrainingSession, int, error) {
	var t TrainingSession
	told := 0
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if t, err = tx.lockTraining(ctx, id); err != nil {
			return err
		}
		switch {
		case t.Status == TrainingCancelled:
			return ErrTrainingCancelled
		case !tx.Now().Before(t.EndsAt):
			return ErrTrainingStarted
		}
		if err := set(&t); err != nil {
			return err
		}
		t.Version++
		if err := tx.with(ctx).Select("*").Omit("created_at").Save(&t).Error; err != nil {
			return err
		}
		rows, err := tx.trainingInvitees(ctx, t.ID)
		if err != nil {
			return err
		}
		var ns []Notification
		for _, r := range rows {
			if r.Cadre.ChatID == nil {
				continue
			}
			ns = append(ns, trainingNotification(KindTrainingChange, *r.Cadre.ChatID, r.Cadre, t, r.ID, zone, LaneReply,
				fmt.Sprintf("training-change:%d:%d:%d", t.ID, t.Version, r.ID)))
		}
		n, err := tx.EnqueueMany(ctx, ns)
		told = int(n)
		return err
	})
	if err != nil {
		return t, 0, fmt.Errorf("%s training %d: %w", what, id, err)
	}
	return t, told, nil
}
