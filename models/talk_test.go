package models_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// The clock starts on Monday 2026-11-02 09:00 in Shanghai.
func TestTalkRaise(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		tk, created, err := st.RaiseTalk(ctx, cad.ID, models.TalkFamily, "父亲病重", models.TalkFromEvent)
		if err != nil || !created {
			t.Fatalf("raise: %+v %v %v", tk, created, err)
		}
		if tk.Status != models.TalkDue || tk.LeaderID != lead.ID || tk.DueFrom != "2026-11-02" || tk.DueBy != "2026-11-11" {
			t.Errorf("raised talk: %+v", tk)
		}
		again, created, err := st.RaiseTalk(ctx, cad.ID, models.TalkFamily, "母亲住院", models.TalkFromEvent)
		if err != nil || created || again.ID != tk.ID || again.Note != "父亲病重；母亲住院" {
			t.Errorf("the same reason again should add to the owed talk: %+v %v %v", again, created, err)
		}
		if err := st.SetTalkPolicy(ctx, models.TalkPolicy{DueWorkdays: 3, Zone: "Asia/Shanghai"}); err != nil {
			t.Fatal(err)
		}
		trig, created, err := st.RaiseTriggered(ctx, models.TriggerReturnedTwice, cad.ID, "10月、11月实绩连续退回")
		if err != nil || !created || trig.Reason != models.TalkEarlySign || trig.Source != models.TriggerReturnedTwice || trig.DueBy != "2026-11-05" {
			t.Errorf("triggered talk: %+v %v %v", trig, created, err)
		}
		if _, _, err := st.RaiseTalk(ctx, lead.ID, models.TalkSetback, "", models.TalkFromEvent); !errors.Is(err, models.ErrNoPrincipal) {
			t.Errorf("a principal's own talk: %v", err)
		}
		if _, _, err := st.RaiseTalk(ctx, cad.ID, "gossip", "", models.TalkFromEvent); err == nil {
			t.Error("an unknown reason was accepted")
		}
		if _, _, err := st.RaiseTriggered(ctx, "moon_phase", cad.ID, ""); err == nil {
			t.Error("an unknown trigger was accepted")
		}
		if err := st.SetTalkPolicy(ctx, models.TalkPolicy{DueWorkdays: 0, Zone: "Asia/Shanghai"}); err == nil {
			t.Error("zero workdays accepted")
		}
		if err := st.SetTalkPolicy(ctx, models.TalkPolicy{DueWorkdays: 5, Zone: "Mars/Olympus"}); err == nil {
			t.Error("an unknown zone accepted")
		}
		due, err := st.TalksDueUnscheduled(ctx)
		if err != nil || len(due) != 2 || due[0].CadreName != cad.Name || due[0].LeaderName != lead.Name || due[0].UnitName != "城关镇" {
			t.Fatalf("due unscheduled: %+v %v", due, err)
		}
	})
}

func TestTalkLifecycle(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		tk, _, err := st.RaiseTalk(ctx, cad.ID, models.TalkPostChange, "调任城建办", models.TalkFromEvent)
		if err != nil {
			t.Fatal(err)
		}
		start := at("2026-11-04 15:00")
		tk, err = st.ScheduleTalk(ctx, tk.ID, tk.Version, lead.ID, start, "党委书记办公室")
		if err != nil || tk.Status != models.TalkScheduled || !tk.StartsAt.Equal(start) || tk.Version != 2 {
			t.Fatalf("schedule: %+v %v", tk, err)
		}
		if _, err := st.AnswerTalk(ctx, tk.ID, 1, models.AnswerConfirmed, ""); !errors.Is(err, models.ErrStale) {
			t.Errorf("an answer to an old invitation: %v", err)
		}
		if tk, err = st.AnswerTalk(ctx, tk.ID, tk.Version, models.AnswerLater, "那天下乡"); err != nil || tk.Answer != models.AnswerLater {
			t.Fatalf("answer: %+v %v", tk, err)
		}
		start = at("2026-11-05 10:00")
		if tk, err = st.ScheduleTalk(ctx, tk.ID, tk.Version, lead.ID, start, "党委书记办公室"); err != nil || tk.Answer != "" {
			t.Fatalf("a move voids the answer: %+v %v", tk, err)
		}
		if _, err := st.StartRecord(ctx, tk.ID); !errors.Is(err, models.ErrTooEarly) {
			t.Errorf("record before the talk: %v", err)
		}
		clock.Set(start.Add(90 * time.Minute))
		held, err := st.TalksHeldUnrecorded(ctx, clock.Now())
		if err != nil || len(held) != 1 || held[0].ID != tk.ID {
			t.Fatalf("held unrecorded: %+v %v", held, err)
		}
		if tk, err = st.StartRecord(ctx, tk.ID); err != nil || tk.Status != models.TalkHeld || tk.RecordStep != models.RecordSummary {
			t.Fatalf("start record: %+v %v", tk, err)
		}
		for _, a := range [][2]string{{models.RecordSummary, "谈了新岗位的要求"}, {models.RecordConcerns, "担心业务不熟"}} {
			if tk, err = st.SaveRecordAnswer(ctx, tk.ID, a[0], a[1]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.SaveRecordAnswer(ctx, tk.ID, models.RecordSummary, "again"); !errors.Is(err, models.ErrStale) {
			t.Errorf("an answer to a step already passed: %v", err)
		}
		// The draft survives: StartRecord again keeps it.
		if tk, err = st.StartRecord(ctx, tk.ID); err != nil || tk.RecordStep != models.RecordAgreed || tk.Concerns != "担心业务不熟" {
			t.Fatalf("resume: %+v %v", tk, err)
		}
		for _, a := range [][2]string{{models.RecordAgreed, "安排老同志帮带"}, {models.RecordAttention, "yes"}} {
			if tk, err = st.SaveRecordAnswer(ctx, tk.ID, a[0], a[1]); err != nil {
				t.Fatal(err)
			}
		}
		tk, next, err := st.CompleteRecord(ctx, tk.ID, "2026-12-07")
		if err != nil || tk.Status != models.TalkRecorded || !tk.Attention || next == nil || tk.FollowUpID == nil || *tk.FollowUpID != next.ID {
			t.Fatalf("complete: %+v %+v %v", tk, next, err)
		}
		if next.Reason != models.TalkFollowUp || next.Status != models.TalkDue || *next.FollowsID != tk.ID ||
			next.DueFrom != "2026-12-07" || next.DueBy != "2026-12-16" || next.LeaderID != lead.ID {
			t.Errorf("follow-up: %+v", next)
		}
		if due, _ := st.TalksDueUnscheduled(ctx); len(due) != 0 {
			t.Errorf("a follow-up is not owed before its day: %+v", due)
		}
		clock.Set(at("2026-12-07 09:00"))
		if due, _ := st.TalksDueUnscheduled(ctx); len(due) != 1 || due[0].ID != next.ID {
			t.Errorf("the follow-up is owed from its day: %+v", due)
		}
		// Holding and recording the follow-up without another closes both.
		f, err := st.ScheduleTalk(ctx, next.ID, 0, lead.ID, at("2026-12-08 10:00"), "办公室")
		if err != nil {
			t.Fatal(err)
		}
		clock.Set(at("2026-12-08 11:00"))
		if _, err := st.StartRecord(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		for _, step := range []string{models.RecordSummary, models.RecordConcerns, models.RecordAgreed, models.RecordAttention} {
			if _, err := st.SaveRecordAnswer(ctx, f.ID, step, "no"); err != nil {
				t.Fatal(err)
			}
		}
		if f, _, err = st.CompleteRecord(ctx, f.ID, ""); err != nil || f.Status != models.TalkClosed {
			t.Fatalf("complete follow-up: %+v %v", f, err)
		}
		if parent, _ := st.GetTalk(ctx, tk.ID); parent.Status != models.TalkClosed {
			t.Errorf("parent after its follow-up: %s", parent.Status)
		}
		hist, err := st.CadreTalks(ctx, cad.ID, 10)
		if err != nil || len(hist) != 2 || hist[0].ID != f.ID {
			t.Errorf("history: %+v %v", hist, err)
		}
	})
}

func TestTalkCancelAndCreate(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		tk, err := st.CreateTalk(ctx, models.NewTalk{CadreID: cad.ID, LeaderID: lead.ID, Reason: models.TalkRoutine,
			At: at("2026-11-03 10:00"), Place: "会议室"})
		if err != nil || tk.Status != models.TalkScheduled || tk.Source != models.TalkFromChat {
			t.Fatalf("create: %+v %v", tk, err)
		}
		if _, err := st.CancelTalk(ctx, tk.ID, lead.ID, " "); err == nil {
			t.Error("a cancel without a reason was accepted")
		}
		if tk, err = st.CancelTalk(ctx, tk.ID, lead.ID, "出差"); err != nil || tk.Status != models.TalkCancelled || tk.CancelReason != "出差" {
			t.Fatalf("cancel: %+v %v", tk, err)
		}
		if _, err := st.AnswerTalk(ctx, tk.ID, 0, models.AnswerConfirmed, ""); !errors.Is(err, models.ErrTalkCancelled) {
			t.Errorf("answer after cancel: %v", err)
		}
		if _, err := st.ScheduleTalk(ctx, tk.ID, 0, lead.ID, at("2026-11-04 10:00"), "x"); !errors.Is(err, models.ErrTalkCancelled) {
			t.Errorf("schedule after cancel: %v", err)
		}
		if _, err := st.StartRecord(ctx, tk.ID); !errors.Is(err, models.ErrTalkCancelled) {
			t.Errorf("record after cancel: %v", err)
		}
		if _, err := st.GetTalk(ctx, 999); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("missing talk: %v", err)
		}
	})
}

func TestTalksNearAndReminders(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		chat := int64(4242)
		if err := st.DB().Model(&models.Cadre{}).Where("id IN ?", []int64{lead.ID, cad.ID}).Update("chat_id", chat).Error; err != nil {
			t.Fatal(err)
		}
		a, err := st.CreateTalk(ctx, models.NewTalk{CadreID: cad.ID, LeaderID: lead.ID, Reason: models.TalkRoutine, At: at("2026-11-04 15:00"), Place: "A"})
		if err != nil {
			t.Fatal(err)
		}
		near, err := st.TalksNear(ctx, lead.ID, at("2026-11-04 15:40"), time.Hour, 0)
		if err != nil || len(near) != 1 || near[0].ID != a.ID {
			t.Errorf("near: %+v %v", near, err)
		}
		if near, _ := st.TalksNear(ctx, lead.ID, at("2026-11-04 16:00"), time.Hour, 0); len(near) != 0 {
			t.Errorf("an hour apart is not a clash: %+v", near)
		}
		if near, _ := st.TalksNear(ctx, lead.ID, at("2026-11-04 15:00"), time.Hour, a.ID); len(near) != 0 {
			t.Errorf("a talk does not clash with itself: %+v", near)
		}
		offsets := []time.Duration{24 * time.Hour, time.Hour}
		check := func(now string, want time.Duration) {
			t.Helper()
			due, err := st.TalksNeedingReminder(ctx, at(now), offsets)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case want == 0 && len(due) != 0:
				t.Errorf("%s: reminders %+v, want none", now, due)
			case want != 0 && (len(due) != 1 || due[0].Before != want):
				t.Errorf("%s: reminders %+v, want %s", now, due, want)
			}
		}
		check("2026-11-03 14:00", 0)
		check("2026-11-03 15:00", 24*time.Hour)
		check("2026-11-04 14:10", time.Hour)
		check("2026-11-04 15:00", 0)
		// Invited inside the 24h window: the invitation was that reminder.
		if _, err := st.CreateTalk(ctx, models.NewTalk{CadreID: cad.ID, LeaderID: lead.ID, Reason: models.TalkRoutine, At: at("2026-11-02 17:00"), Place: "B"}); err != nil {
			t.Fatal(err)
		}
		due, _ := st.TalksNeedingReminder(ctx, at("2026-11-02 12:00"), offsets)
		if len(due) != 0 {
			t.Errorf("just invited: %+v", due)
		}
		due, _ = st.TalksNeedingReminder(ctx, at("2026-11-02 16:05"), offsets)
		if len(due) != 1 || due[0].Before != time.Hour {
			t.Fatalf("one hour before: %+v", due)
		}
		ns := due[0].Notifications("Asia/Shanghai")
		if len(ns) != 2 || ns[0].DedupKey == ns[1].DedupKey || ns[0].Kind != models.KindTalkReminder {
			t.Fatalf("notifications: %+v", ns)
		}
		var p models.TalkReminder
		if err := json.Unmarshal([]byte(ns[1].Payload), &p); err != nil || p.Role != models.TalkRoleCadre || p.Place != "B" || p.Cadre != cad.Name {
			t.Errorf("cadre's reminder payload: %+v %v", p, err)
		}
		if strings.Contains(ns[1].Payload, "routine") {
			t.Errorf("a reminder must not carry the reason: %s", ns[1].Payload)
		}
	})
}

func TestTalkDueAndUnrecordedNotifications(t *testing.T) {
	chat := int64(7)
	rows := []models.TalkRow{
		{Talk: models.Talk{ID: 1, LeaderID: 10, Reason: models.TalkFamily, DueBy: "2026-11-11"}, CadreName: "张三", LeaderChatID: &chat, LeaderLang: "zh"},
		{Talk: models.Talk{ID: 2, LeaderID: 10, Reason: models.TalkSetback, DueBy: "2026-11-12"}, CadreName: "赵六", LeaderChatID: &chat, LeaderLang: "zh"},
		{Talk: models.Talk{ID: 3, LeaderID: 11, Reason: models.TalkSetback, DueBy: "2026-11-12"}, CadreName: "孙七"},
	}
	ns := models.TalkDueNotifications(rows, "2026-11-12")
	if len(ns) != 1 || ns[0].DedupKey != "talk_due:10:2026-11-12" {
		t.Fatalf("due notifications: %+v", ns)
	}
	var p models.TalksOwed
	if err := json.Unmarshal([]byte(ns[0].Payload), &p); err != nil || len(p.Talks) != 2 || p.Talks[1].Cadre != "赵六" {
		t.Errorf("payload: %+v %v", p, err)
	}
	start := at("2026-11-04 15:00")
	rows[0].StartsAt = &start
	if n, ok := models.TalkUnrecordedNotification(rows[0], "2026-11-05", "Asia/Shanghai"); !ok || n.Kind != models.KindTalkUnrecorded {
		t.Errorf("unrecorded: %+v %v", n, ok)
	}
	if _, ok := models.TalkUnrecordedNotification(rows[2], "2026-11-05", "Asia/Shanghai"); ok {
		t.Error("a holder without a chat cannot be told")
	}
}

func TestTalkTriggerReturnedTwiceInARow(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		oct := nov.Prev()
		returned := func(p models.Period) {
			t.Helper()
			rep, err := st.OpenReport(ctx, cad, p, at("2026-11-30 18:00"))
			if err == nil {
				_, err = st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "完成征收 35 户"}})
			}
			if err == nil {
				_, err = st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "完成签约"}})
			}
			if err == nil {
				_, err = st.Submit(ctx, rep.ID, cad.ID)
			}
			if err == nil {
				_, err = st.Return(ctx, rep.ID, 0, lead.ID, "数字不准")
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		returned(nov)
		if twice, err := st.ReturnedTwiceInARow(ctx, cad.ID, nov); err != nil || twice {
			t.Errorf("one month returned: %v %v", twice, err)
		}
		returned(oct)
		if twice, err := st.ReturnedTwiceInARow(ctx, cad.ID, nov); err != nil || !twice {
			t.Errorf("October and November returned: %v %v", twice, err)
		}
		if twice, _ := st.ReturnedTwiceInARow(ctx, cad.ID, nov.Next()); twice {
			t.Error("December has no return")
		}
	})
}

// The confidentiality rule, from every role.
func TestTalkRecordRules(t *testing.T) {
	unitA, unitB := int64(1), int64(2)
	cadre := models.Cadre{ID: 1, UnitID: &unitA, Role: models.RoleCadre, Active: true}
	colleague := models.Cadre{ID: 2, UnitID: &unitA, Role: models.RoleCadre, Active: true}
	holder := models.Cadre{ID: 3, UnitID: &unitA, Role: models.RoleLeader, Active: true}
	newPrincipal := models.Cadre{ID: 4, UnitID: &unitA, Role: models.RoleLeader, Active: true}
	otherLeader := models.Cadre{ID: 5, UnitID: &unitB, Role: models.RoleLeader, Active: true}
	admin := models.Cadre{ID: 6, Role: models.RoleAdmin, Active: true}
	tk := models.Talk{ID: 9, CadreID: cadre.ID, LeaderID: holder.ID, Status: models.TalkScheduled}
	for _, tc := range []struct {
		who                  models.Cadre
		record, see, arrange bool
	}{
		{cadre, false, true, false},
		{colleague, false, false, false},
		{holder, true, true, true},
		{newPrincipal, false, true, false},
		{otherLeader, false, false, false},
		{admin, true, true, false},
	} {
		if got := tc.who.MayReadTalkRecord(tk); got != tc.record {
			t.Errorf("cadre %d reads the record: %v", tc.who.ID, got)
		}
		if got := tc.who.MaySeeTalk(tk, cadre); got != tc.see {
			t.Errorf("cadre %d sees the talk: %v", tc.who.ID, got)
		}
		if got := tc.who.MayArrangeTalk(tk, cadre); got != tc.arrange {
			t.Errorf("cadre %d arranges the talk: %v", tc.who.ID, got)
		}
	}
	tk.Status = models.TalkDue
	if !newPrincipal.MayArrangeTalk(tk, cadre) || otherLeader.MayArrangeTalk(tk, cadre) {
		t.Error("an owed talk is for any leader of the cadre's unit")
	}
	if !admin.MayCancelTalk(tk, cadre) || colleague.MayCancelTalk(tk, cadre) {
		t.Error("cancel rule")
	}
	holder.Active = false
	if holder.MayReadTalkRecord(tk) {
		t.Error("an inactive holder reads the record")
	}
}

func TestParseTalkReason(t *testing.T) {
	for in, want := range map[string]string{"family": models.TalkFamily, "家庭变故": models.TalkFamily, " 岗位变动 ": models.TalkPostChange,
		"挫折": models.TalkSetback, "问题苗头": models.TalkEarlySign, "EARLY_SIGN": models.TalkEarlySign} {
		if got, ok := models.ParseTalkReason(in); !ok || got != want {
			t.Errorf("ParseTalkReason(%q) = %q %v", in, got, ok)
		}
	}
	if _, ok := models.ParseTalkReason("心情不好"); ok {
		t.Error("unknown words accepted")
	}
}

func TestTalkPlan(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		if _, err := st.GetTalkPlan(ctx, lead.ID); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("no plan yet: %v", err)
		}
		p, err := st.SaveTalkPlan(ctx, models.TalkPlan{LeaderID: lead.ID, CadreID: cad.ID, Reason: models.TalkRoutine})
		if err != nil || p.Seq != 1 {
			t.Fatalf("save: %+v %v", p, err)
		}
		p.Place = "会议室"
		if p, err = st.SaveTalkPlan(ctx, p); err != nil || p.Seq != 2 {
			t.Fatalf("save again: %+v %v", p, err)
		}
		got, err := st.GetTalkPlan(ctx, lead.ID)
		if err != nil || got.Place != "会议室" || got.Seq != 2 {
			t.Errorf("read: %+v %v", got, err)
		}
		if err := st.DeleteTalkPlan(ctx, lead.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.GetTalkPlan(ctx, lead.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("after delete: %v", err)
		}
	})
}
