package bot

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// rowOf is the one notification of kind written to chatID.
func (h *harness) rowOf(kind string, chatID int64) models.Notification {
	h.t.Helper()
	var n models.Notification
	if err := h.st.DB().Where("kind = ? AND chat_id = ?", kind, chatID).Order("id DESC").Take(&n).Error; err != nil {
		h.t.Fatalf("no %s to chat %d: %v", kind, chatID, err)
	}
	return n
}

// A judged report's notice to its owner tells an event: held until after
// the report was reopened it still says it was signed. It lapses only
// when the owner no longer reads the chat. The group's posting (公示) of a
// signature that was undone lapses: the corrected report is posted when
// it is signed again.
func TestJudgedNoticeIsAnEventPostingFollowsTheSignature(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	h.inGroup(-700, "周部长", "/bindgroup 城关镇")
	id := fillAndSubmit(t, h)
	mustContain(t, "/sign", h.say("李书记", fmt.Sprintf("/sign %d", id)), "已签字确认")
	signed, posting := h.rowOf(models.KindReportJudged, *h.cadres["张三"].ChatID), h.rowOf(models.KindReportPosting, -700)
	render := Renderer(h.r.loc)
	if ms, err := render(ctx, h.st, posting); err != nil || len(ms) != 1 {
		t.Fatalf("posting of a signed report: %+v %v", ms, err)
	}
	mustContain(t, "/reopen", h.say("周部长", fmt.Sprintf("/reopen %d 数字有误", id)), "张三")
	ms, err := render(ctx, h.st, signed)
	if err != nil {
		t.Fatalf("the signed notice after reopening: %v", err)
	}
	mustContain(t, "signed notice", ms, "2026年11月", "李书记")
	if _, err := render(ctx, h.st, posting); !errors.Is(err, models.ErrLapsed) {
		t.Errorf("posting of a reopened report: %v, want lapsed", err)
	}
	if err := h.st.Unbind(ctx, h.cadres["张三"].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := render(ctx, h.st, signed); !errors.Is(err, models.ErrLapsed) {
		t.Errorf("the signed notice to a chat no longer the owner's: %v, want lapsed", err)
	}
}

// The principal's notice that two returns made a talk owed goes out while
// the talk waits to be arranged, and lapses once it is.
func TestReturnedTwiceNoticeLapsesOnceArranged(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	for _, p := range []models.Period{nov.Prev(), nov} {
		h.say("李书记", fmt.Sprintf("/return %d 数字不准", submittedReport(t, h, "张三", p)))
	}
	n := h.rowOf(models.KindTalkReturnedTwice, *h.cadres["李书记"].ChatID)
	render := Renderer(h.r.loc)
	ms, err := render(ctx, h.st, n)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "returned twice", ms, "连续两个月（2026年10月、2026年11月）")
	tk := h.latestTalk(t, "张三")
	if _, err := h.st.ScheduleTalk(ctx, tk.ID, tk.Version, tk.LeaderID, h.clock.Now().Add(48*time.Hour), "会议室"); err != nil {
		t.Fatal(err)
	}
	if _, err := render(ctx, h.st, n); !errors.Is(err, models.ErrLapsed) {
		t.Errorf("after arranging the talk: %v, want lapsed", err)
	}
}
