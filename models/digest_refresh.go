package models

import "context"

// RefreshDigest composes a digest again at send time, from the data of
// now, as its job composed it. A leader's lapses when the reader no longer
// leads that unit, muted the digest, or the unit has nobody reporting; the
// county's when the reader is no longer an admin. The language is the
// reader's of now.
func (s *Store) RefreshDigest(ctx context.Context, rc Recheck, p DigestPayload) (DigestPayload, error) {
	c, err := s.reader(ctx, p.ReaderID, rc.ChatID)
	if err != nil {
		return p, err
	}
	switch {
	case p.Leader != nil:
		d, err := s.refreshLeaderDigest(ctx, rc, c, p.Leader.UnitID)
		if err != nil {
			return p, err
		}
		p.Leader = &d
	case p.Admin != nil:
		if c.Role != RoleAdmin {
			return p, lapsed("the reader is no longer an admin")
		}
		cal, err := s.LoadCalendar(ctx)
		if err != nil {
			return p, err
		}
		d, err := s.AdminDigest(ctx, s.Now(), rc.Loc, cal)
		if err != nil {
			return p, err
		}
		p.Admin = &d
	default:
		return p, nil // nothing to compose: rendering refuses it
	}
	p.ReaderID, p.Lang = c.ID, c.Lang
	return p, nil
}

func (s *Store) refreshLeaderDigest(ctx context.Context, rc Recheck, c Cadre, unitID int64) (LeaderDigest, error) {
	if c.Role != RoleLeader || !c.MayActOnUnit(unitID) {
		return LeaderDigest{}, lapsed("the reader no longer leads the unit")
	}
	pref, err := s.GetDigestPref(ctx, c.ID)
	if err != nil {
		return LeaderDigest{}, err
	}
	if pref.Off {
		return LeaderDigest{}, lapsed("the reader muted the digest")
	}
	cal, err := s.LoadCalendar(ctx)
	if err != nil {
		return LeaderDigest{}, err
	}
	ds, err := s.LeaderDigests(ctx, []int64{unitID}, s.Now(), rc.Loc, cal)
	if err != nil {
		return LeaderDigest{}, err
	}
	d, ok := ds[unitID]
	if !ok {
		return LeaderDigest{}, lapsed("nobody in the unit reports any more")
	}
	return d, nil
}
