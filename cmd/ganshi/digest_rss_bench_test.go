package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// BenchmarkServeDigestRSS is the real binary's memory around an admin's
// /digest in a county of GANSHI_BENCH_CADRES cadres (default 10,000; 20
// per unit, a year of reports; the schedules paused): the peak resident
// set (VmHWM) once the process has answered a first message, and again
// once the county's digest has reached the admin, with what it is made of
// then — anonymous memory, and file-backed pages, mostly the executable's
// own code — read from /proc.
//
//	go test ./cmd/ganshi -run '^$' -bench ServeDigestRSS -benchtime 1x
func BenchmarkServeDigestRSS(b *testing.B) {
	cadres := 10000
	if v, _ := strconv.Atoi(os.Getenv("GANSHI_BENCH_CADRES")); v > 0 {
		cadres = v
	}
	bin := buildBinary(b)
	fake := telegramtest.New(telegramtest.Options{})
	b.Cleanup(fake.Close)
	dir := b.TempDir()
	dbPath := filepath.Join(dir, "ganshi.db")
	admin := telegramtest.User{ID: 1 << 40, FirstName: "周部长"}
	seedDigestCounty(b, dbPath, cadres, admin.ID)
	env := []string{
		"GANSHI_TELEGRAM_TOKEN=" + fake.Token(), "GANSHI_TELEGRAM_API_URL=" + fake.URL(),
		"GANSHI_DB=" + dbPath, "GANSHI_HTTP_ADDR=127.0.0.1:0",
		"GANSHI_TEST_CLOCK_START=" + modelstest.Start.Format(time.RFC3339),
	}
	// A county that has run before: the first start gives every bound
	// chat its menu (seeding binds them without one); those went out long
	// ago.
	p := startServe(b, bin, env, filepath.Join(dir, "serve.log"))
	askHelp(b, fake, admin)
	p.kill(b)
	forgetOutbox(b, dbPath)
	for range b.N {
		p := startServe(b, bin, env, filepath.Join(dir, "serve.log"))
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		askHelp(b, fake, admin)
		idle, _, _ := procMemory(b, p.cmd.Process.Pid)
		seen := len(fake.BotMessages(admin.ID))
		fake.SendPrivate(admin, "/digest")
		if _, err := fake.WaitBotMessages(ctx, admin.ID, seen+1); err != nil {
			b.Fatalf("no county digest: %v", err)
		}
		peak, anon, file := procMemory(b, p.cmd.Process.Pid)
		cancel()
		p.kill(b)
		b.ReportMetric(idle, "peakRSS-MB-before")
		b.ReportMetric(peak, "peakRSS-MB-after-digest")
		b.ReportMetric(anon, "anon-MB-after")
		b.ReportMetric(file, "file-MB-after")
	}
}

// askHelp sends /help and waits for the answer: the process is up.
func askHelp(b *testing.B, fake *telegramtest.Server, admin telegramtest.User) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	seen := len(fake.BotMessages(admin.ID))
	fake.SendPrivate(admin, "/help")
	if _, err := fake.WaitBotMessages(ctx, admin.ID, seen+1); err != nil {
		b.Fatalf("no answer to /help: %v", err)
	}
}

// forgetOutbox marks every notification sent.
func forgetOutbox(b *testing.B, path string) {
	b.Helper()
	st, err := models.Open(context.Background(), path, models.Options{Now: func() time.Time { return modelstest.Start }})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.DB().Exec("UPDATE notifications SET status = ?, sent_at = ?", models.OutboxSent, modelstest.Start).Error; err != nil {
		b.Fatal(err)
	}
}

// seedDigestCounty writes a county of n cadres with a year of reports and
// a bound admin into a new SQLite file.
func seedDigestCounty(b *testing.B, path string, n int, adminID int64) {
	b.Helper()
	ctx := context.Background()
	st, err := models.Open(ctx, path, models.Options{Now: func() time.Time { return modelstest.Start }})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	loc, _ := time.LoadLocation(models.DefaultZone)
	modelstest.SeedCounty(b, st, n/20, 20, models.DigestPeriod(modelstest.Start, loc), 12)
	now := modelstest.Start
	a := models.Cadre{Name: "周部长", ExternalID: "ADM", Role: models.RoleAdmin, Active: true, Lang: "zh",
		TelegramUserID: &adminID, ChatID: &adminID, BoundAt: &now}
	if err := st.DB().Create(&a).Error; err != nil {
		b.Fatal(err)
	}
	// The schedules as serve installs them, paused: the month's first
	// reminders to 10,000 cadres would fire at start and be measured
	// instead of the digest.
	for _, sc := range jobs.Registry().Defaults() {
		sc.TZ, sc.Enabled = loc.String(), false
		if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
			b.Fatal(err)
		}
	}
}

// procMemory reads a process's peak resident set (VmHWM) and the
// anonymous and file-backed parts of its resident set now (RssAnon,
// RssFile: the second is mostly the executable's own pages), in MB.
func procMemory(b *testing.B, pid int) (peak, anon, file float64) {
	b.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fields := map[string]*float64{"VmHWM:": &peak, "RssAnon:": &anon, "RssFile:": &file}
	found := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, _ := strings.Cut(sc.Text(), "\t")
		if p, ok := fields[name]; ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			if err != nil {
				b.Fatalf("%s %q: %v", name, rest, err)
			}
			*p = kb / 1024
			found++
		}
	}
	if found != len(fields) {
		b.Fatalf("/proc/%d/status lacks VmHWM, RssAnon or RssFile", pid)
	}
	return peak, anon, file
}
