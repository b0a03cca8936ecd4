package bot

import "testing"

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
