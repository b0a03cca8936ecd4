package models

import (
	"context"
	"fmt"
)

// OpenTalkRecord decides whether reader may read the talk's record and,
// when an admin who did not hold the talk reads it, writes the audit entry
// first. Chat and the web console both call it before showing a record, so
// every admin read is audited whichever edge showed it.
func (s *Store) OpenTalkRecord(ctx context.Context, reader Cadre, t TalkRow) (bool, error) {
	if !reader.MayReadTalkRecord(t.Talk) {
		return false, nil
	}
	if reader.ID == t.LeaderID {
		return true, nil
	}
	if err := s.Audit(ctx, &reader.ID, "talk.record.view", fmt.Sprintf("talk:%d", t.ID), t.CadreExternalID); err != nil {
		return false, err
	}
	return true, nil
}
