package browsertest

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ganshi/ganshi/models"
)

var sixDigits = regexp.MustCompile(`^\d{6}$`)

// code is the code the check-in screen shows now.
func (tb *tab) code() string {
	tb.w.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("[data-code]")))
	if err != nil {
		tb.w.t.Fatalf("%s reads the code: %v", tb.name, err)
	}
	return s
}

// The organiser's check-in screen shows a code the bot accepts from an
// invitee; its script fetches the next code when the shown one expires,
// and that one is accepted too. Someone not invited is refused.
func TestCheckinScreenCodeIsAcceptedByTheBot(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	lead := w.cadres["李书记"]
	unit := w.units["城关镇"]
	s, err := w.st.CreateTraining(ctx, models.NewTraining{Kind: models.TrainingLecture, Title: "学习贯彻全会精神专题党课",
		Place: "镇政府三楼会议室", StartsAt: w.st.Now().Add(5 * time.Minute), EndsAt: w.st.Now().Add(2 * time.Hour),
		OrganiserID: w.cadres["周部长"].ID, Lecturer: lead.Name, LecturerID: &lead.ID, Hours: 2, UnitID: &unit.ID})
	w.must(err)
	_, err = w.st.InviteToTraining(ctx, s.ID, []int64{w.cadres["张三"].ID, w.cadres["陈晓燕"].ID}, "Asia/Shanghai")
	w.must(err)
	w.told("张三", "学习贯彻全会精神专题党课")

	tb := w.login("周部长")
	if status := tb.open(fmt.Sprintf("/training/%d/screen", s.ID)); status != 200 {
		t.Fatalf("the screen answered %d", status)
	}
	tb.sees("the screen", "学习贯彻全会精神专题党课", "请把下面的签到码发给")
	tb.keep("training-screen")
	first := tb.code()
	if !sixDigits.MatchString(first) {
		t.Fatalf("the screen shows %q, not a code", first)
	}
	w.say("张三", first)
	w.told("张三", "签到成功")
	w.say("孙七", "/checkin "+first)
	w.told("孙七", "参训名单")

	// The script replaces the code when it expires (every 30 s).
	deadline := time.Now().Add(40 * time.Second)
	next := first
	for next == first && time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		next = tb.code()
	}
	if next == first || !sixDigits.MatchString(next) {
		t.Fatalf("the screen did not move on from %q: %q", first, next)
	}
	w.say("陈晓燕", next)
	w.told("陈晓燕", "签到成功")

	tb.open(fmt.Sprintf("/training/%d", s.ID))
	tb.sees("the attendance list", "张三", "陈晓燕", "已到")
}
