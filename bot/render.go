package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// notices is the one table of notification kinds: for each, its payload
// type, its re-check against the data of now (in models) and how it
// looks. Adding a kind is one entry (and the job that writes it declares
// it in jobs.Registry). Replies and menus (sender.KindText) are stored
// ready-made and are never re-checked: they answer something the reader
// just did, or set up their chat.
var notices = map[string]notice{
	sender.KindText:           ready{},
	models.KindReportReminder: kind[models.ReportReminder]{(*models.Store).RefreshReportReminder, one(reminderMessage)},
	models.KindReportMissing:  kind[models.ReportMissing]{(*models.Store).RefreshReportMissing, one(missingMessage)},
	models.KindTalkReminder:   kind[models.TalkReminder]{(*models.Store).RefreshTalkReminder, zoned(talkReminderMessage)},
	models.KindTalkDue:        kind[models.TalksOwed]{(*models.Store).RefreshTalksOwed, zoned(talksOwedMessage)},
	models.KindTalkUnrecorded: kind[models.TalkUnrecorded]{(*models.Store).RefreshTalkUnrecorded, zoned(talkUnrecordedMessage)},
	models.KindDigestLeader:   kind[models.DigestPayload]{(*models.Store).RefreshDigest, digestMessages},
	models.KindDigestAdmin:    kind[models.DigestPayload]{(*models.Store).RefreshDigest, digestMessages},
	models.KindContestPrompt:  kind[models.ContestPrompt]{(*models.Store).RefreshContestPrompt, one(contestPromptMessage)},
	models.KindContestMeeting: kind[models.ContestMeetingNotice]{(*models.Store).RefreshContestMeeting, meetingMessages},
	// Care and correction reminders lapse once muted, done or answered.
	models.KindCareLeave:        kind[models.CareLeaveNotice]{(*models.Store).RefreshCareLeave, zoned(careLeaveMessage)},
	models.KindCareLeaveUnit:    kind[models.CareLeaveUnitNotice]{(*models.Store).RefreshCareLeaveUnit, zoned(careLeaveUnitMessage)},
	models.KindCareCheckup:      kind[models.CareCheckupNotice]{(*models.Store).RefreshCareCheckup, zoned(careCheckupMessage)},
	models.KindCareRest:         kind[models.CareRestNotice]{(*models.Store).RefreshCareRest, zoned(careRestMessage)},
	models.KindCorrectionRemind: kind[models.CorrectionNotice]{(*models.Store).RefreshCorrection, zoned(correctionMessage)},
	models.KindAnnualRound:      kind[models.AnnualRound]{(*models.Store).RefreshAnnualRound, zoned(annualRoundMessage)},
	// What a principal's (or the department's) act on a report tells,
	// from chat or the web console: events, which stay true — they lapse
	// only when the reader no longer reads the chat, or a posting whose
	// signature was undone (see each Refresh…).
	models.KindReportJudged:      kind[models.ReportJudged]{(*models.Store).RefreshReportJudged, zoned(judgedMessage)},
	models.KindReportPosting:     kind[models.ReportPosting]{(*models.Store).RefreshReportPosting, one(postingMessage)},
	models.KindTalkReturnedTwice: kind[models.TalkReturnedTwice]{(*models.Store).RefreshTalkReturnedTwice, zoned(returnedTwiceMessage)},
	// The quarterly check-up: a respondent's prompt and one reminder; a
	// cadre's confirmed item (及时警示).
	models.KindReviewPrompt: kind[models.ReviewPrompt]{(*models.Store).RefreshReviewPrompt, zoned(reviewPromptMessage)},
	models.KindReviewItem:   kind[models.ReviewItemNotice]{(*models.Store).RefreshReviewItem, zoned(reviewItemMessage)},
	// Training: the invitation, its reminders and its changes re-read the
	// session (a cancelled or moved one lapses what it superseded).
	models.KindTrainingInvite:   kind[models.TrainingNotice]{(*models.Store).RefreshTrainingInvite, zoned(trainingInviteMessage)},
	models.KindTrainingReminder: kind[models.TrainingNotice]{(*models.Store).RefreshTrainingReminder, zoned(trainingReminderMessage)},
	models.KindTrainingChange:   kind[models.TrainingNotice]{(*models.Store).RefreshTrainingChange, zoned(trainingChangeMessage)},
	models.KindLectureDue:       kind[models.LectureDue]{(*models.Store).RefreshLectureDue, zoned(lectureDueMessage)},
}

// Renders tells whether kind is a notification kind of the table, so that
// cmd can check that every kind a job writes can be shown.
func Renders(kind string) bool {
	_, ok := notices[kind]
	return ok
}

// Renderer is the sender's Config.Render: it turns an outbox notification
// into messages just before it is sent, in the reader's language. What a
// job wrote is first re-checked: a notification whose reason is gone
// comes back as models.ErrLapsed and is not sent; the rest show the
// figures of now. loc is where deadlines are reckoned and shown.
func Renderer(loc *time.Location) func(context.Context, *models.Store, models.Notification) ([]telegram.Message, error) {
	return func(ctx context.Context, st *models.Store, n models.Notification) ([]telegram.Message, error) {
		k, ok := notices[n.Kind]
		if !ok {
			return nil, sender.Unrenderable("unknown notification kind %q", n.Kind)
		}
		// A message cut into parts is finished as it began.
		if n.PartsSent > 0 {
			return k.stored(n, loc)
		}
		return k.fresh(ctx, st, n, loc)
	}
}

// notice renders one kind of notification.
type notice interface {
	// fresh re-checks the payload against the store, then renders it.
	fresh(ctx context.Context, st *models.Store, n models.Notification, loc *time.Location) ([]telegram.Message, error)
	// stored renders the payload as it was written.
	stored(n models.Notification, loc *time.Location) ([]telegram.Message, error)
}

// kind is a notification kind a job writes, with payload P.
type kind[P any] struct {
	refresh func(*models.Store, context.Context, models.Recheck, P) (P, error)
	look    func(P, *time.Location) ([]telegram.Message, error)
}

func (k kind[P]) decode(n models.Notification) (P, error) {
	var p P
	if err := json.Unmarshal([]byte(n.Payload), &p); err != nil {
		return p, sender.Unrenderable("decode %s payload: %w", n.Kind, err)
	}
	return p, nil
}

func (k kind[P]) fresh(ctx context.Context, st *models.Store, n models.Notification, loc *time.Location) ([]telegram.Message, error) {
	p, err := k.decode(n)
	if err != nil {
		return nil, err
	}
	if p, err = k.refresh(st, ctx, models.Recheck{ChatID: n.ChatID, Loc: loc}, p); err != nil {
		return nil, fmt.Errorf("re-check %s: %w", n.Kind, err)
	}
	return k.look(p, loc)
}

func (k kind[P]) stored(n models.Notification, loc *time.Location) ([]telegram.Message, error) {
	p, err := k.decode(n)
	if err != nil {
		return nil, err
	}
	return k.look(p, loc)
}

// ready is a reply stored as the message itself.
type ready struct{}

func (ready) fresh(_ context.Context, _ *models.Store, n models.Notification, _ *time.Location) ([]telegram.Message, error) {
	return sender.Render(n)
}

func (ready) stored(n models.Notification, _ *time.Location) ([]telegram.Message, error) {
	return sender.Render(n)
}

// one adapts a renderer of one message shown in loc.
func one[P any](f func(P, *time.Location) telegram.Message) func(P, *time.Location) ([]telegram.Message, error) {
	return func(p P, loc *time.Location) ([]telegram.Message, error) { return []telegram.Message{f(p, loc)}, nil }
}

// zoned adapts a renderer of one message whose payload names its zone.
func zoned[P any](f func(P) telegram.Message) func(P, *time.Location) ([]telegram.Message, error) {
	return func(p P, _ *time.Location) ([]telegram.Message, error) { return []telegram.Message{f(p)}, nil }
}

// reminderMessage says which month, by when, what is still missing and
// what to do next, with a button that opens the report.
func reminderMessage(p models.ReportReminder, loc *time.Location) telegram.Message {
	period := periodText(p.Lang, mustPeriod(p.Period))
	due := p.DueAt.In(loc)
	when := texts.T(p.Lang, "when", int(due.Month()), due.Day(), due.Format("15:04"))
	var missing []string
	for _, m := range p.Missing {
		missing = append(missing, texts.T(p.Lang, "missing_"+m))
	}
	text := texts.T(p.Lang, "remind_"+p.Stage, esc(p.Name), period, when, strings.Join(missing, texts.T(p.Lang, "list_sep")))
	return telegram.Message{Text: text, Buttons: [][]telegram.Button{{
		{Text: texts.T(p.Lang, "btn_open_report"), Data: openReportData(p.Period)},
	}}}
}

func missingMessage(p models.ReportMissing, loc *time.Location) telegram.Message {
	names := make([]string, len(p.Names))
	for i, n := range p.Names {
		names[i] = esc(n)
	}
	due := p.DueAt.In(loc)
	when := texts.T(p.Lang, "when", int(due.Month()), due.Day(), due.Format("15:04"))
	return telegram.Message{Text: texts.T(p.Lang, "missing_to_principal", esc(p.Unit), periodText(p.Lang, mustPeriod(p.Period)), when,
		len(p.Names), strings.Join(names, texts.T(p.Lang, "digest_sep")))}
}
