package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestRefreshTalkReminder(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		chat, lchat := bind(t, st, &cad), bind(t, st, &lead)
		tk, _, err := st.RaiseTalk(ctx, cad.ID, models.TalkFamily, "", models.TalkFromEvent)
		must(t, err)
		start := at("2026-11-04 15:00")
		tk, err = st.ScheduleTalk(ctx, tk.ID, tk.Version, lead.ID, start, "会议室")
		must(t, err)
		p := models.TalkReminder{Lang: "en", Role: models.TalkRoleCadre, TalkID: tk.ID, Cadre: "旧", Leader: "旧",
			StartsAt: start.UTC(), Place: "旧", Zone: "Asia/Shanghai"}
		rc := models.Recheck{ChatID: chat, Loc: shanghai}

		tk, err = st.ScheduleTalk(ctx, tk.ID, tk.Version, lead.ID, start, "党委书记办公室")
		must(t, err)
		got, err := st.RefreshTalkReminder(ctx, rc, p)
		if err != nil || got.Place != "党委书记办公室" || got.Leader != lead.Name || got.Lang != "zh" || got.Version != tk.Version {
			t.Errorf("same time, new place: %+v %v", got, err)
		}
		_, err = st.RefreshTalkReminder(ctx, models.Recheck{ChatID: lchat, Loc: shanghai}, p)
		wantLapsed(t, "the cadre's reminder in the leader's chat", err)
		lp := p
		lp.Role = models.TalkRoleLeader
		if _, err := st.RefreshTalkReminder(ctx, models.Recheck{ChatID: lchat, Loc: shanghai}, lp); err != nil {
			t.Errorf("the leader's reminder: %v", err)
		}

		clock.Set(start)
		_, err = st.RefreshTalkReminder(ctx, rc, p)
		wantLapsed(t, "begun", err)
		clock.Set(modelstest.Start)

		moved := start.Add(24 * time.Hour)
		tk, err = st.ScheduleTalk(ctx, tk.ID, tk.Version, lead.ID, moved, "会议室")
		must(t, err)
		_, err = st.RefreshTalkReminder(ctx, rc, p)
		wantLapsed(t, "moved", err)

		p.StartsAt = moved.UTC()
		if _, err := st.RefreshTalkReminder(ctx, rc, p); err != nil {
			t.Errorf("the reminder of the new time: %v", err)
		}
		_, err = st.CancelTalk(ctx, tk.ID, lead.ID, "对方出差")
		must(t, err)
		_, err = st.RefreshTalkReminder(ctx, rc, p)
		wantLapsed(t, "cancelled", err)
	})
}

func TestRefreshTalksOwed(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		u, lead, a := seedUnit(t, st, "城关镇")
		b := addCadre(t, st, u, "乙")
		lchat := bind(t, st, &lead)
		ta, _, err := st.RaiseTalk(ctx, a.ID, models.TalkFamily, "", models.TalkFromEvent)
		must(t, err)
		tb, _, err := st.RaiseTalk(ctx, b.ID, models.TalkSetback, "", models.TalkFromEvent)
		must(t, err)
		p := models.TalksOwed{LeaderID: lead.ID, Lang: "en", Today: "2026-10-01", Talks: []models.TalkDueItem{
			{TalkID: ta.ID, Cadre: "旧"}, {TalkID: tb.ID, Cadre: "旧"}}}
		rc := models.Recheck{ChatID: lchat, Loc: shanghai}

		_, err = st.ScheduleTalk(ctx, ta.ID, ta.Version, lead.ID, at("2026-11-04 15:00"), "会议室")
		must(t, err)
		got, err := st.RefreshTalksOwed(ctx, rc, p)
		if err != nil || len(got.Talks) != 1 || got.Talks[0].TalkID != tb.ID || got.Talks[0].Cadre != b.Name ||
			got.Today != "2026-11-02" || got.Lang != "zh" {
			t.Errorf("one left to arrange: %+v %v", got, err)
		}
		legacy := p
		legacy.LeaderID = 0
		if got, err := st.RefreshTalksOwed(ctx, rc, legacy); err != nil || got.LeaderID != lead.ID {
			t.Errorf("a payload without the leader's id: %+v %v", got, err)
		}
		_, err = st.CancelTalk(ctx, tb.ID, lead.ID, "已调离")
		must(t, err)
		_, err = st.RefreshTalksOwed(ctx, rc, p)
		wantLapsed(t, "none left", err)
	})
}

func TestRefreshTalkUnrecorded(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		lchat := bind(t, st, &lead)
		tk, _, err := st.RaiseTalk(ctx, cad.ID, models.TalkPostChange, "", models.TalkFromEvent)
		must(t, err)
		start := at("2026-11-04 15:00")
		tk, err = st.ScheduleTalk(ctx, tk.ID, tk.Version, lead.ID, start, "会议室")
		must(t, err)
		p := models.TalkUnrecorded{Lang: "zh", TalkID: tk.ID, Cadre: cad.Name, StartsAt: start.UTC(), Zone: "Asia/Shanghai"}
		rc := models.Recheck{ChatID: lchat, Loc: shanghai}
		_, err = st.RefreshTalkUnrecorded(ctx, rc, p)
		wantLapsed(t, "not yet held", err)

		clock.Set(start.Add(time.Hour))
		if _, err := st.RefreshTalkUnrecorded(ctx, rc, p); err != nil {
			t.Errorf("held, not written down: %v", err)
		}
		_, err = st.StartRecord(ctx, tk.ID)
		must(t, err)
		for _, step := range []string{models.RecordSummary, models.RecordConcerns, models.RecordAgreed, models.RecordAttention} {
			_, err = st.SaveRecordAnswer(ctx, tk.ID, step, "no")
			must(t, err)
		}
		if _, err := st.RefreshTalkUnrecorded(ctx, rc, p); err != nil {
			t.Errorf("record begun, not complete: %v", err)
		}
		_, _, err = st.CompleteRecord(ctx, tk.ID, "")
		must(t, err)
		_, err = st.RefreshTalkUnrecorded(ctx, rc, p)
		wantLapsed(t, "recorded", err)
	})
}
