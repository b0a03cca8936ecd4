package browsertest

import (
	"context"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
)

// groupChat is 城关镇's posting group (公示群).
const groupChat = -700

var nov = models.Period{Year: 2026, Month: time.November}

// seed makes the county: 城关镇 (principal 李书记; 张三 and 陈晓燕 have
// submitted November), 河西乡 (principal 王乡长; 孙七 has submitted), the
// department's 周部长, and more units for the overview, none of them in
// chat. Everyone named is bound to a Telegram user of the fake server.
func (w *world) seed() {
	w.unit("城关镇", "乡镇一类")
	w.unit("河西乡", "乡镇二类")
	w.person("李书记", "城关镇", models.RoleLeader, "党委书记")
	w.person("张三", "城关镇", models.RoleCadre, "副镇长")
	w.person("陈晓燕", "城关镇", models.RoleCadre, "党委委员")
	w.person("王乡长", "河西乡", models.RoleLeader, "乡长")
	w.person("孙七", "河西乡", models.RoleCadre, "副乡长")
	w.person("周部长", "", models.RoleAdmin, "干部科科长")
	w.fake.AddGroup(groupChat, "城关镇工作群")
	w.must(w.st.BindGroup(context.Background(), w.units["城关镇"].ID, groupChat))
	for _, name := range []string{"张三", "陈晓燕", "孙七"} {
		w.submit(name, "完成棚户区改造征收 35 户", "完成剩余 12 户签约")
	}
	w.talks()
	w.moreUnits()
}

// talks: 李书记 owes 张三 a talk, has one with 陈晓燕 on Saturday and one
// held with 张三 yesterday not yet written down; 王乡长 held and recorded
// one with 孙七.
func (w *world) talks() {
	at := func(s string) *time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
		w.must(err)
		return &t
	}
	lead, wang := w.cadres["李书记"].ID, w.cadres["王乡长"].ID
	ts := []models.Talk{
		{CadreID: w.cadres["张三"].ID, LeaderID: lead, Reason: models.TalkPostChange, Status: models.TalkDue,
			Note: "调任分管城建", DueFrom: "2026-11-20", DueBy: "2026-11-27"},
		{CadreID: w.cadres["陈晓燕"].ID, LeaderID: lead, Reason: models.TalkRoutine, Status: models.TalkScheduled,
			DueFrom: "2026-11-20", DueBy: "2026-12-01", StartsAt: at("2026-11-28 15:00"), Place: "党委书记办公室", Answer: models.AnswerConfirmed},
		{CadreID: w.cadres["张三"].ID, LeaderID: lead, Reason: models.TalkSetback, Status: models.TalkScheduled,
			DueFrom: "2026-11-18", DueBy: "2026-11-27", StartsAt: at("2026-11-25 09:30"), Place: "小会议室"},
		{CadreID: w.cadres["孙七"].ID, LeaderID: wang, Reason: models.TalkFamily, Status: models.TalkClosed,
			DueFrom: "2026-11-16", DueBy: "2026-11-25", StartsAt: at("2026-11-20 10:00"), Place: "乡长办公室",
			RecordStep: models.RecordDone, Summary: "了解家中老人住院情况，安排工作调休", Concerns: "担心影响重点项目进度",
			Agreed: "由副乡长临时分担项目协调", Attention: true, RecordedAt: at("2026-11-20 11:00")},
	}
	for i := range ts {
		ts[i].Version, ts[i].Source = 1, models.TalkFromChat
	}
	w.must(w.st.DB().Create(&ts).Error)
}

func (w *world) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) unit(name, category string) models.Unit {
	u := models.Unit{Name: name, Kind: models.UnitTownship, Category: category}
	w.must(w.st.DB().Create(&u).Error)
	w.units[name] = u
	return u
}

func (w *world) person(name, unit, role, position string) {
	uid := int64(2001 + len(w.users))
	c := models.Cadre{Name: name, ExternalID: fmt.Sprintf("GS%04d", uid), Role: role, Position: position, Lang: "zh",
		Active: true, TelegramUserID: &uid, ChatID: &uid}
	if unit != "" {
		id := w.units[unit].ID
		c.UnitID = &id
	}
	w.must(w.st.DB().Create(&c).Error)
	w.cadres[name] = c
	w.users[name] = telegramtest.User{ID: uid, FirstName: name}
	w.fake.AddUser(w.users[name])
	if role == models.RoleLeader {
		u := w.units[unit]
		u.PrincipalID = &c.ID
		w.must(w.st.DB().Save(&u).Error)
		w.units[unit] = u
	}
}

// submit gives the cadre a submitted November report.
func (w *world) submit(name, achievement, plan string) models.Report {
	ctx := context.Background()
	rep, err := w.st.OpenReport(ctx, w.cadres[name], nov, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	w.must(err)
	_, err = w.st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: achievement}})
	w.must(err)
	_, err = w.st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: plan}})
	w.must(err)
	rep, err = w.st.Submit(ctx, rep.ID, w.cadres[name].ID)
	w.must(err)
	return rep
}

// moreUnits fills the overview: three categories of units whose cadres
// stand in every state.
func (w *world) moreUnits() {
	names := []struct{ unit, cat string }{{"东城街道", "乡镇一类"}, {"经济开发区", "园区"}, {"高新园区", "园区"},
		{"县发改局", "县直经济类"}, {"县财政局", "县直经济类"}, {"县教育局", "县直社会类"}}
	ctx := context.Background()
	for i, n := range names {
		u := w.unit(n.unit, n.cat)
		for j := 0; j < 6+i; j++ {
			c := models.Cadre{Name: fmt.Sprintf("%s干部%d", n.unit, j+1), ExternalID: fmt.Sprintf("X%d-%d", u.ID, j), UnitID: &u.ID,
				Role: models.RoleCadre, Lang: "zh", Active: true}
			w.must(w.st.DB().Create(&c).Error)
			switch (i + j) % 5 {
			case 1, 2:
				w.cadres[c.Name] = c
				rep := w.submit(c.Name, "推进重点项目建设", "完成年度目标")
				if (i+j)%5 == 2 {
					_, err := w.st.Sign(ctx, rep.ID, 0, c.ID)
					w.must(err)
				}
			case 3:
				w.must(w.st.Exempt(ctx, c.ID, nov, "参加省委党校培训", c.ID))
			}
		}
	}
}

func (w *world) must2(_ any, err error) {
	w.t.Helper()
	w.must(err)
}
