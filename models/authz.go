package models

// The one authorization rule, used by every command and button: a cadre
// acts on their own data, a leader on their unit, an admin on everything.
// Handlers re-check it for every id a button carries, because callback
// data can be forged.

var roleRank = map[string]int{RoleLiaison: 0, RoleCadre: 1, RoleLeader: 2, RoleAdmin: 3}

// KnownRole tells whether role is one of ours.
func KnownRole(role string) bool { _, ok := roleRank[role]; return ok }

// AtLeast tells whether the cadre's role reaches min.
func (c Cadre) AtLeast(min string) bool {
	return c.Active && roleRank[c.Role] >= roleRank[min]
}

// MayActOnCadre tells whether c may act on target's data.
func (c Cadre) MayActOnCadre(target Cadre) bool {
	switch {
	case !c.Active, c.Role == RoleLiaison:
		return false
	case c.Role == RoleAdmin:
		return true
	case c.ID == target.ID:
		return true
	case c.Role == RoleLeader:
		return c.UnitID != nil && target.UnitID != nil && *c.UnitID == *target.UnitID
	}
	return false
}

// MayActOnUnit tells whether c may act for a whole unit.
func (c Cadre) MayActOnUnit(unitID int64) bool {
	switch {
	case !c.Active:
		return false
	case c.Role == RoleAdmin:
		return true
	case c.Role == RoleLeader:
		return c.UnitID != nil && *c.UnitID == unitID
	}
	return false
}

// InUnit tells whether c belongs to the unit (to read what is public inside it).
func (c Cadre) InUnit(unitID int64) bool {
	return c.Active && c.Role != RoleLiaison && (c.Role == RoleAdmin || (c.UnitID != nil && *c.UnitID == unitID))
}

// MayFileFindings tells whether c may file check-up findings about cadres:
// a department's liaison, or the organization department.
func (c Cadre) MayFileFindings() bool {
	return c.Active && (c.Role == RoleLiaison || c.Role == RoleAdmin)
}

// MayReadReviewAnswers is the check-up's confidentiality rule: raw answers
// and the matrix are for the organization department only — not a
// liaison, not a principal, never the cadre they are about.
func (c Cadre) MayReadReviewAnswers() bool { return c.Active && c.Role == RoleAdmin }

// MaySeeReviewItems tells whether c may see a cadre's confirmed
// reverse check-up items: the cadre, their unit's principal, the department.
func (c Cadre) MaySeeReviewItems(target Cadre) bool {
	return c.Active && c.Role != RoleLiaison && c.MayActOnCadre(target) && (c.ID == target.ID || c.Role != RoleCadre)
}

// MayReportProgress tells whether c reports a unit's contest progress:
// the cadre the principal delegated to, or else the principal. Nobody
// else, not even an admin: the department verifies what units report.
func (c Cadre) MayReportProgress(u Unit, m ContestMember) bool {
	if !c.Active || c.UnitID == nil || *c.UnitID != u.ID || m.UnitID != u.ID {
		return false
	}
	if m.ReporterID != nil {
		return *m.ReporterID == c.ID
	}
	return u.PrincipalID != nil && *u.PrincipalID == c.ID
}

// MayVerifyProgress tells whether c verifies (核实) or queries progress
// entries: the organization department.
func (c Cadre) MayVerifyProgress() bool { return c.Active && c.Role == RoleAdmin }
