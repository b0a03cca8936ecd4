package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ganshi/ganshi/models"
)

// signedEvents counts the signatures a report has.
func (w *world) signedEvents(reportID int64) int64 {
	var n int64
	w.must(w.st.DB().Model(&models.ReportEvent{}).Where("report_id = ? AND kind = ?", reportID, "signed").Count(&n).Error)
	return n
}

func (w *world) report(name string) models.Report {
	w.t.Helper()
	rep, err := w.st.ReportFor(w.t.Context(), w.cadres[name].ID, nov)
	w.must(err)
	return rep
}

// The principal ticks a report, signs it on the web, and the cadre hears
// of it in chat while the unit's group is shown the report (公示), as
// when signing in chat.
func TestSigningOnTheWebIsToldInChat(t *testing.T) {
	w := newWorld(t)
	tb := w.login("李书记")
	tb.open("/reports")
	tb.sees("the unit's reports", "城关镇", "张三", "陈晓燕", "待签字")
	tb.keep("leader-reports")
	tb.do(chromedp.Click(chromedp.CSS(`input[aria-label="张三"]`)))
	if status := tb.press("form.bulk button.primary"); status != 200 {
		t.Fatalf("signing answered %d", status)
	}
	tb.sees("after signing", "已签字确认1份")
	w.told("张三", "您2026年11月的月度实绩已由李书记签字确认")
	posted := w.heard(groupChat, "月度实绩公示")
	if !strings.Contains(posted.Plain, "完成棚户区改造征收 35 户") || !strings.Contains(posted.Plain, "张三") {
		t.Errorf("the group's posting: %q", posted.Plain)
	}
	if rep := w.report("张三"); rep.Status != models.ReportSigned || w.signedEvents(rep.ID) != 1 {
		t.Errorf("张三's report after signing: %s, %d signatures", rep.Status, w.signedEvents(rep.ID))
	}
	if rep := w.report("陈晓燕"); rep.Status != models.ReportSubmitted {
		t.Errorf("an unticked report was signed too: %s", rep.Status)
	}
	tb.open(fmt.Sprintf("/reports/%d", w.report("张三").ID))
	tb.sees("the signed report", "已签字", "李书记签字确认于")
}

// A double click on 签字确认 signs once: one signature, one message.
func TestDoubleClickSignsOnce(t *testing.T) {
	w := newWorld(t)
	tb := w.login("李书记")
	rep := w.report("陈晓燕")
	tb.open(fmt.Sprintf("/reports/%d", rep.ID))
	tb.keep("leader-report")
	tb.press2(`form.inline button.primary`)
	w.told("陈晓燕", "签字确认")
	if n := w.signedEvents(rep.ID); n != 1 {
		t.Errorf("a double click made %d signatures", n)
	}
	var notices int64
	w.must(w.st.DB().Model(&models.Notification{}).Where("kind = ? AND payload LIKE ?", models.KindReportJudged,
		fmt.Sprintf(`%%"report_id":%d,%%`, rep.ID)).Count(&notices).Error)
	if notices != 1 {
		t.Errorf("the cadre is told %d times", notices)
	}
}

// A comment with <script> in it is shown as the text typed, on the page
// and in chat; no script runs.
func TestScriptInACommentIsShownAsText(t *testing.T) {
	w := newWorld(t)
	tb := w.login("李书记")
	rep := w.report("张三")
	tb.open(fmt.Sprintf("/reports/%d", rep.ID))
	comment := `<script>alert("x")</script>请写明户数`
	tb.do(chromedp.SendKeys(chromedp.CSS(`textarea[name=comment]`), comment))
	if status := tb.press(`form[action$="/return"] button`); status != 200 {
		t.Fatalf("returning answered %d", status)
	}
	tb.sees("the returned report", "已退回张三的月度实绩", comment)
	w.told("张三", comment)
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.dialogs) > 0 {
		t.Errorf("a script ran in the page: %q", tb.dialogs)
	}
}
