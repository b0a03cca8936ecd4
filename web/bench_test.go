package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/web"
)

// The console at a province's size: 100,000 cadres in 5,000 units (20
// each, the first its principal), November's reports in every state.
//
//	go test ./web -run '^$' -bench . -benchtime 400x
//
// Each benchmark reports the handler's time per page as p50, p99 and max
// (ms),
// and the page's weight with its CSS, JS and icon (KB). "at20rps" runs
// the clock 50 ms per request, as 20 requests a second would, so the
// 总览's cached figures are recounted every 400 requests (TallyTTL 20 s);
// "cold" recounts on every request.
var bench struct {
	once  sync.Once
	dir   string
	st    *models.Store
	clock *modelstest.Clock
	err   error
}

// TestMain removes the benchmarks' database, which outlives any one of
// them.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.st != nil {
		bench.st.Close()
	}
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

const benchUnits, benchPerUnit = 5000, 20

func benchStore(b *testing.B) (*models.Store, *modelstest.Clock) {
	bench.once.Do(func() {
		bench.clock = modelstest.NewClock(lateNov)
		bench.dir, bench.err = os.MkdirTemp("", "ganshi-web-bench-")
		if bench.err != nil {
			return
		}
		bench.st, bench.err = models.Open(context.Background(), filepath.Join(bench.dir, "bench.db"), models.Options{Now: bench.clock.Now})
		if bench.err == nil {
			bench.err = seedProvince(bench.st)
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.st, bench.clock
}

// seedProvince writes the units, cadres (bound) and November's reports.
func seedProvince(st *models.Store) error {
	db, now := st.DB(), st.Now()
	units := make([]models.Unit, benchUnits)
	for i := range units {
		units[i] = models.Unit{Name: fmt.Sprintf("单位%05d", i), Kind: models.UnitTownship, Category: fmt.Sprintf("类别%02d", i%10)}
	}
	if err := db.CreateInBatches(&units, 500).Error; err != nil {
		return err
	}
	cadres := make([]models.Cadre, 0, benchUnits*benchPerUnit)
	for _, u := range units {
		for j := range benchPerUnit {
			uid := u.ID*100 + int64(j)
			c := models.Cadre{Name: fmt.Sprintf("%s-干部%02d", u.Name, j), ExternalID: fmt.Sprintf("P%d-%d", u.ID, j), UnitID: &u.ID,
				Role: models.RoleCadre, Lang: "zh", Active: true, TelegramUserID: &uid, ChatID: &uid, Position: "科员"}
			if j == 0 {
				c.Role = models.RoleLeader
			}
			cadres = append(cadres, c)
		}
	}
	if err := db.CreateInBatches(&cadres, 1000).Error; err != nil {
		return err
	}
	for i := range units {
		if err := db.Model(&units[i]).Update("principal_id", cadres[i*benchPerUnit].ID).Error; err != nil {
			return err
		}
	}
	due := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	var reps []models.Report
	for i, c := range cadres {
		status := []string{"", models.ReportDraft, models.ReportSubmitted, models.ReportReturned, models.ReportSigned}[i%5]
		if status == "" {
			continue
		}
		sub := now.Add(-time.Hour)
		reps = append(reps, models.Report{CadreID: c.ID, Period: nov.String(), UnitID: *c.UnitID, Status: status, Version: 2, DueAt: due, SubmittedAt: &sub})
	}
	return db.CreateInBatches(&reps, 1000).Error
}

// benchServer is the console over the province with a session for name
// ("admin" or the principal of unit 1).
func benchServer(b *testing.B, ttl time.Duration, leader bool) (*web.Server, *http.Cookie) {
	st, _ := benchStore(b)
	srv, err := web.New(web.Options{Store: st, PublicURL: "http://127.0.0.1", Location: shanghai, TallyTTL: ttl})
	if err != nil {
		b.Fatal(err)
	}
	who := models.Cadre{Name: "周部长", ExternalID: fmt.Sprintf("ADM-%d", time.Now().UnixNano()), Role: models.RoleAdmin, Lang: "zh", Active: true}
	uid := time.Now().UnixNano()
	who.TelegramUserID, who.ChatID = &uid, &uid
	if leader {
		var u models.Unit
		if err := st.DB().Order("id").Take(&u).Error; err != nil {
			b.Fatal(err)
		}
		if err := st.DB().Where("id = ?", *u.PrincipalID).Take(&who).Error; err != nil {
			b.Fatal(err)
		}
	} else if err := st.DB().Create(&who).Error; err != nil {
		b.Fatal(err)
	}
	_, secret, err := st.StartWebSession(context.Background(), who.ID)
	if err != nil {
		b.Fatal(err)
	}
	return srv, &http.Cookie{Name: "ganshi_session", Value: secret}
}

// measure serves path b.N times, advancing the clock by step before each
// request, and reports the handler time's p50 and p99 and the weight.
func measure(b *testing.B, srv *web.Server, cookie *http.Cookie, path string, step time.Duration) {
	_, clock := benchStore(b)
	var times []time.Duration
	var size int
	b.ResetTimer()
	for b.Loop() {
		clock.Advance(step)
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		start := time.Now()
		srv.ServeHTTP(rec, req)
		times = append(times, time.Since(start))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, rec.Code)
		}
		size = rec.Body.Len()
	}
	b.StopTimer()
	slices.Sort(times)
	pct := func(p float64) float64 { return float64(times[int(float64(len(times)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	b.ReportMetric(pct(1), "max_ms")
	b.ReportMetric(float64(size+assetBytes(b, srv, cookie, path))/1024, "page_KB")
}

var assetPathRE = regexp.MustCompile(`/static/[0-9a-f]{12}/[a-z]+\.(?:css|js|svg)`)

// assetBytes is the size of the files the page links to.
func assetBytes(b *testing.B, srv *web.Server, cookie *http.Cookie, path string) int {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(cookie)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	n := 0
	for _, a := range assetPathRE.FindAllString(rec.Body.String(), -1) {
		ar := httptest.NewRecorder()
		srv.ServeHTTP(ar, httptest.NewRequest(http.MethodGet, a, nil))
		n += ar.Body.Len()
	}
	return n
}

func BenchmarkOverview(b *testing.B) {
	b.Run("cold", func(b *testing.B) {
		srv, ck := benchServer(b, time.Nanosecond, false)
		measure(b, srv, ck, "/?month=2026-11", time.Millisecond)
	})
	b.Run("at20rps", func(b *testing.B) {
		srv, ck := benchServer(b, 20*time.Second, false)
		measure(b, srv, ck, "/?month=2026-11", 50*time.Millisecond)
	})
}

func BenchmarkUnitReports(b *testing.B) {
	b.Run("admin", func(b *testing.B) {
		srv, ck := benchServer(b, 20*time.Second, false)
		measure(b, srv, ck, "/reports?month=2026-11&unit=2500", 50*time.Millisecond)
	})
	b.Run("principal", func(b *testing.B) {
		srv, ck := benchServer(b, 20*time.Second, true)
		measure(b, srv, ck, "/reports?month=2026-11", 50*time.Millisecond)
	})
}
