package browsertest

import (
	"context"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// timeout bounds one step in the browser; a step that takes longer has
// failed.
const timeout = 20 * time.Second

func (tb *tab) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, timeout)
}

// open loads a page of the console and returns its HTTP status.
func (tb *tab) open(path string) int64 {
	tb.w.t.Helper()
	url := path
	if strings.HasPrefix(path, "/") {
		url = tb.w.web.URL + path
	}
	ctx, cancel := tb.step()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		tb.w.t.Fatalf("%s opens %s: %v", tb.name, path, err)
	}
	return resp.Status
}

// press clicks what sel finds and waits for the page it leads to.
func (tb *tab) press(sel string) int64 {
	tb.w.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		tb.w.t.Fatalf("%s presses %s: %v", tb.name, sel, err)
	}
	return resp.Status
}

// do runs actions that do not load a page.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.w.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.w.t.Fatalf("%s: %v", tb.name, err)
	}
}

// text is what the page shows, as a person reads it.
func (tb *tab) text() string {
	tb.w.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		tb.w.t.Fatalf("%s reads the page: %v", tb.name, err)
	}
	return s
}

// sees fails the test unless the page shows every one of wants.
func (tb *tab) sees(what string, wants ...string) {
	tb.w.t.Helper()
	got := tb.text()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			tb.w.t.Fatalf("%s: %s's page does not show %q:\n%s", what, tb.name, want, got)
		}
	}
}

// press2 double-clicks what sel finds and waits for the page it leads to.
func (tb *tab) press2(sel string) int64 {
	tb.w.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.DoubleClick(chromedp.CSS(sel)))
	if err != nil {
		tb.w.t.Fatalf("%s double-clicks %s: %v", tb.name, sel, err)
	}
	return resp.Status
}

// printed shows the page as it prints (print media, an A4 landscape
// width) and saves a screenshot of it.
func (tb *tab) printed(path string) {
	tb.w.t.Helper()
	tb.do(chromedp.EmulateViewport(1123, 794), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	tb.shot(path)
}
