package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models/modelstest"
)

func testApp(t *testing.T) *app {
	t.Helper()
	fake := telegramtest.New(telegramtest.Options{})
	t.Cleanup(fake.Close)
	st := modelstest.SQLite(t, modelstest.NewClock(modelstest.Start).Now)
	tg, err := telegram.New(fake.Token(), fake.URL(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return newApp(st, tg, config{HTTPAddr: "127.0.0.1:0", SendRate: 25, TZ: time.UTC}, slog.New(slog.DiscardHandler))
}

func TestHealthz(t *testing.T) {
	a := testApp(t)
	rec := httptest.NewRecorder()
	a.healthHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var h health
	if err := json.Unmarshal(rec.Body.Bytes(), &h); err != nil || rec.Code != http.StatusOK || h.Database != "ok" || h.Schema < 3 {
		t.Fatalf("healthy: %d %s", rec.Code, rec.Body)
	}
	if h.LastPollAgeSec != nil {
		t.Fatal("a poll age before any poll")
	}
	a.st.Close()
	rec = httptest.NewRecorder()
	a.healthHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "unreachable") {
		t.Fatalf("database down: %d %s", rec.Code, rec.Body)
	}
}

func TestMetrics(t *testing.T) {
	a := testApp(t)
	a.met.UpdatesReceived.Inc("poll")
	a.met.Sends.Inc("sent")
	rec := httptest.NewRecorder()
	metricsHandler(a.met.Registry).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`ganshi_updates_received_total{source="poll"} 1`, `ganshi_sends_total{result="sent"} 1`,
		"ganshi_telegram_429_total 0", "# TYPE ganshi_handler_seconds histogram",
		"# TYPE ganshi_outbox_notifications gauge", "# TYPE ganshi_inbox_updates gauge",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q:\n%s", want, body)
		}
	}
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("content type %q", rec.Header().Get("Content-Type"))
	}
}

// With GANSHI_PUBLIC_URL the web console answers every path the health,
// metrics and webhook routes leave; without it those paths are 404.
func TestWebConsoleBesideHealthAndWebhook(t *testing.T) {
	a := testApp(t)
	a.cfg.WebhookURL, a.cfg.WebhookSecret = "https://bot.example.org/hook", "s3cret"
	a.cfg.PublicURL = "https://ganshi.example.gov.cn"
	mux, err := a.httpMux()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		method, path string
		status       int
		want         string
	}{
		{"GET", "/healthz", 200, `"database":"ok"`},
		{"GET", "/metrics", 200, "ganshi_telegram_429_total"},
		{"POST", "/hook", 401, ""},
		{"GET", "/", 401, "/web"},
		{"GET", "/reports", 401, "网页控制台没有密码"},
		{"GET", "/login/" + strings.Repeat("A", 43), 404, "此登录链接无效"},
	} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s %s: %d %.200s", c.method, c.path, rec.Code, rec.Body)
		}
	}
	a.cfg.PublicURL = ""
	mux, _ = a.httpMux()
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("without GANSHI_PUBLIC_URL, /: %d", rec.Code)
	}
}
