package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ganshi/ganshi/models"
)

// The principal of 河西乡 opening 城关镇's report, list or posting by URL
// is refused; nothing of it shows.
func TestAnotherUnitsReportIsForbidden(t *testing.T) {
	w := newWorld(t)
	tb := w.login("王乡长")
	rep := w.report("张三")
	cg := w.units["城关镇"].ID
	for _, path := range []string{fmt.Sprintf("/reports/%d", rep.ID), fmt.Sprintf("/reports?unit=%d", cg),
		fmt.Sprintf("/units/%d/posting", cg), fmt.Sprintf("/roster/units/%d", cg)} {
		if status := tb.open(path); status != 403 {
			t.Errorf("%s answered %d", path, status)
		}
		tb.sees(path, "没有权限", "此次访问已记录")
	}
	tb.keep("forbidden")
	if got := tb.text(); strings.Contains(got, "完成棚户区改造征收") {
		t.Error("the refused page shows the report")
	}
}

// A form sent without its CSRF token is refused and changes nothing.
func TestPostWithoutTheTokenIsRefused(t *testing.T) {
	w := newWorld(t)
	tb := w.login("李书记")
	rep := w.report("张三")
	tb.open(fmt.Sprintf("/reports/%d", rep.ID))
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](`document.querySelectorAll("input[name=csrf]").forEach(e => e.remove())`)(ctx, t)
		return err
	}))
	if status := tb.press(`form.inline button.primary`); status != 403 {
		t.Errorf("a POST without the token answered %d", status)
	}
	tb.sees("the refusal", "表单已过期或来源不明，未作任何修改")
	tb.keep("csrf-refused")
	if got := w.report("张三"); got.Status != models.ReportSubmitted {
		t.Errorf("the report was changed: %s", got.Status)
	}
}
