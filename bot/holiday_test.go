package bot

import (
	"context"
	"testing"
	"time"
)

// An admin's holiday moves the deadline at once: no restart, no cache.
func TestHolidayMovesTheDeadline(t *testing.T) {
	h := reportHarness(t)
	mustContain(t, "before", h.say("张三", "/report"), "截止 11月30日 18:00")
	mustContain(t, "add", h.say("周部长", "/holiday add 2026-11-30 临时放假"), "已将 2026-11-30 设为节假日")
	mustContain(t, "after", h.say("张三", "/report"), "截止 11月27日 18:00")
	mustContain(t, "list", h.say("周部长", "/holiday"), "2026-11-30 周一 节假日 临时放假（管理员设置）", "2026-10-01")
	mustContain(t, "make-up Saturday", h.say("周部长", "/holiday add 2026-11-28 workday"), "调休上班日")
	mustContain(t, "Saturday now last workday", h.say("张三", "/report"), "截止 11月28日 18:00")
	mustContain(t, "del", h.say("周部长", "/holiday del 2026-11-28"), "已撤销")
	mustContain(t, "del again", h.say("周部长", "/holiday del 2026-11-28"), "没有管理员设置")
	mustContain(t, "bad date", h.say("周部长", "/holiday add 2026-02-30"), "不是有效日期")
}

func TestAdminsSetTheDeadlineRule(t *testing.T) {
	h := reportHarness(t)
	mustContain(t, "default", h.say("周部长", "/due"), "每月最后一个工作日 18:00", "11月30日 18:00")
	mustContain(t, "day 5", h.say("周部长", "/due day 5 17:00"), "次月 5 日 17:00", "12月4日 17:00") // 5 Dec 2026 is a Saturday
	mustContain(t, "cadre sees it", h.say("张三", "/report"), "截止 12月4日 17:00")
	mustContain(t, "bad", h.say("周部长", "/due day 40 17:00"), "用法")
	mustContain(t, "back", h.say("周部长", "/due last 18:00"), "11月30日 18:00")
}

// November's deadline was announced (a reminder named it): a holiday on
// that day leaves it where it was, the admin is told so, and a report
// handed in on the Saturday after the day the deadline would have moved
// to is on time. An explicit change of the rule still applies.
func TestHolidayKeepsAnAnnouncedDeadline(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	due := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)       // 18:00 in Shanghai
	if _, err := h.st.KeepDeadline(ctx, nov, due); err != nil { // what the first reminder does
		t.Fatal(err)
	}
	got := h.say("周部长", "/holiday add 2026-11-30 临时放假")
	mustContain(t, "add", got, "设为节假日", "2026年11月月度实绩的截止时间已公布为11月30日 18:00", "不因这次调整而改变")
	h.clock.Set(time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)) // Saturday 10:00
	id := fillAndSubmit(t, h)
	if rep, _ := h.st.GetReport(ctx, id); rep.Late || !rep.DueAt.Equal(due) {
		t.Errorf("handed in before the announced deadline: late %v, due %v", rep.Late, rep.DueAt)
	}
	mustContain(t, "the rule set again", h.say("周部长", "/due last 18:00"), "11月27日 18:00")
}

// On the deadline's own day the deadline is announced whatever the
// reminders did: a holiday added that morning does not make everyone late.
func TestHolidayOnTheDeadlineDayItself(t *testing.T) {
	h := reportHarness(t)
	h.clock.Set(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)) // Monday 08:00
	mustContain(t, "add", h.say("周部长", "/holiday add 2026-11-30"), "截止时间已公布为11月30日 18:00")
	got := h.say("张三", "/report")
	mustContain(t, "report", got, "截止 11月30日 18:00")
	mustLack(t, "report", got, "已过截止时间")
	// Deleting it moves nothing either.
	mustContain(t, "del", h.say("周部长", "/holiday del 2026-11-30"), "已撤销")
	mustContain(t, "still", h.say("张三", "/report"), "截止 11月30日 18:00")
}
