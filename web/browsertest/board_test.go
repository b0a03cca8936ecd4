package browsertest

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/web"
)

// contest pairs 城关镇 with 东城街道 (乡镇一类) and 经济开发区 with 高新园区
// (园区) on three tasks; 东城街道 and the parks have verified figures
// already. It returns a board token.
func (w *world) contest() (models.UnitContest, int64, string) {
	w.t.Helper()
	ctx := context.Background()
	file := "类别,组别,单位,任务,计量单位,权重,目标\n" +
		"乡镇一类,乡镇一类第一组,城关镇,棚户区改造征收,户,2,120\n乡镇一类,乡镇一类第一组,东城街道,棚户区改造征收,户,2,100\n" +
		"乡镇一类,乡镇一类第一组,城关镇,重点项目投资,亿元,1,3\n乡镇一类,乡镇一类第一组,东城街道,重点项目投资,亿元,1,2.5\n" +
		"乡镇一类,乡镇一类第一组,城关镇,四城同创问题整改,个,1,40\n乡镇一类,乡镇一类第一组,东城街道,四城同创问题整改,个,1,30\n" +
		"园区,园区第一组,经济开发区,重点项目投资,亿元,1,12\n园区,园区第一组,高新园区,重点项目投资,亿元,1,9\n"
	var recs [][]string
	var lines []int
	for i, l := range strings.Split(strings.TrimSpace(file), "\n") {
		recs, lines = append(recs, strings.Split(l, ",")), append(lines, i+1)
	}
	rows, probs := models.ParseContestRecords(recs, lines)
	if probs != nil {
		w.t.Fatal(probs)
	}
	sum, err := w.st.ImportContest(ctx, "2026年度结对打擂", 2026, rows)
	w.must(err)
	tasks, err := w.st.ContestTasks(ctx, sum.Contest.ID)
	w.must(err)
	now := w.st.Now()
	week := now.AddDate(0, 0, -8)
	admin := w.cadres["周部长"].ID
	verified := func(unit string, task int, value float64, at time.Time) {
		e := models.ProgressEntry{TaskID: tasks[task].ID, UnitID: w.units[unit].ID, Value: value, AuthorID: admin,
			State: models.ProgressVerified, ReviewerID: &admin, ReviewedAt: &at, CreatedAt: at}
		w.must(w.st.DB().Create(&e).Error)
	}
	verified("东城街道", 0, 40, week)
	verified("东城街道", 0, 52, now)
	verified("东城街道", 1, 1.1, now)
	verified("东城街道", 2, 18, now)
	verified("城关镇", 2, 22, now)
	verified("经济开发区", 1, 7.5, now)
	verified("高新园区", 1, 6.2, now)
	w.must(w.st.DB().Model(&models.Contest{}).Where("id = ?", sum.Contest.ID).Update("version", 100).Error)
	uc, err := w.st.ContestOfUnit(ctx, w.units["城关镇"].ID)
	w.must(err)
	bt, token, err := w.st.CreateBoardToken(ctx, sum.Contest.ID, "大厅")
	w.must(err)
	return uc, bt.ID, token
}

// verified records 城关镇's figure for its first task as its principal
// reports it and the department verifies it, without going through chat.
func (w *world) verified(value float64, note string) {
	ctx := context.Background()
	uc, err := w.st.ContestOfUnit(ctx, w.units["城关镇"].ID)
	w.must(err)
	task, _ := uc.TaskBySeq(1)
	e, _, err := w.st.ReportProgress(ctx, models.ProgressInput{ReporterID: w.cadres["李书记"].ID, TaskID: task.ID, Value: value, Note: note})
	w.must(err)
	_, err = w.st.ReviewProgress(ctx, e.ID, w.cadres["周部长"].ID, "")
	w.must(err)
}

// waitText waits until the page shows want, without reloading it.
func (tb *tab) waitText(want string) {
	tb.w.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(tb.text(), want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.w.t.Fatalf("%s's page never showed %q:\n%s", tb.name, want, tb.text())
}

// A board on a 1920×1080 screen shows the contest in Chinese with the
// right figures; a figure reported and verified in chat appears on it
// without a reload; a screenshot is kept (GANSHI_BOARD_PNG names where).
func TestBoardLiveInTheBrowser(t *testing.T) {
	w := newWorld(t)
	_, _, token := w.contest()
	tb := w.browser("大屏")
	tb.do(chromedp.EmulateViewport(1920, 1080))
	if code := tb.open("/board/" + token + "?rotate=0"); code != 200 {
		t.Fatalf("board: %d", code)
	}
	tb.sees("the board", "2026年度结对打擂", "乡镇一类第一组", "城关镇", "东城街道", "52户", "/ 100户", "52%", "+12户", "/ 120户", "园区第一组", "7.5亿元")
	if strings.Contains(tb.text(), "李书记") {
		t.Fatal("the board names a person")
	}
	// Page weight and first render, for the report (the numbers are logged).
	weight := evalIn[float64](tb, `performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((n, e) => n + (e.encodedBodySize || 0), 0)`)
	ready := evalIn[float64](tb, `performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd`)
	t.Logf("board page weight %.1f KB (HTML, CSS, JS, uncompressed); DOM ready %.0f ms after navigation start (headless shell reports no paint timing)", weight/1024, ready)
	evalIn[bool](tb, `window.__notReloaded = true`)

	w.say("李书记", "/progress 1 60户 新签约8户")
	notice := w.heard(*w.cadres["周部长"].ChatID, "打擂进度待核实")
	id := regexp.MustCompile(`/verify (\d+)`).FindStringSubmatch(notice.Plain)
	if id == nil {
		t.Fatalf("no /verify in %q", notice.Plain)
	}
	w.say("周部长", "/verify "+id[1])
	tb.waitText("60户")
	if !evalIn[bool](tb, `window.__notReloaded === true`) {
		t.Fatal("the page was reloaded to show the entry")
	}
	tb.sees("after verification", "60户", "50%")

	// A network drop: the page reconnects by itself and keeps updating.
	w.web.CloseClientConnections()
	w.verified(84, "新签约24户")
	tb.waitText("84户")
	if !evalIn[bool](tb, `window.__notReloaded === true`) {
		t.Fatal("the page was reloaded after the drop")
	}
	path := os.Getenv("GANSHI_BOARD_PNG")
	if path == "" {
		path = filepath.Join(artifacts(), "board.png")
	}
	ctx, cancel := tb.step()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	w.must(err)
	w.must(os.MkdirAll(filepath.Dir(path), 0o755))
	w.must(os.WriteFile(path, png, 0o644))
}

// A server restart: the console goes away with its open streams and a new
// one comes up on the same address later; the open board says it is
// offline, reconnects by itself and shows what was verified meanwhile,
// without a reload.
func TestBoardReconnectsAfterAServerRestart(t *testing.T) {
	w := newWorld(t)
	_, _, token := w.contest()
	tb := w.browser("大屏")
	if code := tb.open("/board/" + token + "?rotate=0"); code != 200 {
		t.Fatalf("board: %d", code)
	}
	tb.sees("the board", "城关镇", "52户")
	evalIn[bool](tb, `window.__notReloaded = true`)

	addr := w.web.Listener.Addr().String()
	w.web.Config.Handler.(*web.Server).CloseBoards()
	w.web.CloseClientConnections()
	w.web.Close()
	tb.waitText("连接中断")

	w.verified(77, "新签约25户")

	ln, err := net.Listen("tcp", addr)
	w.must(err)
	console, err := web.New(web.Options{Store: w.st, PublicURL: w.web.URL, Location: shanghai, Logger: testLogger(t), Scheduler: nextFires{},
		BotUsername: func(context.Context) (string, error) { return "ganshi_bot", nil }})
	w.must(err)
	srv := &http.Server{Handler: console}
	srv.RegisterOnShutdown(console.CloseBoards)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Shutdown(context.Background()) })

	tb.waitText("77户")
	if !evalIn[bool](tb, `window.__notReloaded === true`) {
		t.Fatal("the page was reloaded after the restart")
	}
	if strings.Contains(tb.text(), "连接中断") {
		t.Errorf("the board still says it is offline:\n%s", tb.text())
	}
}

// A revoked link: the open board says so, and opening it again is 403;
// a guessed one is 403 from the start.
func TestBoardRevokedInTheBrowser(t *testing.T) {
	w := newWorld(t)
	_, tokenID, token := w.contest()
	tb := w.browser("大屏")
	if code := tb.open("/board/guessed" + token[7:]); code != 403 {
		t.Fatalf("a guessed token: %d", code)
	}
	if code := tb.open("/board/" + token); code != 200 {
		t.Fatalf("board: %d", code)
	}
	tb.sees("the board", "城关镇")
	w.must(w.st.RevokeBoardToken(context.Background(), tokenID))
	tb.waitText("此大屏链接已作废")
	if code := tb.open("/board/" + token); code != 403 {
		t.Fatalf("a revoked token: %d", code)
	}
	tb.sees("403", "无效或已作废")
}

// Kiosk mode shows one category at a time and moves on by itself.
func TestBoardKioskRotates(t *testing.T) {
	w := newWorld(t)
	_, _, token := w.contest()
	tb := w.browser("大屏")
	tb.open("/board/" + token + "?rotate=1")
	first := evalIn[string](tb, `document.body.dataset.showing || ""`)
	if first == "" {
		t.Fatal("no category shown in kiosk mode")
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		now := evalIn[string](tb, `document.body.dataset.showing || ""`)
		if now != first && now != "" {
			visible := evalIn[int](tb, `[...document.querySelectorAll(".board-category")].filter(e => e.offsetParent !== null).length`)
			if visible != 1 {
				t.Fatalf("%d categories visible at once in kiosk mode", visible)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("rotation did not advance from %q", first)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// evalIn evaluates a JavaScript expression in the tab.
func evalIn[T any](tb *tab, expr string) T {
	tb.w.t.Helper()
	ctx, cancel := tb.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.w.t.Fatalf("%s evaluates %s: %v", tb.name, expr, err)
	}
	return v
}
