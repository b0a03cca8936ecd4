package bot

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// 张三 joined the roster on 2 November: he may file October (still owed
// then) to December (next month); absurd months open nothing and say
// which months are open.
func TestReportMonthsAreBounded(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	for _, month := range []string{"2099-12", "1900-01", "2027-01", "2026-09"} {
		got := h.say("张三", "/report "+month)
		mustContain(t, month, got, "不能填写", "可填写2026年10月至2026年12月的月度实绩")
		p, _ := models.ParsePeriod(month)
		if _, err := h.st.ReportFor(ctx, h.cadres["张三"].ID, p); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("/report %s opened a draft: %v", month, err)
		}
	}
	for _, month := range []string{"2026-10", "2026-12"} {
		mustContain(t, month, h.say("张三", "/report "+month), "本月完成情况")
	}
	// A report that exists stays reachable, however old.
	aug := models.Period{Year: 2026, Month: 8}
	if _, err := h.st.OpenReport(ctx, h.cadres["张三"], aug, h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "an old report", h.say("张三", "/report 2026-08"), "2026年8月")
}

// Someone listed in December owes November but not October.
func TestReportMonthsStartAtTheRoster(t *testing.T) {
	h := reportHarness(t)
	h.clock.Set(time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC))
	h.cadre("新同志", "城关镇", models.RoleCadre, true)
	mustContain(t, "November", h.say("新同志", "/report 2026-11"), "2026年11月")
	mustContain(t, "October", h.say("新同志", "/report 2026-10"), "可填写2026年11月至2027年1月的月度实绩")
}

func TestExemptAndBoardMonthsAreBounded(t *testing.T) {
	h := reportHarness(t)
	mustContain(t, "exempt 2099", h.say("李书记", "/exempt 张三 2099-12 借调"), "不能为张三登记2099年12月免报", "2026年10月至2027年11月")
	mustContain(t, "exempt ahead", h.say("李书记", "/exempt 张三 2027-06 借调市委"), "已登记")
	for _, cmd := range []string{"/reports 2099-12", "/reports 1900-01 城关镇"} {
		mustContain(t, cmd, h.say("周部长", cmd), "可查看2026年10月至2026年12月")
	}
	mustContain(t, "/export", h.say("周部长", "/export 2099-12"), "没有2099年12月的月度实绩")
	mustContain(t, "/discussed", h.say("李书记", "/discussed 2026-11-26 2099-12"), "没有2099年12月的月度实绩")
	mustContain(t, "/reports this month", h.say("周部长", "/reports 2026-11"), "城关镇")
}
