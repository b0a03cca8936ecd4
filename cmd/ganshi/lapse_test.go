package main

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// storyClock starts at a fixed instant and runs at real speed, so the
// sender's spacing between messages elapses; jump moves it ahead.
type storyClock struct {
	start, began time.Time
	skipped      atomic.Int64
}

func newStoryClock(start time.Time) *storyClock { return &storyClock{start: start, began: time.Now()} }

func (c *storyClock) Now() time.Time {
	return c.start.Add(time.Since(c.began) + time.Duration(c.skipped.Load()))
}

func (c *storyClock) jump(to time.Time) { c.skipped.Add(int64(to.Sub(c.Now()))) }

// The report reminder held by quiet hours reaches a cadre who submitted
// meanwhile: issue 10, item 1, reproduced as reported. /quiet ends in two
// minutes, `ganshi schedule run report-remind-due-day`, the cadre submits,
// the window ends: the cadre gets no reminder, its row is lapsed, and the
// principal, who still owes, gets theirs.
func TestHeldReminderLapsesOnceSubmitted(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole serve wiring")
	}
	ctx := context.Background()
	sh := mustZone(t, "Asia/Shanghai")
	clock := newStoryClock(time.Date(2026, 11, 30, 9, 58, 0, 0, sh)) // the deadline's day
	fake := telegramtest.New(telegramtest.Options{})
	t.Cleanup(fake.Close)
	st := modelstest.SQLite(t, clock.Now)
	lead, cadre, admin := seedLapseUnit(t, st, fake)
	tg, err := telegram.New(fake.Token(), fake.URL(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(st, tg, config{HTTPAddr: "127.0.0.1:0", SendRate: 25, TZ: sh, perChat: 20 * time.Millisecond}, slog.New(slog.DiscardHandler))
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.serve(runCtx) }()
	t.Cleanup(func() { stop(); <-done })
	say := func(u telegramtest.User, text, want string) {
		t.Helper()
		before := len(fake.BotMessages(u.ID))
		fake.SendPrivate(u, text)
		if err := waitText(fake, u.ID, before, want); err != nil {
			t.Fatalf("%s %q: no reply with %q: %v\n%s", u.FirstName, text, want, err, chatText(fake, u.ID))
		}
	}

	say(admin, "/quiet 21:00-10:00", "21:00–10:00")
	var out strings.Builder
	if err := scheduleCommand(ctx, st, "run", cliArgs{pos: []string{"report-remind-due-day"}, loc: sh}, &out); err != nil {
		t.Fatal(err)
	}
	var held models.Notification
	if err := st.DB().Where("kind = ? AND chat_id = ?", models.KindReportReminder, cadre.ID).Take(&held).Error; err != nil {
		t.Fatalf("no reminder written (%s): %v", out.String(), err)
	}
	if want := time.Date(2026, 11, 30, 10, 0, 0, 0, sh); held.Status != models.OutboxPending || !held.NextAttemptAt.Equal(want) ||
		!strings.Contains(held.Payload, "not_started") {
		t.Fatalf("the reminder is not held until the quiet hours end: %+v", held)
	}

	// The cadre writes the report after the reminder was written
	// (saying 尚未开始填写), and submits it.
	c, err := st.GetCadre(ctx, cadre.ID)
	if err != nil {
		t.Fatal(err)
	}
	fillNovember(t, st, c)
	say(cadre, "/report", "请核对以上内容")
	say(cadre, "/submit", "已提交")
	// A later notice to the cadre, written as jobs write theirs: notices of
	// one chat go out in order, so once it has arrived the held reminder
	// has had its turn.
	after := &models.Notification{ChatID: cadre.ID, Kind: "text", Payload: `{"text":"稍后的通知"}`, DedupKey: "test:after",
		NextAttemptAt: time.Date(2026, 11, 30, 10, 0, 0, 0, sh).UTC()}
	if _, err := st.Enqueue(ctx, after); err != nil {
		t.Fatal(err)
	}
	clock.jump(time.Date(2026, 11, 30, 10, 1, 0, 0, sh))
	a.send.Poke()
	if err := waitText(fake, cadre.ID, 0, "稍后的通知"); err != nil {
		t.Fatalf("the later notice did not arrive: %v\n%s", err, chatText(fake, cadre.ID))
	}
	if err := waitText(fake, lead.ID, 0, "今天是2026年11月月度实绩的截止日"); err != nil {
		t.Fatalf("the principal, who still owes, got no reminder: %v\n%s", err, chatText(fake, lead.ID))
	}
	if got := chatText(fake, cadre.ID); strings.Contains(got, "截止日") || strings.Contains(got, "尚未开始填写") {
		t.Errorf("the cadre was reminded after submitting:\n%s", got)
	}
	n, err := st.GetNotification(ctx, held.ID)
	if err != nil || n.Status != models.OutboxLapsed || !strings.Contains(n.LastError, "submitted") {
		t.Errorf("held reminder row = %+v %v, want lapsed", n, err)
	}
	if got := a.met.Sends.Value("lapsed"); got != 1 {
		t.Errorf("ganshi_sends_total{result=\"lapsed\"} = %d", got)
	}
}

// seedLapseUnit binds a unit's principal, one cadre and an admin. Chat
// ids equal cadre ids.
func seedLapseUnit(t *testing.T, st *models.Store, fake *telegramtest.Server) (lead, cadre, admin telegramtest.User) {
	t.Helper()
	u := models.Unit{Name: "城关镇", Kind: models.UnitTownship, Category: "乡镇"}
	if err := st.DB().Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	var users []telegramtest.User
	for _, p := range []struct {
		name, role string
		unit       *int64
	}{{"李书记", models.RoleLeader, &u.ID}, {"张三", models.RoleCadre, &u.ID}, {"周部长", models.RoleAdmin, nil}} {
		c := models.Cadre{Name: p.name, ExternalID: p.name, UnitID: p.unit, Role: p.role, Active: true, Lang: "zh"}
		if err := st.DB().Create(&c).Error; err != nil {
			t.Fatal(err)
		}
		if err := st.DB().Model(&c).Updates(map[string]any{"telegram_user_id": c.ID, "chat_id": c.ID}).Error; err != nil {
			t.Fatal(err)
		}
		c.ChatID = &c.ID
		user := telegramtest.User{ID: c.ID, FirstName: p.name}
		fake.AddUser(user)
		users = append(users, user)
	}
	if err := st.DB().Model(&u).Update("principal_id", users[0].ID).Error; err != nil {
		t.Fatal(err)
	}
	return users[0], users[1], users[2]
}

func fillNovember(t *testing.T, st *models.Store, c models.Cadre) {
	t.Helper()
	ctx := context.Background()
	p := models.Period{Year: 2026, Month: time.November}
	rep, err := st.OpenReport(ctx, c, p, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for section, text := range map[string]string{models.SectionAchievement: "完成征收 35 户", models.SectionPlan: "和平路拓宽工程开工"} {
		if _, err := st.AddItems(ctx, rep.ID, section, []models.NewItem{{Text: text}}); err != nil {
			t.Fatal(err)
		}
	}
}

// waitText waits until a bot message in chat after the first skip
// contains want.
func waitText(fake *telegramtest.Server, chat int64, skip int, want string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return fake.WaitFor(ctx, func(s *telegramtest.Server) bool {
		msgs := s.BotMessages(chat)
		for _, m := range msgs[min(skip, len(msgs)):] {
			if strings.Contains(m.Plain, want) {
				return true
			}
		}
		return false
	})
}

func chatText(fake *telegramtest.Server, chat int64) string {
	var b strings.Builder
	for _, m := range fake.BotMessages(chat) {
		b.WriteString(m.Plain + "\n")
	}
	return b.String()
}
