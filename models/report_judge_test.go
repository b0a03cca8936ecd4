package models_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func submitted(t *testing.T, st *models.Store, c models.Cadre, p models.Period) models.Report {
	t.Helper()
	ctx := context.Background()
	rep, err := st.OpenReport(ctx, c, p, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	must(t, err)
	_, err = st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "完成征收 35 户"}})
	must(t, err)
	_, err = st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "完成剩余 12 户"}})
	must(t, err)
	rep, err = st.Submit(ctx, rep.ID, c.ID)
	must(t, err)
	return rep
}

func notices(t *testing.T, st *models.Store, kind string) []models.Notification {
	t.Helper()
	var ns []models.Notification
	must(t, st.DB().Where("kind = ?", kind).Order("id").Find(&ns).Error)
	return ns
}

// Signing tells the owner and posts to the unit's group, once however often
// it is asked; a principal signing their own report is not told about it.
func TestSignReportTellsOwnerAndGroupOnce(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		u, lead, cad := seedUnit(t, st, "城关镇")
		bind(t, st, &cad)
		must(t, st.BindGroup(ctx, u.ID, -700))
		rep := submitted(t, st, cad, nov)
		if _, err := st.SignReport(ctx, rep.ID, rep.Version, lead); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SignReport(ctx, rep.ID, 0, lead); !errors.Is(err, models.ErrConflict) {
			t.Fatalf("second signature: %v", err)
		}
		judged, posts := notices(t, st, models.KindReportJudged), notices(t, st, models.KindReportPosting)
		if len(judged) != 1 || judged[0].ChatID != *cad.ChatID || len(posts) != 1 || posts[0].ChatID != -700 {
			t.Fatalf("notices to owner %+v, postings %+v", judged, posts)
		}
		var p models.ReportPosting
		must(t, json.Unmarshal([]byte(posts[0].Payload), &p))
		if p.Owner != cad.Name || p.Signer != lead.Name || len(p.Items) != 2 || p.SignedAt == nil {
			t.Errorf("posting %+v", p)
		}
		var evs int64
		st.DB().Model(&models.ReportEvent{}).Where("report_id = ? AND kind = ?", rep.ID, "signed").Count(&evs)
		if evs != 1 {
			t.Errorf("%d signatures recorded", evs)
		}

		bind(t, st, &lead)
		own := submitted(t, st, lead, nov)
		if _, err := st.SignReport(ctx, own.ID, 0, lead); err != nil {
			t.Fatal(err)
		}
		if n := len(notices(t, st, models.KindReportJudged)); n != 1 {
			t.Errorf("the principal was told about signing their own report (%d notices)", n)
		}
	})
}

// Returning two months running — November first, October second — raises
// a talk and tells its holder once, whatever is returned after; returning
// and reopening tell the owner with the comment or the reason. All of it
// goes in the reply lane: it follows what a person just did.
func TestReturnAndReopenTellTheOwner(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		bind(t, st, &cad)
		bind(t, st, &lead)
		for _, p := range []models.Period{nov, nov.Prev()} {
			rep := submitted(t, st, cad, p)
			if _, err := st.ReturnReport(ctx, rep.ID, rep.Version, lead, "请写明户数"); err != nil {
				t.Fatal(err)
			}
		}
		var talks []models.Talk
		must(t, st.DB().Where("cadre_id = ?", cad.ID).Find(&talks).Error)
		if len(talks) != 1 || talks[0].Reason != models.TalkEarlySign {
			t.Errorf("talks after two returns in a row: %+v", talks)
		}
		oct, _ := st.ReportFor(ctx, cad.ID, nov.Prev())
		_, err := st.Submit(ctx, oct.ID, cad.ID)
		must(t, err)
		_, err = st.ReturnReport(ctx, oct.ID, 0, lead, "仍缺数字")
		must(t, err)
		told := notices(t, st, models.KindTalkReturnedTwice)
		if len(told) != 1 || told[0].ChatID != *lead.ChatID {
			t.Fatalf("the holder told %+v, want once", told)
		}
		var tr models.TalkReturnedTwice
		must(t, json.Unmarshal([]byte(told[0].Payload), &tr))
		if tr.TalkID != talks[0].ID || tr.First != nov.Prev().String() || tr.Second != nov.String() || tr.Cadre != cad.Name {
			t.Errorf("returned-twice notice %+v", tr)
		}
		rep, _ := st.ReportFor(ctx, cad.ID, nov)
		rep, err = st.Submit(ctx, rep.ID, cad.ID)
		must(t, err)
		_, err = st.SignReport(ctx, rep.ID, 0, lead)
		must(t, err)
		if _, err := st.ReopenReport(ctx, rep.ID, lead, "数字有误"); err != nil {
			t.Fatal(err)
		}
		var outcomes []string
		for _, n := range notices(t, st, models.KindReportJudged) {
			var p models.ReportJudged
			must(t, json.Unmarshal([]byte(n.Payload), &p))
			outcomes = append(outcomes, p.Outcome+":"+p.Comment)
		}
		want := []string{"returned:请写明户数", "returned:请写明户数", "returned:仍缺数字", "signed:", "reopened:数字有误"}
		if len(outcomes) != len(want) {
			t.Fatalf("owner told %v, want %v", outcomes, want)
		}
		for i := range want {
			if outcomes[i] != want[i] {
				t.Errorf("notice %d: %s, want %s", i, outcomes[i], want[i])
			}
		}
		var bulk int64
		must(t, st.DB().Model(&models.Notification{}).Where("lane <> ?", models.LaneReply).Count(&bulk).Error)
		if bulk != 0 {
			t.Errorf("%d notices of a judgement outside the reply lane", bulk)
		}
	})
}

func TestJudgeRules(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		u, lead, cad := seedUnit(t, st, "城关镇")
		v, other, _ := seedUnit(t, st, "河西乡")
		admin := models.Cadre{ID: 99, Role: models.RoleAdmin, Active: true}
		cases := []struct {
			who          models.Cadre
			unit         models.Unit
			judge, reopn bool
		}{
			{lead, u, true, true}, {other, u, false, false}, {other, v, true, true},
			{cad, u, false, false}, {admin, u, false, true},
		}
		for _, c := range cases {
			if got := c.who.MayJudgeReport(c.unit); got != c.judge {
				t.Errorf("%s judging %s: %v", c.who.Name, c.unit.Name, got)
			}
			if got := c.who.MayReopenReport(c.unit); got != c.reopn {
				t.Errorf("%s reopening in %s: %v", c.who.Name, c.unit.Name, got)
			}
		}
		lead.Active = false
		if lead.MayJudgeReport(u) || lead.MayReopenReport(u) {
			t.Error("an inactive principal may judge")
		}
	})
}
