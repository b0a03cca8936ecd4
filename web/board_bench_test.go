package web_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/web"
)

// 500 open boards on loopback, in one process with the server:
//
//	go test ./web -run '^$' -bench BoardFanout -benchtime 20x
//
// Each iteration reports and verifies a new figure and waits until every
// board has it. Reported: the time from the verification's commit to the
// last board (p50, p99, max, ms; the broadcaster polls every 500 ms, so
// half of that is waiting for the poll), the heap per open board (client
// and server sides together: one process), and the CPU the process uses
// per second with 500 boards open and nothing changing.
func BenchmarkBoardFanout500(b *testing.B) {
	const boards = 500
	clock := modelstest.NewClock(time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC))
	st := modelstest.SQLite(b, clock.Now)
	ctx := context.Background()
	var reporter, admin models.Cadre
	for _, n := range []string{"城关镇", "东港镇"} {
		u := models.Unit{Name: n, Kind: models.UnitTownship, Category: "乡镇一类"}
		must(b, st.DB().Create(&u).Error)
		c := models.Cadre{Name: n + "书记", ExternalID: n, UnitID: &u.ID, Role: models.RoleLeader, Active: true, Lang: "zh"}
		must(b, st.DB().Create(&c).Error)
		must(b, st.DB().Model(&u).Update("principal_id", c.ID).Error)
		if reporter.ID == 0 {
			reporter = c
		}
	}
	admin = models.Cadre{Name: "部长", ExternalID: "admin", Role: models.RoleAdmin, Active: true, Lang: "zh"}
	must(b, st.DB().Create(&admin).Error)
	rows, probs := models.ParseContestRecords([][]string{{"类别", "组别", "单位", "任务", "计量单位", "目标"},
		{"乡镇一类", "一组", "城关镇", "征收", "户", "100000"}, {"乡镇一类", "一组", "东港镇", "征收", "户", "100000"}}, []int{1, 2, 3})
	if probs != nil {
		b.Fatal(probs)
	}
	sum, err := st.ImportContest(ctx, "打擂", 2026, rows)
	must(b, err)
	tasks, _ := st.ContestTasks(ctx, sum.Contest.ID)
	_, token, err := st.CreateBoardToken(ctx, sum.Contest.ID, "bench")
	must(b, err)
	ts := httptest.NewUnstartedServer(nil)
	ts.Start()
	defer ts.Close()
	srv, err := web.New(web.Options{Store: st, PublicURL: ts.URL}) // the default poll, 500 ms
	must(b, err)
	ts.Config.Handler = srv
	defer srv.CloseBoards()

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	tr := &http.Transport{MaxIdleConnsPerHost: boards}
	client := &http.Client{Transport: tr}
	got := make([]chan string, boards)
	ready := sync.WaitGroup{}
	streamCtx, stop := context.WithCancel(ctx)
	defer stop()
	for i := range boards {
		got[i] = make(chan string, 4)
		ready.Add(1)
		go func(ch chan string) {
			req, _ := http.NewRequestWithContext(streamCtx, "GET", ts.URL+"/board/"+token+"/events", nil)
			resp, err := client.Do(req)
			if err != nil {
				ready.Done()
				return
			}
			defer resp.Body.Close()
			r := bufio.NewReader(resp.Body)
			first := true
			for {
				ev, data := readEvent(r)
				if ev == "eof" {
					return
				}
				if first {
					first = false
					ready.Done()
					continue
				}
				ch <- data
			}
		}(got[i])
	}
	ready.Wait()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	heapPerBoard := float64(after.HeapInuse-before.HeapInuse) / boards
	goroutines := float64(runtime.NumGoroutine()) / boards

	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	c0, w0 := cpu(), time.Now()
	time.Sleep(3 * time.Second)
	atRest := float64(cpu()-c0) / float64(time.Since(w0)) * 1000

	var lat []time.Duration
	b.ResetTimer()
	for i := range b.N {
		want := fmt.Sprintf("%d户", 1000+i)
		e, _, err := st.ReportProgress(ctx, models.ProgressInput{ReporterID: reporter.ID, TaskID: tasks[0].ID, Value: float64(1000 + i)})
		must(b, err)
		_, err = st.ReviewProgress(ctx, e.ID, admin.ID, "")
		must(b, err)
		start := time.Now()
		for _, ch := range got {
			for data := range ch {
				if strings.Contains(data, want) {
					break
				}
			}
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*99)/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	b.ReportMetric(heapPerBoard, "heap-B/board")
	b.ReportMetric(goroutines, "goroutines/board")
	b.ReportMetric(atRest, "cpu-ms/s-at-rest")
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
