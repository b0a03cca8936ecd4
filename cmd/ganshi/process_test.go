package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
)

// buildBinary compiles ganshi once per test into its temp dir.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ganshi")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type proc struct {
	cmd *exec.Cmd
	log *os.File
}

func startServe(t *testing.T, bin string, env []string, logPath string) *proc {
	t.Helper()
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &proc{cmd: cmd, log: f}
}

func (p *proc) kill(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Kill() // SIGKILL: no chance to clean up
	_ = p.cmd.Wait()
	p.log.Close()
}

// TestServeLosesNothingWhenKilled sends 200 messages while the process is
// SIGKILLed at random moments and restarted; every message must be handled
// exactly once and answered.
func TestServeLosesNothingWhenKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test; runs in the full suite")
	}
	bin := buildBinary(t)
	fake := telegramtest.New(telegramtest.Options{})
	defer fake.Close()
	dir := t.TempDir()
	dbPath, logPath := filepath.Join(dir, "ganshi.db"), filepath.Join(dir, "serve.log")
	env := []string{
		"GANSHI_TELEGRAM_TOKEN=" + fake.Token(), "GANSHI_TELEGRAM_API_URL=" + fake.URL(),
		"GANSHI_DB=" + dbPath, "GANSHI_HTTP_ADDR=127.0.0.1:0", "GANSHI_SEND_RATE=100",
	}
	const users, perUser, kills = 50, 4, 5
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d", seed)

	fed := make(chan struct{})
	go func() {
		defer close(fed)
		tick := time.NewTicker(15 * time.Millisecond)
		defer tick.Stop()
		for i := range users * perUser {
			<-tick.C
			u := telegramtest.User{ID: int64(1000 + i%users), FirstName: fmt.Sprintf("干部%d", i%users)}
			fake.SendPrivate(u, fmt.Sprintf("第%d条消息", i))
		}
	}()
	for range kills {
		p := startServe(t, bin, env, logPath)
		time.Sleep(time.Duration(200+rng.IntN(1300)) * time.Millisecond) // a random moment to crash, not a wait for state
		p.kill(t)
	}
	<-fed
	final := startServe(t, bin, env, logPath)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	// Every chat answered; a total count could be reached with one
	// duplicate standing in for one still missing.
	err := fake.WaitFor(ctx, func(s *telegramtest.Server) bool {
		for u := range users {
			if len(s.BotMessages(int64(1000+u))) < perUser {
				return false
			}
		}
		return true
	})
	_ = final.cmd.Process.Signal(syscall.SIGTERM)
	if werr := final.cmd.Wait(); werr != nil {
		t.Errorf("serve did not exit cleanly on SIGTERM: %v", werr)
	}
	final.log.Close()
	if err != nil {
		t.Fatalf("only %d of %d replies arrived: %v", len(fake.AllBotMessages()), users*perUser, err)
	}

	st, err := models.Open(context.Background(), dbPath, models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	inbox, _ := st.InboxCounts(context.Background())
	if inbox[models.InboxDone] != users*perUser || len(inbox) != 1 {
		t.Errorf("inbox = %v, want all %d done", inbox, users*perUser)
	}
	var replies []struct {
		Status string
		N      int
	}
	st.DB().Model(&models.Notification{}).Select("status, COUNT(*) AS n").Where("dedup_key LIKE ?", "reply:%").Group("status").Scan(&replies)
	if len(replies) != 1 || replies[0].Status != models.OutboxSent || replies[0].N != users*perUser {
		t.Errorf("replies in the outbox = %+v, want exactly one per update, all sent", replies)
	}
	extra := 0
	for u := range users {
		n := len(fake.BotMessages(int64(1000 + u)))
		if n < perUser {
			t.Errorf("chat %d got %d replies for %d messages", 1000+u, n, perUser)
		}
		extra += n - perUser
	}
	// A kill between Telegram's answer and the sent mark can repeat that one
	// message (documented at-least-once case); one sender means at most one per kill.
	if extra > kills {
		t.Errorf("%d duplicate replies after %d kills", extra, kills)
	}
	logs, _ := os.ReadFile(logPath)
	secret := fake.Token()[strings.Index(fake.Token(), ":")+1:]
	if strings.Contains(string(logs), secret) {
		t.Error("the bot token appears in the logs")
	}
}
