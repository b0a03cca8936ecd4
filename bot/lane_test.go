package bot

import (
	"testing"

	"github.com/ganshi/ganshi/models"
)

// Everything the bot writes answers what a person just did — the reply in
// their chat and what it tells others (the principal asked to sign) — so
// it goes ahead of the jobs' bulk notifications.
func TestBotWritesInTheReplyLane(t *testing.T) {
	h := reportHarness(t)
	fillAndSubmit(t, h)
	var rows []models.Notification
	if err := h.st.DB().Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	leader := *h.cadres["李书记"].ChatID
	var toLeader bool
	for _, n := range rows {
		if n.Lane != models.LaneReply {
			t.Errorf("notification %s to chat %d in lane %d", n.DedupKey, n.ChatID, n.Lane)
		}
		toLeader = toLeader || n.ChatID == leader
	}
	if !toLeader {
		t.Fatal("the principal was not told; the test needs a message to someone else")
	}
}
