package bot

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/texts"
)

// BenchmarkWelcomes binds GANSHI_BENCH_BINDINGS cadres (default 500) who
// all open their invitation at once, through the whole loop: the fake
// Telegram server (enforcing its limits), the poller, the dispatcher with
// the real router, and the sender at its default 25 msg/s. A plain
// cadre's menu is every private chat's default, so each binding costs one
// message and welcomes arrive at the cap; welcomes/s is measured at the
// server, from the first welcome to the last. 500 bindings take ~20 s.
//
//	go test ./bot -run '^$' -bench Welcomes -benchtime 1x
func BenchmarkWelcomes(b *testing.B) {
	n := 500
	if v, err := strconv.Atoi(os.Getenv("GANSHI_BENCH_BINDINGS")); err == nil && v > 0 {
		n = v
	}
	for range b.N {
		b.StopTimer()
		st := modelstest.SQLite(b, time.Now)
		srv := telegramtest.New(telegramtest.Options{EnforceLimits: true})
		b.Cleanup(srv.Close)
		users := seedInvitations(b, st, srv, n)
		if err := InstallMenus(context.Background(), st); err != nil {
			b.Fatal(err)
		}
		tg, err := telegram.New(srv.Token(), srv.URL(), 10*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		log := slog.New(slog.DiscardHandler)
		loc, _ := time.LoadLocation(models.DefaultZone)
		s := sender.New(st, tg, sender.Config{Logger: log, Render: Renderer(loc)})
		d := inbox.NewDispatcher(st, NewRouter(Options{Location: loc}).Handle, inbox.DispatcherConfig{Logger: log, OnDone: s.Poke})
		p := inbox.NewPoller(st, tg, inbox.PollerConfig{Logger: log, OnStored: d.Poke, Timeout: time.Second})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 3)
		b.StartTimer()
		for _, run := range []func(context.Context) error{s.Run, d.Run, p.Run} {
			go func() { done <- run(ctx) }()
		}
		for i, u := range users {
			srv.SendPrivate(u, fmt.Sprintf("/start %s", inviteCode(i)))
		}
		wctx, wcancel := context.WithTimeout(context.Background(), 20*time.Minute)
		err = srv.WaitFor(wctx, func(s *telegramtest.Server) bool { return len(s.SentTimes(0)) >= n })
		wcancel()
		b.StopTimer()
		cancel()
		for range 3 {
			<-done
		}
		if err != nil {
			b.Fatal(err)
		}
		times := srv.SentTimes(0)
		b.ReportMetric(float64(len(times)-1)/times[len(times)-1].Sub(times[0]).Seconds(), "welcomes/s")
		b.ReportMetric(float64(srv.Count429()), "429s")
		own := 0
		for k := range srv.Commands() {
			if len(k) > 5 && k[:5] == "chat:" {
				own++
			}
		}
		b.ReportMetric(float64(own), "chat_menus")
		for _, u := range users {
			if got := srv.MenuShown(u.ID, u.LanguageCode); !slices.EqualFunc(got, cadreMenu(texts.ZH), func(a telegramtest.Command, c telegram.Command) bool {
				return a.Command == c.Name && a.Description == c.Description
			}) {
				b.Fatalf("user %d shows the menu %+v, not a cadre's", u.ID, got)
			}
		}
	}
}

func inviteCode(i int) string { return fmt.Sprintf("WB%08d", i) }

// seedInvitations puts n cadres in units of 20 on the roster, each with an
// invitation, and n Chinese-speaking Telegram users who will open them.
func seedInvitations(b *testing.B, st *models.Store, srv *telegramtest.Server, n int) []telegramtest.User {
	b.Helper()
	ctx := context.Background()
	var unit models.Unit
	users := make([]telegramtest.User, n)
	for i := range n {
		if i%20 == 0 {
			unit = models.Unit{Name: fmt.Sprintf("单位%04d", i/20), Kind: models.UnitTownship}
			if err := st.DB().Create(&unit).Error; err != nil {
				b.Fatal(err)
			}
		}
		c := models.Cadre{Name: fmt.Sprintf("干部%04d", i), ExternalID: fmt.Sprint("W", i), UnitID: &unit.ID,
			Role: models.RoleCadre, Active: true, Lang: texts.ZH}
		if err := st.DB().Create(&c).Error; err != nil {
			b.Fatal(err)
		}
		if err := st.IssueInvite(ctx, c.ID, inviteCode(i), time.Now().Add(24*time.Hour)); err != nil {
			b.Fatal(err)
		}
		users[i] = telegramtest.User{ID: int64(20000 + i), FirstName: "U", LanguageCode: "zh-hans"}
	}
	return users
}
