package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// owedCounty is two units, their principals, their cadres and the
// department, all in chat, with talks owed, planned and scheduled.
type owedCounty struct {
	t      *testing.T
	st     *models.Store
	clock  *modelstest.Clock
	loc    *time.Location
	people map[string]models.Cadre
	router *bot.Router
	update int64
}

func newOwedCounty(t *testing.T, st *models.Store, clock *modelstest.Clock) *owedCounty {
	loc := mustZone(t, "Asia/Shanghai")
	clock.Set(time.Date(2026, 12, 1, 0, 0, 0, 0, loc))
	c := &owedCounty{t: t, st: st, clock: clock, loc: loc, people: map[string]models.Cadre{},
		router: bot.NewRouter(bot.Options{Location: loc, Calendar: models.WeekdayCalendar{}})}
	ctx := context.Background()
	if err := installSchedules(ctx, c.st, loc); err != nil {
		t.Fatal(err)
	}
	for unit, names := range map[string][]string{"城关镇": {"李书记", "张三", "赵六", "钱八", "孙七"}, "河西乡": {"王乡长", "周五"}} {
		u := models.Unit{Name: unit, Kind: models.UnitTownship, Category: "乡镇一类"}
		c.must(c.st.DB().Create(&u).Error)
		for i, name := range names {
			role := models.RoleCadre
			if i == 0 {
				role = models.RoleLeader
			}
			c.person(name, role, &u.ID)
		}
		c.must(c.st.DB().Model(&u).Update("principal_id", c.people[names[0]].ID).Error)
	}
	c.person("周部长", models.RoleAdmin, nil)
	return c
}

func (c *owedCounty) must(err error) {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
}

func (c *owedCounty) person(name, role string, unit *int64) {
	p := models.Cadre{Name: name, ExternalID: "GS-" + name, UnitID: unit, Role: role, Lang: "zh", Active: true}
	c.must(c.st.DB().Create(&p).Error)
	chat, now := p.ID+1000, c.clock.Now()
	p.TelegramUserID, p.ChatID, p.BoundAt = &chat, &chat, &now
	c.must(c.st.DB().Save(&p).Error)
	c.people[name] = p
}

// talk puts a talk with the cadre straight into the table: due from one
// day by another, or scheduled when startsAt is set.
func (c *owedCounty) talk(cadre, reason, from, by string, startsAt *time.Time) {
	p := c.people[cadre]
	var u models.Unit
	c.must(c.st.DB().First(&u, *p.UnitID).Error)
	t := models.Talk{CadreID: p.ID, LeaderID: *u.PrincipalID, Reason: reason, Status: models.TalkDue, Version: 1,
		Source: models.TalkFromChat, DueFrom: from, DueBy: by}
	if startsAt != nil {
		t.Status, t.StartsAt, t.ScheduledAt = models.TalkScheduled, startsAt, startsAt
	}
	c.must(c.st.DB().Create(&t).Error)
}

// say sends a private message as name and returns the reply's text.
func (c *owedCounty) say(name, text string) string {
	c.t.Helper()
	c.update++
	chat := *c.people[name].ChatID
	u := &tgmodels.Update{ID: c.update, Message: &tgmodels.Message{Text: text, From: &tgmodels.User{ID: chat},
		Chat: tgmodels.Chat{ID: chat, Type: tgmodels.ChatTypePrivate}}}
	ctx := context.Background()
	c.must(c.st.Tx(ctx, func(tx *models.Store) error { return c.router.Handle(ctx, tx, u) }))
	var out []string
	for _, n := range c.outbox("text", chat) {
		var m telegram.Message
		c.must(json.Unmarshal([]byte(n.Payload), &m))
		out = append(out, m.Text)
	}
	return strings.Join(out, "\n")
}

// outbox takes the notifications of a kind to a chat out of the outbox,
// so that tomorrow's look at the same day is not deduplicated away.
func (c *owedCounty) outbox(kind string, chat int64) []models.Notification {
	c.t.Helper()
	var ns []models.Notification
	c.must(c.st.DB().Where("kind = ? AND chat_id = ?", kind, chat).Order("id").Find(&ns).Error)
	c.must(c.st.DB().Where("kind = ? AND chat_id = ?", kind, chat).Delete(&models.Notification{}).Error)
	return ns
}

// run runs a schedule now, as an admin's /schedule run does.
func (c *owedCounty) run(schedule string) {
	c.t.Helper()
	if _, err := engineFor(c.st, c.loc, nil).RunNow(context.Background(), schedule, nil); err != nil {
		c.t.Fatal(err)
	}
}

var owedLine = regexp.MustCompile(`· (\S+?)（`)

// talksOwed is what /talks lists under 待安排 for name: the cadres, and
// the count in the heading.
func (c *owedCounty) talksOwed(name string) ([]string, int) {
	text := c.say(name, "/talks")
	_, sec, ok := strings.Cut(text, "<b>待安排</b>（")
	if !ok {
		c.t.Fatalf("/talks has no 待安排 section:\n%s", text)
	}
	var n int
	fmt.Sscanf(sec, "%d", &n)
	sec, _, _ = strings.Cut(sec, "\n\n")
	var names []string
	for _, m := range owedLine.FindAllStringSubmatch(sec, -1) {
		names = append(names, m[1])
	}
	return sorted(names), n
}

func sorted(s []string) []string {
	slices.Sort(s)
	return s
}

// One definition of an owed talk: on each day, the principal's /talks, the
// unit's digest, the county digest, the department's /talks and the
// talk-owed reminder name the same talks — not a follow-up planned for a
// later day, not one already scheduled, whatever the hour in UTC.
func TestOwedTalksAgreeEverywhere(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		owedTalksAgree(t, newOwedCounty(t, st, clock))
	})
}

func owedTalksAgree(t *testing.T, c *owedCounty) {
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, c.loc) }
	starts := at(2026, 12, 30, 10, 0)
	c.talk("张三", models.TalkPostChange, "2026-12-10", "2026-12-18", nil)  // overdue
	c.talk("赵六", models.TalkFamily, "2026-12-28", "2027-01-07", nil)      // owed from today, due in January
	c.talk("钱八", models.TalkSetback, "2026-12-21", "2026-12-30", nil)     // owed this month
	c.talk("孙七", models.TalkFollowUp, "2027-01-15", "2027-01-26", nil)    // a follow-up next month
	c.talk("张三", models.TalkFollowUp, "2026-12-29", "2027-01-08", nil)    // a follow-up tomorrow
	c.talk("钱八", models.TalkRoutine, "2026-12-21", "2026-12-30", &starts) // scheduled
	c.talk("周五", models.TalkEarlySign, "2026-12-01", "2026-12-09", nil)   // another unit, overdue

	for _, look := range []struct {
		now           time.Time
		city, village []string // owed in 城关镇 and 河西乡
		overdue       int64
	}{
		{at(2026, 12, 28, 9, 0), []string{"张三", "赵六", "钱八"}, []string{"周五"}, 2},
		{at(2026, 12, 28, 23, 30), []string{"张三", "赵六", "钱八"}, []string{"周五"}, 2},
		{at(2026, 12, 29, 0, 30), []string{"张三", "张三", "赵六", "钱八"}, []string{"周五"}, 2}, // still 28 December in UTC
		{at(2027, 1, 15, 9, 0), []string{"孙七", "张三", "张三", "赵六", "钱八"}, []string{"周五"}, 5},
	} {
		c.clock.Set(look.now)
		when := look.now.Format("01-02 15:04")
		want := sorted(look.city)

		if got, n := c.talksOwed("李书记"); !slices.Equal(got, want) || n != len(want) {
			t.Errorf("%s: /talks of 李书记 owes %v (heading %d), want %v", when, got, n, want)
		}
		if got, _ := c.talksOwed("王乡长"); !slices.Equal(got, look.village) {
			t.Errorf("%s: /talks of 王乡长 owes %v, want %v", when, got, look.village)
		}

		c.run("digest-leader")
		for leader, want := range map[string][]string{"李书记": want, "王乡长": look.village} {
			ns := c.outbox(models.KindDigestLeader, *c.people[leader].ChatID)
			if len(ns) != 1 {
				t.Fatalf("%s: %d digests to %s", when, len(ns), leader)
			}
			var p models.DigestPayload
			c.must(json.Unmarshal([]byte(ns[0].Payload), &p))
			var got []string
			for _, d := range p.Leader.TalksDue {
				got = append(got, d.Cadre)
			}
			if got = sorted(got); !slices.Equal(got, want) {
				t.Errorf("%s: %s's digest has %v to arrange, want %v", when, leader, got, want)
			}
		}

		c.run("digest-admin")
		ns := c.outbox(models.KindDigestAdmin, *c.people["周部长"].ChatID)
		if len(ns) != 1 {
			t.Fatalf("%s: %d county digests", when, len(ns))
		}
		var p models.DigestPayload
		c.must(json.Unmarshal([]byte(ns[0].Payload), &p))
		var owed, overdue int64
		for _, r := range p.Admin.Talks {
			owed, overdue = owed+r.Owed, overdue+r.Overdue
		}
		if owed != int64(len(want)+len(look.village)) || overdue != look.overdue {
			t.Errorf("%s: county digest owes %d (%d overdue), want %d (%d)", when, owed, overdue, len(want)+len(look.village), look.overdue)
		}

		county := c.say("周部长", "/talks")
		for unit, n := range map[string]int{"城关镇": len(want), "河西乡": len(look.village)} {
			if line := fmt.Sprintf("%s：待安排 %d，", unit, n); !strings.Contains(county, line) {
				t.Errorf("%s: the department's /talks lacks %q:\n%s", when, line, county)
			}
		}

		// The reminder goes out on the day a talk becomes owed and every
		// two workdays after; whenever it does, it lists all the holder owes.
		c.run("talk-owed")
		for leader, want := range map[string][]string{"李书记": want, "王乡长": look.village} {
			ns := c.outbox(models.KindTalkDue, *c.people[leader].ChatID)
			if leader == "李书记" && len(ns) != 1 { // a talk of 城关镇 becomes owed on each of these days
				t.Errorf("%s: %d talk-owed reminders to 李书记", when, len(ns))
			}
			for _, n := range ns {
				var p models.TalksOwed
				c.must(json.Unmarshal([]byte(n.Payload), &p))
				var got []string
				for _, d := range p.Talks {
					got = append(got, d.Cadre)
				}
				if got = sorted(got); !slices.Equal(got, want) {
					t.Errorf("%s: talk-owed reminds %s of %v, want %v", when, leader, got, want)
				}
			}
		}
	}
}
