package models

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Invitation is a code just issued to one cadre. Code is the only copy of
// the secret: the database keeps its hash.
type Invitation struct {
	Cadre Cadre
	Unit  string // "" for admins without a unit
	Code  string
}

// InviteLink is the link that opens the bot and binds with code.
func InviteLink(botUsername, code string) string {
	return "https://t.me/" + botUsername + "?start=" + code
}

// IssueInvitations gives a new code, valid until until, to every active
// cadre not yet bound to Telegram (in one unit when unitID is set), in
// the department's unit order (category, name; admins without a unit
// last). The codes and the audit entry are written in one transaction,
// and write runs inside it: if the sheet cannot be written, no older code
// is revoked for nothing. Nobody to invite returns nil and calls nothing.
func (s *Store) IssueInvitations(ctx context.Context, unitID *int64, until time.Time, actor *int64, target string,
	write func([]Invitation) error) ([]Invitation, error) {
	var invs []Invitation
	err := s.Tx(ctx, func(tx *Store) error {
		var err error
		if invs, err = tx.invitees(ctx, unitID); err != nil || len(invs) == 0 {
			return err
		}
		for _, inv := range invs {
			if err := tx.IssueInvite(ctx, inv.Cadre.ID, inv.Code, until); err != nil {
				return err
			}
		}
		detail := fmt.Sprintf("count=%d expires=%s", len(invs), until.UTC().Format(time.RFC3339))
		if err := tx.Audit(ctx, actor, "invite.issue", target, detail); err != nil {
			return err
		}
		return write(invs)
	})
	if err != nil {
		return nil, fmt.Errorf("issue invitations: %w", err)
	}
	return invs, nil
}

// invitees lists who gets a code, each with a fresh one, in unit order.
func (s *Store) invitees(ctx context.Context, unitID *int64) ([]Invitation, error) {
	units, err := s.Units(ctx)
	if err != nil {
		return nil, err
	}
	cadres, err := s.InvitableCadres(ctx, unitID)
	if err != nil {
		return nil, err
	}
	rank, names := make(map[int64]int, len(units)), make(map[int64]string, len(units))
	for i, u := range units {
		rank[u.ID], names[u.ID] = i, u.Name
	}
	order := func(c Cadre) int {
		if c.UnitID == nil {
			return len(units)
		}
		return rank[*c.UnitID]
	}
	invs := make([]Invitation, len(cadres))
	for i, c := range cadres {
		invs[i] = Invitation{Cadre: c, Code: NewInviteCode()}
		if c.UnitID != nil {
			invs[i].Unit = names[*c.UnitID]
		}
	}
	sort.SliceStable(invs, func(i, j int) bool { return order(invs[i].Cadre) < order(invs[j].Cadre) })
	return invs, nil
}
