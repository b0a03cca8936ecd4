package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

// submittedReport files a report for name and month straight in the store.
func submittedReport(t *testing.T, h *harness, name string, p models.Period) int64 {
	t.Helper()
	ctx := context.Background()
	c := h.cadres[name]
	rep, err := h.st.OpenReport(ctx, c, p, h.clock.Now())
	if err == nil {
		_, err = h.st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "完成征收35户"}})
	}
	if err == nil {
		_, err = h.st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "完成签约"}})
	}
	if err == nil {
		_, err = h.st.Submit(ctx, rep.ID, c.ID)
	}
	if err != nil {
		t.Fatal(err)
	}
	return rep.ID
}

// November returned first, October second: still two months running. The
// talk is raised and the principal told, in one private message with the
// way to arrange it; a further return adds nothing.
func TestReturnedTwiceWhicheverMonthComesSecond(t *testing.T) {
	h := reportHarness(t)
	oct := submittedReport(t, h, "张三", nov.Prev())
	novID := submittedReport(t, h, "张三", nov)
	got := h.say("李书记", fmt.Sprintf("/return %d 数字不准", novID))
	mustContain(t, "November returned", got, "已退回")
	mustLack(t, "one month returned", got, "连续两个月")
	got = h.say("李书记", fmt.Sprintf("/return %d 请补充户数", oct))
	mustContain(t, "October returned second", got, "已退回", "张三的月度实绩连续两个月（2026年10月、2026年11月）被退回", "发现问题苗头")
	button(t, got, "现在安排谈话")
	if n := strings.Count(joined(got), "连续两个月"); n != 1 {
		t.Errorf("told %d times:\n%s", n, joined(got))
	}
	tk := h.latestTalk(t, "张三")
	if tk.Reason != models.TalkEarlySign || tk.Status != models.TalkDue || tk.LeaderID != h.cadres["李书记"].ID {
		t.Fatalf("talk: %+v", tk)
	}
	// Resubmitted and returned again: the owed talk takes the note, nobody is told again.
	if _, err := h.st.Submit(context.Background(), oct, h.cadres["张三"].ID); err != nil {
		t.Fatal(err)
	}
	got = h.say("李书记", fmt.Sprintf("/return %d 仍缺数字", oct))
	mustLack(t, "a third return", got, "连续两个月")
	if again := h.latestTalk(t, "张三"); again.ID != tk.ID || !strings.Contains(again.Note, "仍缺数字") {
		t.Errorf("a third return opened another talk or lost the note: %+v", again)
	}
}
