package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm/clause"

	"github.com/ganshi/ganshi/texts"
)

// Where a life event was recorded.
const (
	EventFromChat   = "chat"
	EventFromImport = "import"
)

// LifeEvent is something in a cadre's working or family life that calls
// for a talk: a change of post, a major setback, a family crisis, early
// signs of a problem. Recording one makes a talk owed by the cadre's
// principal. The note is confidential like a talk's record.
type LifeEvent struct {
	ID        int64  `gorm:"primaryKey"`
	CadreID   int64  `gorm:"not null;uniqueIndex:idx_event_cadre_reason_day,priority:1"`
	Reason    string `gorm:"size:16;not null;uniqueIndex:idx_event_cadre_reason_day,priority:2"`
	Day       string `gorm:"size:10;not null;uniqueIndex:idx_event_cadre_reason_day,priority:3"` // 2006-01-02
	Note      string `gorm:"type:text"`
	Source    string `gorm:"size:16;not null"`
	ActorID   *int64
	TalkID    *int64
	CreatedAt time.Time
}

// NewEvent is a life event to record.
type NewEvent struct {
	CadreID int64
	Reason  string
	Day     string // 2006-01-02; "": today
	Note    string
	Source  string
	ActorID *int64
}

// EventRecorded is what RecordEvent did.
type EventRecorded struct {
	Event   LifeEvent
	Talk    Talk // the talk the event calls for
	Known   bool // the same cadre, reason and day were recorded before
	NewTalk bool // the talk was made owed now (not already owed for that reason)
}

// RecordEvent stores a life event and makes the talk it calls for owed
// from the later of its day and today; a talk already owed for that reason
// takes the note instead. The same cadre, reason and day recorded again
// changes nothing and is reported as Known.
func (s *Store) RecordEvent(ctx context.Context, n NewEvent) (EventRecorded, error) {
	if !isEventReason(n.Reason) {
		return EventRecorded{}, fmt.Errorf("record event: reason %q is not a life event", n.Reason)
	}
	var out EventRecorded
	err := s.Tx(ctx, func(tx *Store) error {
		today, err := tx.Today(ctx)
		if err != nil {
			return err
		}
		if n.Day == "" {
			n.Day = today
		}
		ev := LifeEvent{CadreID: n.CadreID, Reason: n.Reason, Day: n.Day, Note: n.Note, Source: n.Source, ActorID: n.ActorID}
		res := tx.with(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&ev)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			out.Known = true
			if err := tx.with(ctx).Where("cadre_id = ? AND reason = ? AND day = ?", n.CadreID, n.Reason, n.Day).Take(&ev).Error; err != nil {
				return err
			}
			out.Event = ev
			if ev.TalkID != nil {
				out.Talk, err = tx.GetTalk(ctx, *ev.TalkID)
				return err
			}
		}
		out.Talk, out.NewTalk, err = tx.openTalk(ctx, talkSpec{cadreID: n.CadreID, reason: n.Reason, note: n.Note,
			source: TalkFromEvent, from: max(n.Day, today), actor: n.ActorID, mergeWithOpenOfReason: true})
		if err != nil {
			return err
		}
		ev.TalkID = &out.Talk.ID
		out.Event = ev
		return tx.with(ctx).Model(&ev).Update("talk_id", out.Talk.ID).Error
	})
	if err != nil {
		return EventRecorded{}, fmt.Errorf("record event of cadre %d: %w", n.CadreID, err)
	}
	return out, nil
}

// CadreEvents lists a cadre's life events, newest first.
func (s *Store) CadreEvents(ctx context.Context, cadreID int64) ([]LifeEvent, error) {
	var es []LifeEvent
	if err := s.with(ctx).Where("cadre_id = ?", cadreID).Order("day DESC, id DESC").Find(&es).Error; err != nil {
		return nil, fmt.Errorf("events of cadre %d: %w", cadreID, err)
	}
	return es, nil
}

func isEventReason(r string) bool {
	for _, x := range EventReasons {
		if r == x {
			return true
		}
	}
	return false
}

// EventLine is one line of an events file.
type EventLine struct {
	Line       int
	ExternalID string
	Reason     string
	Day        string
	Note       string
}

// EventProblems lists what is wrong with an events file, one line each.
type EventProblems = LineProblems

// ParseEventsCSV reads lines of external_id,reason,date,note (a header line
// is optional, # starts a comment, the note may be left out). The whole
// file is checked: any problem returns EventProblems and no lines.
func ParseEventsCSV(data []byte) ([]EventLine, error) {
	var lines []EventLine
	seen := map[string]int{}
	err := readImport(data, "external_id", "events", func(line int, rec []string) texts.Msg {
		l, msg := parseEventRecord(line, rec)
		key := l.ExternalID + "," + l.Reason + "," + l.Day
		if msg.Key == "" && seen[key] > 0 {
			msg = texts.M("events_dup", seen[key])
		}
		if msg.Key == "" {
			seen[key] = line
			lines = append(lines, l)
		}
		return msg
	})
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, EventProblems{Problem(1, "events_empty")}
	}
	return lines, nil
}

func parseEventRecord(line int, rec []string) (EventLine, texts.Msg) {
	if len(rec) < 3 || len(rec) > 4 {
		return EventLine{}, texts.M("events_fields", len(rec))
	}
	l := EventLine{Line: line, ExternalID: strings.TrimSpace(rec[0])}
	if l.ExternalID == "" {
		return l, texts.M("events_no_id")
	}
	reason, ok := ParseTalkReason(rec[1])
	if !ok || !isEventReason(reason) {
		return l, texts.M("events_bad_reason", strings.TrimSpace(rec[1]))
	}
	l.Reason = reason
	day, msg := normalizeDate(rec[2])
	if msg.Key != "" {
		return l, msg
	}
	l.Day = day
	if len(rec) == 4 {
		l.Note = strings.TrimSpace(rec[3])
	}
	if utf8.RuneCountInString(l.Note) > 500 {
		return l, texts.M("events_note_long")
	}
	return l, texts.Msg{}
}

// EventsImported says what an import did.
type EventsImported struct {
	New, Known int // events recorded now, and already recorded before
	Talks      int // talks newly made owed
	TalkIDs    []int64
}

// ImportEvents checks every line against the roster (the cadre exists, is
// active and has a principal to hold the talk) and, when all are right,
// records them in one transaction. Problems come back as EventProblems
// and nothing is written.
func (s *Store) ImportEvents(ctx context.Context, lines []EventLine, actor *int64) (EventsImported, error) {
	ids, probs, err := s.checkEventLines(ctx, lines)
	if err != nil {
		return EventsImported{}, fmt.Errorf("import events: %w", err)
	}
	if len(probs) > 0 {
		return EventsImported{}, GroupLineProblems(probs)
	}
	var sum EventsImported
	err = s.Tx(ctx, func(tx *Store) error {
		for i, l := range lines {
			rec, err := tx.RecordEvent(ctx, NewEvent{CadreID: ids[i], Reason: l.Reason, Day: l.Day, Note: l.Note,
				Source: EventFromImport, ActorID: actor})
			if err != nil {
				return fmt.Errorf("line %d: %w", l.Line, err)
			}
			if rec.Known {
				sum.Known++
				continue
			}
			sum.New++
			if rec.NewTalk {
				sum.Talks++
				sum.TalkIDs = append(sum.TalkIDs, rec.Talk.ID)
			}
		}
		return tx.Audit(ctx, actor, "events.import", "", fmt.Sprintf("%d new, %d known, %d talks", sum.New, sum.Known, sum.Talks))
	})
	if err != nil {
		return EventsImported{}, fmt.Errorf("import events: %w", err)
	}
	return sum, nil
}

// checkEventLines finds each line's cadre and lists every line whose
// cadre is unknown, inactive or without a principal.
func (s *Store) checkEventLines(ctx context.Context, lines []EventLine) ([]int64, EventProblems, error) {
	var (
		probs EventProblems
		ids   = make([]int64, len(lines))
	)
	for i, l := range lines {
		c, err := s.CadreByExternalID(ctx, l.ExternalID)
		switch {
		case errors.Is(err, ErrNotFound):
			probs = append(probs, Problem(l.Line, "events_no_cadre", l.ExternalID))
			continue
		case err != nil:
			return nil, nil, err
		case !c.Active:
			probs = append(probs, Problem(l.Line, "events_inactive", c.Name, l.ExternalID))
			continue
		}
		if _, err := s.principalOf(ctx, c); errors.Is(err, ErrNoPrincipal) {
			probs = append(probs, Problem(l.Line, "events_no_principal", c.Name, l.ExternalID))
			continue
		} else if err != nil {
			return nil, nil, err
		}
		ids[i] = c.ID
	}
	return ids, probs, nil
}
