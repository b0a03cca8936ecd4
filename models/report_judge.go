package models

import "context"

// Judging a report — signing, returning, reopening — is the same act from
// chat and from the web console: the same rule says who may, and the same
// function changes the report and writes what people must be told, in one
// transaction.

// MayJudgeReport tells whether c may sign or return the reports of unit u:
// only its principal (主要负责同志) may.
func (c Cadre) MayJudgeReport(u Unit) bool {
	return u.PrincipalID != nil && *u.PrincipalID == c.ID && c.MayActOnUnit(u.ID)
}

// MayReopenReport tells whether c may reopen a signed report of unit u for
// a correction: its principal, or the organization department.
func (c Cadre) MayReopenReport(u Unit) bool {
	return c.MayJudgeReport(u) || (c.Active && c.Role == RoleAdmin)
}

// MayViewReport tells whether c may read a report whose owner is owner:
// whoever may act on the owner always, and anyone in the unit once it is
// signed (it is posted there).
func (c Cadre) MayViewReport(rep Report, owner Cadre) bool {
	return c.MayActOnCadre(owner) || (rep.Status == ReportSigned && c.InUnit(rep.UnitID))
}

// SignReport signs the report as signer (version is what the signer saw,
// 0 for any), tells its owner and posts it to the unit's group.
func (s *Store) SignReport(ctx context.Context, id int64, version int, signer Cadre) (Report, error) {
	var out Report
	err := s.Tx(ctx, func(tx *Store) error {
		rep, err := tx.Sign(ctx, id, version, signer.ID)
		if err != nil {
			return err
		}
		out = rep
		if err := tx.tellOwner(ctx, rep, signer, JudgedSigned, ""); err != nil {
			return err
		}
		return tx.postToGroup(ctx, rep)
	})
	return out, err
}

// ReturnReport sends the report back with the principal's comment and
// tells its owner. When the report of a month next to it was returned
// too — whichever of the two was returned second — a talk becomes owed
// (an early sign, 发现问题苗头) and its holder is told once, privately,
// why (returnedTwice).
func (s *Store) ReturnReport(ctx context.Context, id int64, version int, by Cadre, comment string) (Report, error) {
	var out Report
	err := s.Tx(ctx, func(tx *Store) error {
		rep, err := tx.Return(ctx, id, version, by.ID, comment)
		if err != nil {
			return err
		}
		out = rep
		if err := tx.tellOwner(ctx, rep, by, JudgedReturned, comment); err != nil {
			return err
		}
		return tx.returnedTwice(ctx, rep, comment)
	})
	return out, err
}

// ReopenReport unlocks a signed report for a correction, keeping the
// reason, and tells its owner.
func (s *Store) ReopenReport(ctx context.Context, id int64, by Cadre, reason string) (Report, error) {
	var out Report
	err := s.Tx(ctx, func(tx *Store) error {
		rep, err := tx.Reopen(ctx, id, by.ID, reason)
		if err != nil {
			return err
		}
		out = rep
		return tx.tellOwner(ctx, rep, by, JudgedReopened, reason)
	})
	return out, err
}
