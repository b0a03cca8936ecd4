package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Notification kinds written when a principal (or the department) judges a
// report, from chat or from the web console alike; the bot renders them
// in the reader's language when it sends them.
const (
	KindReportJudged  = "report_judged"  // to the report's owner: signed, returned or reopened
	KindReportPosting = "report_posting" // to the unit's group: the signed report (公示)
)

// What happened to a report, as KindReportJudged says it.
const (
	JudgedSigned   = "signed"
	JudgedReturned = "returned"
	JudgedReopened = "reopened"
)

// ReportJudged is the payload of KindReportJudged.
type ReportJudged struct {
	OwnerID  int64  `json:"owner_id,omitempty"` // the reader; 0 in payloads written before it was kept
	Lang     string `json:"lang"`
	ReportID int64  `json:"report_id"`
	Period   string `json:"period"`
	Outcome  string `json:"outcome"`
	By       string `json:"by"`                // who signed or returned it
	Comment  string `json:"comment,omitempty"` // the return's comment or the reopening's reason
}

// ReportPosting is the payload of KindReportPosting: the signed report as
// the unit's group sees it, complete, so rendering reads nothing else.
type ReportPosting struct {
	ReportID    int64        `json:"report_id"`
	Period      string       `json:"period"`
	Status      string       `json:"status"`
	Owner       string       `json:"owner"`
	Unit        string       `json:"unit"`
	Position    string       `json:"position"`
	Duty        string       `json:"duty"`
	Items       []ReportItem `json:"items"`
	Signer      string       `json:"signer"`
	SelfSigned  bool         `json:"self_signed"`
	SignedAt    *time.Time   `json:"signed_at"`
	DiscussedOn string       `json:"discussed_on,omitempty"`
}

// tellOwner writes KindReportJudged to the report's owner, unless the
// owner did it or cannot be reached in chat. The key carries the report's
// version, which each state change bumps: the same change never tells
// twice, a later one always does.
func (s *Store) tellOwner(ctx context.Context, rep Report, actor Cadre, outcome, comment string) error {
	owner, err := s.GetCadre(ctx, rep.CadreID)
	if err != nil || owner.ID == actor.ID || owner.ChatID == nil {
		return err
	}
	p := ReportJudged{OwnerID: owner.ID, Lang: owner.Lang, ReportID: rep.ID, Period: rep.Period, Outcome: outcome, By: actor.Name, Comment: comment}
	key := fmt.Sprintf("report:%s:%d:v%d", outcome, rep.ID, rep.Version)
	return s.enqueueJSON(ctx, *owner.ChatID, KindReportJudged, key, p)
}

// postToGroup writes the signed report to its unit's group, if the unit
// has bound one.
func (s *Store) postToGroup(ctx context.Context, rep Report) error {
	u, err := s.GetUnit(ctx, rep.UnitID)
	if err != nil || u.GroupChatID == nil {
		return err
	}
	owner, err := s.GetCadre(ctx, rep.CadreID)
	if err != nil {
		return err
	}
	its, err := s.ReportItems(ctx, rep.ID)
	if err != nil {
		return err
	}
	p := ReportPosting{ReportID: rep.ID, Period: rep.Period, Status: rep.Status, Owner: owner.Name, Unit: u.Name,
		Position: owner.Position, Duty: owner.Duty, Items: its, SelfSigned: rep.SelfSigned, SignedAt: rep.SignedAt,
		DiscussedOn: rep.DiscussedOn}
	if rep.SignedByID != nil {
		signer, err := s.GetCadre(ctx, *rep.SignedByID)
		if err != nil {
			return err
		}
		p.Signer = signer.Name
	}
	key := fmt.Sprintf("report:posting:%d:v%d", rep.ID, rep.Version)
	return s.enqueueJSON(ctx, *u.GroupChatID, KindReportPosting, key, p)
}

func (s *Store) enqueueJSON(ctx context.Context, chatID int64, kind, key string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	// What a person's act tells others goes ahead of bulk rows, as the
	// bot's own replies do: from chat and from the web alike.
	_, err = s.Enqueue(ctx, &Notification{ChatID: chatID, Kind: kind, Payload: string(b), DedupKey: key, Lane: LaneReply})
	return err
}

// RefreshReportJudged re-checks a notice to a report's owner at send
// time. What it tells — signed, returned with a comment, reopened — is an
// event and stays true whatever happened since (a returned report already
// resubmitted was still returned, and the comment is only told here), so
// it never lapses for the report's sake; it lapses only when the reader
// no longer reads the chat (unbound, deactivated), like every kind. The
// language is today's. One query.
func (s *Store) RefreshReportJudged(ctx context.Context, rc Recheck, p ReportJudged) (ReportJudged, error) {
	owner, err := s.reader(ctx, p.OwnerID, rc.ChatID)
	if err != nil {
		return p, err
	}
	p.OwnerID, p.Lang = owner.ID, owner.Lang
	return p, nil
}

// RefreshReportPosting re-checks a signed report's posting to its unit's
// group (公示). It lapses when the report no longer carries the signature
// posted (reopened for a correction: the corrected report is posted when
// it is signed again) or the unit's group is no longer this chat. Other
// changes since (the discussion's date) do not stop it. Two queries.
func (s *Store) RefreshReportPosting(ctx context.Context, rc Recheck, p ReportPosting) (ReportPosting, error) {
	rep, err := s.GetReport(ctx, p.ReportID)
	switch {
	case errors.Is(err, ErrNotFound):
		return p, lapsed("the report no longer exists")
	case err != nil:
		return p, err
	case rep.Status != ReportSigned || rep.SignedAt == nil || p.SignedAt == nil || rep.SignedAt.Sub(*p.SignedAt).Abs() >= time.Second:
		// Within a second, not equal: PostgreSQL keeps microseconds.
		return p, lapsed("the report was reopened since it was signed")
	}
	u, err := s.GetUnit(ctx, rep.UnitID)
	if err != nil {
		return p, err
	}
	if u.GroupChatID == nil || *u.GroupChatID != rc.ChatID {
		return p, lapsed("the unit's group is no longer this chat")
	}
	return p, nil
}
