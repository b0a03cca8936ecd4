package bot

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// convData is what a flow remembers between messages. Flows use the
// fields they need; everything is ids, never copies of rows.
type convData struct {
	ReportID  int64   `json:"report_id,omitempty"`
	Version   int     `json:"version,omitempty"`
	Checklist []int64 `json:"checklist,omitempty"` // last month's plan items still to answer
	LastItem  int64   `json:"last_item,omitempty"` // the item a remark attaches to
	// The check-up: the cadre and dimension a concern, a finding or a
	// decision is about, and a finding's fact and reference as typed.
	ReviewCadre int64  `json:"review_cadre,omitempty"`
	ReviewDim   string `json:"review_dim,omitempty"`
	FindFact    string `json:"find_fact,omitempty"`
	FindRef     string `json:"find_ref,omitempty"`
	// A contest figure below the last one, awaiting the reporter's 确认.
	TaskID  int64   `json:"task_id,omitempty"`
	Seq     int     `json:"seq,omitempty"`
	Value   float64 `json:"value,omitempty"`
	Raw     string  `json:"raw,omitempty"`
	Note    string  `json:"note,omitempty"`
	CadreID int64   `json:"cadre_id,omitempty"` // the cadre an annual assessment is about
}

// conv loads the chat's conversation; ok is false when there is none.
func (r *request) conv() (models.Conversation, convData, bool, error) {
	c, err := r.tx.GetConversation(r.ctx, r.in.chatID)
	if errors.Is(err, models.ErrNotFound) {
		return c, convData{}, false, nil
	}
	if err != nil {
		return c, convData{}, false, err
	}
	var d convData
	if c.Data != "" {
		if err := json.Unmarshal([]byte(c.Data), &d); err != nil {
			return c, convData{}, false, fmt.Errorf("conversation of chat %d: %w", r.in.chatID, err)
		}
	}
	return c, d, true, nil
}

// setConv moves the chat to a flow's step.
func (r *request) setConv(flow, step string, d convData) error {
	b, _ := json.Marshal(d)
	return r.tx.SaveConversation(r.ctx, models.Conversation{ChatID: r.in.chatID, Flow: flow, Step: step, Data: string(b)})
}

func (r *request) endConv() error {
	_, err := r.tx.EndConversation(r.ctx, r.in.chatID)
	return err
}

// routeText hands plain text to the flow the person is in.
func routeText(r *request) ([]telegram.Message, error) {
	if r.in.nonText {
		return r.say("text_only"), nil
	}
	c, d, ok, err := r.conv()
	if err != nil {
		return nil, err
	}
	if ok && c.Flow == flowTraining {
		return trainingText(r, c.Step)
	}
	// Six digits while a session takes check-ins is a code from its screen;
	// inside another conversation only when the sender is invited to one.
	if models.IsCheckinCode(r.in.text) {
		anyOpen, mine, err := r.tx.CheckinOpen(r.ctx, r.me.ID)
		if err != nil {
			return nil, err
		}
		if mine || (anyOpen && !ok) {
			return checkin(r, r.in.text)
		}
	}
	if !ok {
		return r.say("plain_text_hint"), nil
	}
	switch c.Flow {
	case flowReport:
		return reportText(r, c.Step, d)
	case flowReturn:
		return returnComment(r, d)
	case flowTalk:
		return talkText(r, c.Step)
	case flowReview:
		return reviewText(r, c.Step, d)
	case flowFinding:
		return findingText(r, c.Step, d)
	case flowProgress:
		return progressText(r, d)
	case flowAssess:
		return assessText(r, d)
	}
	return r.say("plain_text_hint"), r.endConv()
}
