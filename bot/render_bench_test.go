package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/texts"
)

// BenchmarkRenderText is a reply through the kinds table, the path every
// reply takes: it must cost what sender.Render costs, no database.
func BenchmarkRenderText(b *testing.B) {
	n := models.Notification{ChatID: 1, Kind: sender.KindText, Payload: `{"text":"已提交，已推送给李书记签字确认。"}`}
	render := Renderer(time.UTC)
	ctx := context.Background()
	for b.Loop() {
		if _, err := render(ctx, nil, n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecheckReminder is a report reminder re-checked and rendered
// just before sending, on SQLite, in a unit of 300: the work the sender
// adds per reminder (at 25 msg/s it has 40 ms per message).
func BenchmarkRecheckReminder(b *testing.B) {
	clock := modelstest.NewClock(modelstest.Start)
	st := modelstest.SQLite(b, clock.Now)
	u := models.Unit{Name: "城关镇", Kind: models.UnitTownship}
	if err := st.DB().Create(&u).Error; err != nil {
		b.Fatal(err)
	}
	var target models.Cadre
	for i := range 300 {
		c := models.Cadre{Name: "干部", ExternalID: string(rune('a'+i%26)) + time.Duration(i).String(), UnitID: &u.ID,
			Role: models.RoleCadre, Active: true, Lang: texts.ZH}
		id := int64(5000 + i)
		c.TelegramUserID, c.ChatID = &id, &id
		if err := st.DB().Create(&c).Error; err != nil {
			b.Fatal(err)
		}
		target = c
	}
	payload, _ := json.Marshal(models.ReportReminder{CadreID: target.ID, Lang: texts.ZH, Name: target.Name, Period: "2026-11",
		Stage: models.StageBefore, Missing: []string{"not_started"}})
	n := models.Notification{ChatID: *target.ChatID, Kind: models.KindReportReminder, Payload: string(payload)}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	render := Renderer(loc)
	ctx := context.Background()
	for b.Loop() {
		if _, err := render(ctx, st, n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRemindersRate25 drains a fan-out of report reminders
// (GANSHI_BENCH_MESSAGES, default 2,000, one per cadre) through the real
// sender at the default 25 msg/s, each re-checked just before it is sent,
// against a fake that enforces Telegram's limits. It takes about 80 s.
func BenchmarkRemindersRate25(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("GANSHI_BENCH_MESSAGES")); err == nil && v > 0 {
		n = v
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	for range b.N {
		b.StopTimer()
		st := modelstest.SQLite(b, time.Now)
		srv := seedReminders(b, st, n)
		tg, err := telegram.New(srv.Token(), srv.URL(), 10*time.Second)
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		s := sender.New(st, tg, sender.Config{Render: Renderer(loc), Logger: slog.New(slog.DiscardHandler)})
		done := make(chan error, 1)
		b.StartTimer()
		go func() { done <- s.Run(ctx) }()
		wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Minute)
		err = srv.WaitFor(wctx, func(s *telegramtest.Server) bool { return len(s.SentTimes(0)) >= n })
		wcancel()
		b.StopTimer()
		cancel()
		<-done
		if err != nil {
			b.Fatal(err)
		}
		times := srv.SentTimes(0)
		b.ReportMetric(float64(len(times)-1)/times[len(times)-1].Sub(times[0]).Seconds(), "msg/s")
		b.ReportMetric(float64(srv.Count429()), "429s")
	}
}

// seedReminders binds n cadres in units of 20 and writes each a report
// reminder, as the due-day job does.
func seedReminders(b *testing.B, st *models.Store, n int) *telegramtest.Server {
	b.Helper()
	srv := telegramtest.New(telegramtest.Options{EnforceLimits: true})
	b.Cleanup(srv.Close)
	var unit models.Unit
	for i := range n {
		if i%20 == 0 {
			unit = models.Unit{Name: fmt.Sprintf("单位%04d", i/20), Kind: models.UnitTownship}
			if err := st.DB().Create(&unit).Error; err != nil {
				b.Fatal(err)
			}
		}
		id := int64(10000 + i)
		c := models.Cadre{Name: fmt.Sprintf("干部%04d", i), ExternalID: fmt.Sprint("B", i), UnitID: &unit.ID,
			Role: models.RoleCadre, Active: true, Lang: texts.ZH, TelegramUserID: &id, ChatID: &id}
		if err := st.DB().Create(&c).Error; err != nil {
			b.Fatal(err)
		}
		srv.AddUser(telegramtest.User{ID: id, FirstName: "U"})
		payload, _ := json.Marshal(models.ReportReminder{CadreID: c.ID, Lang: texts.ZH, Name: c.Name, Period: "2026-11",
			Stage: models.StageBefore, Missing: []string{"not_started"}})
		row := &models.Notification{ChatID: id, Kind: models.KindReportReminder, Payload: string(payload), DedupKey: fmt.Sprint("r", id)}
		if _, err := st.Enqueue(context.Background(), row); err != nil {
			b.Fatal(err)
		}
	}
	return srv
}
