package models

import (
	"context"
	"fmt"
)

// KindTalkReturnedTwice tells a talk's holder that a talk became owed
// because a cadre's reports of two months running were returned: the
// only time they are told why, so it is written once, when the talk is
// raised, from chat and from the web console alike.
const KindTalkReturnedTwice = "talk_returned_twice"

// TalkReturnedTwice is the payload of KindTalkReturnedTwice.
type TalkReturnedTwice struct {
	LeaderID int64  `json:"leader_id"` // the reader, the talk's holder
	Lang     string `json:"lang"`
	TalkID   int64  `json:"talk_id"`
	Cadre    string `json:"cadre"`
	First    string `json:"first"`  // the earlier month returned, 2006-01
	Second   string `json:"second"` // the later one
	Reason   string `json:"reason"`
	DueBy    string `json:"due_by"` // 2006-01-02
}

// returnedTwice raises the talk owed when rep and the report of a month
// next to it have both been returned, whichever was returned second, and
// tells the talk's holder. A talk of that reason already owed takes the
// note instead, and nobody is told again.
func (s *Store) returnedTwice(ctx context.Context, rep Report, comment string) error {
	p, err := ParsePeriod(rep.Period)
	if err != nil {
		return err
	}
	other, twice, err := s.ReturnedNextTo(ctx, rep.CadreID, p)
	if err != nil || !twice {
		return err
	}
	talk, created, err := s.RaiseTriggered(ctx, TriggerReturnedTwice, rep.CadreID, comment)
	if err != nil || !created {
		return err
	}
	row, err := s.TalkRowByID(ctx, talk.ID)
	if err != nil || row.LeaderChatID == nil {
		return err
	}
	first, second := other, p
	if p.Before(other) {
		first, second = p, other
	}
	n := TalkReturnedTwice{LeaderID: row.LeaderID, Lang: row.LeaderLang, TalkID: talk.ID, Cadre: row.CadreName,
		First: first.String(), Second: second.String(), Reason: talk.Reason, DueBy: talk.DueBy}
	return s.enqueueJSON(ctx, *row.LeaderChatID, KindTalkReturnedTwice, fmt.Sprintf("talk:returned_twice:%d", talk.ID), n)
}

// RefreshTalkReturnedTwice re-checks the notice at send time. It lapses
// once the talk is no longer owed by the reader — arranged, held,
// cancelled or handed to someone else: whoever did that knows of it — or
// when the reader no longer uses the chat. Names and language are
// today's. One query.
func (s *Store) RefreshTalkReturnedTwice(ctx context.Context, rc Recheck, p TalkReturnedTwice) (TalkReturnedTwice, error) {
	t, err := s.talkToRecheck(ctx, p.TalkID)
	if err != nil {
		return p, err
	}
	switch {
	case t.Status != TalkDue:
		return p, lapsed("the talk is " + t.Status)
	case t.LeaderID != p.LeaderID || t.LeaderChatID == nil || *t.LeaderChatID != rc.ChatID:
		return p, lapsed("the reader no longer holds the talk or uses this chat")
	}
	p.Lang, p.Cadre, p.DueBy = t.LeaderLang, t.CadreName, t.DueBy
	return p, nil
}
