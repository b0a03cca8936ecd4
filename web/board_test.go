package web_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/web"
)

// boardEnv is the console with a pair of townships (城关镇, 东港镇) in a
// contest and a board token; the broadcaster polls every 20 ms.
type boardEnv struct {
	*env
	contest models.UnitContest
	token   string
	tokenID int64
}

func newBoardEnv(t *testing.T) *boardEnv {
	t.Helper()
	e := newEnvWith(t, func(o *web.Options) { o.LoginBurst = 1000; o.BoardPoll = 20 * time.Millisecond })
	e.unit("东港镇", "乡镇一类")
	e.cadre("陈镇长", "东港镇", models.RoleLeader, true)
	file := "类别,组别,单位,任务,计量单位,目标\n乡镇一类,第一组,城关镇,棚户区改造征收,户,120\n乡镇一类,第一组,东港镇,棚户区改造征收,户,100\n" +
		"乡镇一类,第一组,城关镇,重点项目投资,亿元,3\n乡镇一类,第一组,东港镇,重点项目投资,亿元,2.5"
	var recs [][]string
	var lines []int
	for i, l := range strings.Split(file, "\n") {
		recs, lines = append(recs, strings.Split(l, ",")), append(lines, i+1)
	}
	rows, probs := models.ParseContestRecords(recs, lines)
	if probs != nil {
		t.Fatal(probs)
	}
	ctx := context.Background()
	_, err := e.st.ImportContest(ctx, "2026年度结对打擂", 2026, rows)
	e.must(err)
	uc, err := e.st.ContestOfUnit(ctx, e.units["城关镇"].ID)
	e.must(err)
	bt, token, err := e.st.CreateBoardToken(ctx, uc.Contest.ID, "大厅")
	e.must(err)
	return &boardEnv{env: e, contest: uc, token: token, tokenID: bt.ID}
}

// report records and verifies a figure of a unit's principal.
func (b *boardEnv) report(principal string, seq int, value float64) {
	b.t.Helper()
	ctx := context.Background()
	task, _ := b.contest.TaskBySeq(seq)
	e, _, err := b.st.ReportProgress(ctx, models.ProgressInput{ReporterID: b.cadres[principal].ID, TaskID: task.ID, Value: value})
	b.must(err)
	_, err = b.st.ReviewProgress(ctx, e.ID, b.cadres["周部长"].ID, "")
	b.must(err)
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestBoardShowsVerifiedFiguresOnly(t *testing.T) {
	b := newBoardEnv(t)
	b.report("李书记", 1, 60)
	ctx := context.Background()
	task, _ := b.contest.TaskBySeq(2)
	_, _, err := b.st.ReportProgress(ctx, models.ProgressInput{ReporterID: b.cadres["陈镇长"].ID, TaskID: task.ID, Value: 2}) // not verified
	b.must(err)
	code, body := get(t, b.ts.URL+"/board/"+b.token)
	if code != 200 {
		t.Fatalf("board: %d", code)
	}
	wantAll(t, "board", body, "2026年度结对打擂", "乡镇一类", "第一组", "城关镇", "东港镇", "60户", "/ 120户", "50%", "/ 2.5亿元")
	if strings.Contains(body, "2亿元<") || strings.Contains(body, "李书记") || strings.Contains(body, "陈镇长") {
		t.Fatalf("the board shows an unverified figure or a person:\n%s", body)
	}
	if !strings.Contains(body, "board.js") || strings.Contains(body, "<script>") {
		t.Fatal("the board's script must be a static file (CSP)")
	}
}

func wantAll(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// A guessed or revoked token gets 403, page and stream alike; an open
// stream ends with a "revoked" event.
func TestBoardTokenRefused(t *testing.T) {
	b := newBoardEnv(t)
	for _, path := range []string{"/board/guessed-token", "/board/guessed-token/events", "/board/" + b.token[:len(b.token)-2] + "xx"} {
		if code, _ := get(t, b.ts.URL+path); code != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", path, code)
		}
	}
	stream := openStream(t, b.ts.URL+"/board/"+b.token+"/events")
	stream.next(t, "board")
	b.must(b.st.RevokeBoardToken(context.Background(), b.tokenID))
	stream.next(t, "revoked")
	for _, path := range []string{"/board/" + b.token, "/board/" + b.token + "/events"} {
		if code, _ := get(t, b.ts.URL+path); code != http.StatusForbidden {
			t.Errorf("revoked %s: %d, want 403", path, code)
		}
	}
}

// A verified entry reaches an open stream without a reload.
func TestBoardStreamsAVerifiedEntry(t *testing.T) {
	b := newBoardEnv(t)
	stream := openStream(t, b.ts.URL+"/board/"+b.token+"/events")
	if first := stream.next(t, "board"); strings.Contains(first, "75户") {
		t.Fatal("figure before it was reported")
	}
	start := time.Now()
	b.report("陈镇长", 1, 75)
	got := stream.next(t, "board")
	if !strings.Contains(got, "75户") || !strings.Contains(got, "75%") {
		t.Fatalf("the stream did not bring the verified entry:\n%s", got)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
}

// Hundreds of boards reconnecting at once (after a restart) are served
// from one computed standing, not one per board.
func TestBoardReconnectStormComputesOnce(t *testing.T) {
	b := newBoardEnv(t)
	b.report("李书记", 1, 30)
	const n = 300
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, "GET", b.ts.URL+"/board/"+b.token+"/events", nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer resp.Body.Close()
			ev, data := readEvent(bufio.NewReader(resp.Body))
			if ev != "board" || !strings.Contains(data, "30户") {
				errs <- ev + ": " + data
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatalf("a board: %s", e)
	}
	if got := web.BoardFrames(b.srv); got > 2 {
		t.Fatalf("%d standings computed for %d boards", got, n)
	}
}

type stream struct {
	r      *bufio.Reader
	cancel func()
}

func openStream(t *testing.T, url string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	return &stream{r: bufio.NewReader(resp.Body), cancel: cancel}
}

// next waits (at most 5 s) for the next event and wants it of kind ev.
func (s *stream) next(t *testing.T, ev string) string {
	t.Helper()
	type got struct{ ev, data string }
	ch := make(chan got, 1)
	go func() { e, d := readEvent(s.r); ch <- got{e, d} }()
	select {
	case g := <-ch:
		if g.ev != ev {
			t.Fatalf("event %q (%q), want %q", g.ev, g.data, ev)
		}
		return g.data
	case <-time.After(5 * time.Second):
		t.Fatalf("no %q event within 5 s", ev)
	}
	return ""
}

// readEvent reads one SSE event (comments and retry lines skipped).
func readEvent(r *bufio.Reader) (string, string) {
	var ev string
	var data []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return "eof", err.Error()
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "" && ev != "":
			return ev, strings.Join(data, "\n")
		case strings.HasPrefix(line, "event: "):
			ev = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			data = append(data, line[len("data: "):])
		}
	}
}

// The department switches ordering and makes and revokes board links in
// the console; nobody else may.
func TestContestSettingsInTheConsole(t *testing.T) {
	b := newBoardEnv(t)
	if code, _ := b.login("李书记").get("/contest/settings"); code != http.StatusForbidden {
		t.Fatalf("a principal on the settings: %d", code)
	}
	admin := b.login("周部长")
	code, body := admin.get("/contest/settings")
	if code != 200 {
		t.Fatalf("settings: %d", code)
	}
	wantAll(t, "settings", body, "2026年度结对打擂", "大屏上组内按进度排序", "大厅")
	id := strconv.FormatInt(b.contest.Contest.ID, 10)
	code, body = admin.postFollow("/contest/"+id+"/ranking", url.Values{"ranked": {"off"}})
	if code != 200 || !strings.Contains(body, "已不按进度排序") {
		t.Fatalf("ranking off: %d", code)
	}
	if c, _ := b.st.ContestByID(context.Background(), b.contest.Contest.ID); c.Ranked {
		t.Fatal("ranking still on")
	}
	code, body = admin.post("/contest/"+id+"/tokens", url.Values{"label": {"二楼"}})
	i := strings.Index(body, b.ts.URL+"/board/")
	if code != 200 || i < 0 {
		t.Fatalf("new token: %d", code)
	}
	token := body[i+len(b.ts.URL+"/board/"):]
	token = token[:strings.IndexAny(token, "<\"")]
	if code, _ := get(t, b.ts.URL+"/board/"+token); code != 200 {
		t.Fatalf("the new link: %d", code)
	}
	code, _ = admin.postFollow("/contest/tokens/"+strconv.FormatInt(b.tokenID, 10)+"/revoke", url.Values{})
	if code != 200 {
		t.Fatalf("revoke: %d", code)
	}
	if code, _ := get(t, b.ts.URL+"/board/"+b.token); code != http.StatusForbidden {
		t.Fatalf("revoked in the console, still opens: %d", code)
	}
}
