package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/web"
)

// BenchmarkReviewFormSubmissions drives the outside respondents' form on
// loopback: each submission is a browser opening its link (GET, which
// sets the form's token) and submitting (POST), 16 at a time. It reports
// submissions a second and checks that every valid one was stored.
//
//	go test ./web -run '^$' -bench ReviewForm -benchtime 2000x
func BenchmarkReviewFormSubmissions(b *testing.B) {
	st := modelstest.SQLite(b, modelstest.NewClock(lateNov).Now)
	ctx := context.Background()
	u := models.Unit{Name: "伊山镇", Kind: models.UnitTownship}
	if err := st.DB().Create(&u).Error; err != nil {
		b.Fatal(err)
	}
	c := models.Cadre{Name: "张三", ExternalID: "Y1", UnitID: &u.ID, Role: models.RoleCadre, Active: true, Lang: "zh"}
	st.DB().Create(&c)
	r, err := st.OpenRound(ctx, models.NewRound{Code: "2026Q4"})
	if err != nil {
		b.Fatal(err)
	}
	srv, err := web.New(web.Options{Store: st, PublicURL: "http://127.0.0.1", Location: shanghai, FormBurst: 1 << 30, FormEvery: time.Nanosecond})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	codes, err := st.IssueCodes(ctx, r, u.ID, b.N, 0, nil)
	if err != nil {
		b.Fatal(err)
	}
	var next, ok atomic.Int64
	transport := &http.Transport{MaxIdleConnsPerHost: 64}
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(codes) {
					return
				}
				if submitOnce(ts.URL, codes[i], c.ID, transport, i) {
					ok.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	var stored int64
	st.DB().Model(&models.ReviewBallot{}).Where("source = ?", models.SrcPublic).Count(&stored)
	if ok.Load() != int64(b.N) || stored != int64(b.N) {
		b.Fatalf("%d submitted, %d accepted, %d stored", b.N, ok.Load(), stored)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "submissions/s")
}

var benchCSRF = `name="csrf" value="`

func submitOnce(base, code string, cadre int64, transport http.RoundTripper, i int) bool {
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, Transport: transport}
	resp, err := cl.Get(base + "/form/" + code)
	if err != nil {
		return false
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	_, rest, found := strings.Cut(string(body), benchCSRF)
	token, _, _ := strings.Cut(rest, `"`)
	if !found || resp.StatusCode != http.StatusOK {
		return false
	}
	form := url.Values{"csrf": {token}, "satisfaction": {fmt.Sprint(1 + i%5)}}
	if i%4 == 0 {
		form.Set("cadre", fmt.Sprint(cadre))
		form.Set("dim", "style")
		form.Set("note", "办事拖沓")
	}
	resp, err = cl.PostForm(base+"/form/"+code, form)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
