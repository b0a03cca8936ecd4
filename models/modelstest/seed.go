package modelstest

import (
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// SeedCounty makes units × perUnit cadres (the first of each unit its
// leader) with reports for the given periods ending at last, cycling
// through every state, one exemption per unit per period, and a few talks.
func SeedCounty(tb testing.TB, st *models.Store, units, perUnit int, last models.Period, periods int) {
	tb.Helper()
	seedZone, _ := time.LoadLocation(models.DefaultZone)
	db := st.DB()
	now := st.Now()
	us := make([]models.Unit, units)
	for i := range us {
		us[i] = models.Unit{Name: fmt.Sprintf("单位%05d", i), Kind: models.UnitTownship, Category: fmt.Sprintf("类别%d", i%4)}
	}
	mustSeed(tb, db.CreateInBatches(&us, 500).Error)
	cs := make([]models.Cadre, 0, units*perUnit)
	for _, u := range us {
		for j := 0; j < perUnit; j++ {
			c := models.Cadre{Name: fmt.Sprintf("%s-%d", u.Name, j), ExternalID: fmt.Sprintf("X%d-%d", u.ID, j),
				UnitID: &u.ID, Role: models.RoleCadre, Lang: "zh", Active: true}
			if j == 0 {
				c.Role = models.RoleLeader
			}
			if j%3 != 2 {
				uid := u.ID*10000 + int64(j)
				c.TelegramUserID, c.ChatID, c.BoundAt = &uid, &uid, &now
				c.Unreachable = j%7 == 4
			}
			cs = append(cs, c)
		}
	}
	mustSeed(tb, db.CreateInBatches(&cs, 1000).Error)
	p := last
	for k := 0; k < periods; k++ {
		due := models.DefaultDueRule.Due(p, seedZone, models.WeekdayCalendar{})
		var rs []models.Report
		var es []models.Exemption
		for i, c := range cs {
			switch (i + k) % 7 {
			case 0: // not started
			case 6:
				es = append(es, models.Exemption{CadreID: c.ID, Period: p.String(), Reason: "病假", At: now})
			default:
				r := models.Report{CadreID: c.ID, Period: p.String(), UnitID: *c.UnitID, DueAt: due}
				sub := due.Add(-time.Hour)
				if (i+k)%5 == 0 {
					sub, r.Late = due.Add(time.Hour), true
				}
				r.Status = []string{"", models.ReportDraft, models.ReportSubmitted, models.ReportReturned, models.ReportSigned, models.ReportSigned}[(i+k)%7]
				if r.Status != models.ReportDraft {
					r.SubmittedAt = &sub
				}
				rs = append(rs, r)
			}
		}
		mustSeed(tb, db.CreateInBatches(&rs, 1000).Error)
		mustSeed(tb, db.CreateInBatches(&es, 1000).Error)
		p = p.Prev()
	}
	var ts []models.Talk
	for i := 0; i < len(cs); i += 5 {
		t := models.Talk{CadreID: cs[i].ID, LeaderID: cs[i-i%perUnit].ID, Reason: models.TalkReasons[i%len(models.TalkReasons)],
			Source: models.TalkFromChat, DueFrom: "2026-10-20", DueBy: "2026-10-29", Status: models.TalkDue}
		switch i % 4 {
		case 1:
			at := now.Add(48 * time.Hour)
			t.Status, t.StartsAt = models.TalkScheduled, &at
		case 2:
			at := now.Add(-48 * time.Hour)
			t.Status, t.StartsAt = models.TalkHeld, &at
		case 3:
			at := now.Add(-72 * time.Hour)
			t.Status, t.StartsAt = models.TalkClosed, &at
		}
		ts = append(ts, t)
	}
	mustSeed(tb, db.CreateInBatches(&ts, 1000).Error)
}

func mustSeed(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
