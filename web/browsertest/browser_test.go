package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromium finds the browser: GANSHI_CHROMIUM, else the usual names.
func chromium() string {
	if p := os.Getenv("GANSHI_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// One Chromium for the package; each tab gets a browser context of its
// own (its own cookies), as two people at two PCs.
var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	stopBrowser = func() {}
)

func TestMain(m *testing.M) {
	code := m.Run()
	stopBrowser()
	os.Exit(code)
}

func startBrowser(path string) {
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"), chromedp.WindowSize(1366, 768))
	ctx, cancel := chromedp.NewContext(alloc)
	browserErr = chromedp.Do(ctx) // starts the browser
	browserCtx = ctx
	stopBrowser = func() { cancel(); cancelAlloc() }
}

// tab is one person's browser window on the console.
type tab struct {
	w       *world
	name    string
	ctx     context.Context
	mu      sync.Mutex
	dialogs []string // JavaScript dialogs the page opened (there must be none)
}

// browser opens a tab for name, skipping the test when no Chromium is
// installed. A failed test leaves a screenshot of the tab behind.
func (w *world) browser(name string) *tab {
	w.t.Helper()
	path := chromium()
	if path == "" {
		if os.Getenv("GANSHI_REQUIRE_BROWSER") != "" {
			w.t.Fatal("no Chromium binary, and GANSHI_REQUIRE_BROWSER is set (CI): apt-get install chromium")
		}
		w.t.Skip("no Chromium binary (apt-get install chromium, or set GANSHI_CHROMIUM): browser tests skipped")
	}
	browserOnce.Do(func() { startBrowser(path) })
	if browserErr != nil {
		w.t.Fatalf("start Chromium %s: %v", path, browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	tb := &tab{w: w, name: name, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		w.t.Fatal(err)
	}
	go tb.watchDialogs()
	w.t.Cleanup(func() {
		if w.t.Failed() {
			tb.shot(filepath.Join(artifacts(), fmt.Sprintf("%s-%s.png", sanitize(w.t.Name()), name)))
		}
		cancel()
	})
	return tb
}

// watchDialogs records (and dismisses) any alert a page opens: an
// injected <script> would show up here.
func (tb *tab) watchDialogs() {
	for ev, err := range chromedp.Events(tb.ctx, page.JavascriptDialogOpening) {
		if err != nil {
			return
		}
		tb.mu.Lock()
		tb.dialogs = append(tb.dialogs, ev.Message)
		tb.mu.Unlock()
		go chromedp.Do(tb.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			return err
		}))
	}
}

func artifacts() string {
	if d := os.Getenv("GANSHI_ARTIFACTS"); d != "" {
		return d
	}
	return filepath.Join("testdata", "artifacts")
}

func sanitize(s string) string {
	return strings.NewReplacer("/", "_", " ", "_").Replace(s)
}

// shot saves a full-page screenshot; failing to is only logged.
func (tb *tab) shot(path string) {
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.MkdirAll(filepath.Dir(path), 0o755)
	}
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		tb.w.t.Logf("screenshot %s: %v", path, err)
		return
	}
	tb.w.t.Logf("screenshot of %s's page: %s", tb.name, path)
}
