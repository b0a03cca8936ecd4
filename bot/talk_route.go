package bot

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// flowTalk is every talk conversation: arranging a time (steps "time",
// "place", "confirm", the rest in models.TalkPlan), a cadre's note asking
// for another time ("later:ID:VERSION"), a cancellation's reason
// ("cancel:ID") and writing a record ("rec:ID", the draft on the talk).
const flowTalk = "talk"

// Steps of flowTalk.
const (
	stepTalkTime    = "time"
	stepTalkPlace   = "place"
	stepTalkConfirm = "confirm"
	stepTalkLater   = "later"
	stepTalkCancel  = "cancel"
	stepTalkRecord  = "rec"
)

// maxTalkText bounds what one answer may hold.
const maxTalkText = 2000

// talkText hands plain text to the step of flowTalk the chat is in.
func talkText(r *request, step string) ([]telegram.Message, error) {
	text := strings.TrimSpace(r.in.text)
	if utf8.RuneCountInString(text) > maxTalkText {
		return r.say("too_long", maxTalkText), nil
	}
	name, rest, _ := strings.Cut(step, ":")
	ids := strings.Split(rest, ":")
	id, _ := strconv.ParseInt(ids[0], 10, 64)
	switch name {
	case stepTalkTime:
		return planTime(r, text)
	case stepTalkPlace:
		return planPlace(r, text)
	case stepTalkConfirm:
		return confirmTyped(r, text)
	case stepTalkLater:
		version := 0
		if len(ids) > 1 {
			version, _ = strconv.Atoi(ids[1])
		}
		return answerLater(r, id, version, text)
	case stepTalkCancel:
		return cancelTalk(r, id, text)
	case stepTalkRecord:
		t, err := r.tx.GetTalk(r.ctx, id)
		if errors.Is(err, models.ErrNotFound) {
			return r.say("plain_text_hint"), r.endConv()
		} else if err != nil {
			return nil, err
		}
		return recordAnswer(r, id, t.RecordStep, text)
	}
	return r.say("plain_text_hint"), r.endConv()
}

// setTalkStep moves the chat to a step of flowTalk.
func (r *request) setTalkStep(step string) error { return r.setConv(flowTalk, step, convData{}) }

// loadTalk reads a talk and its cadre; out is set when the talk is gone.
func loadTalk(r *request, id int64) (models.Talk, models.Cadre, []telegram.Message, error) {
	t, err := r.tx.GetTalk(r.ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		if r.in.callbackID != "" {
			return t, models.Cadre{}, r.stale(), nil
		}
		return t, models.Cadre{}, r.say("no_such_talk", id), nil
	}
	if err != nil {
		return t, models.Cadre{}, nil, err
	}
	c, err := r.tx.GetCadre(r.ctx, t.CadreID)
	return t, c, nil, err
}

// talkID reads "12" or "#12".
func talkID(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	return id, err == nil && id > 0
}
