package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

func TestReminderRendering(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	due := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	p := models.ReportReminder{Lang: texts.ZH, Name: "张三<b>", Period: "2026-11", DueAt: due, Stage: models.StageBefore,
		Missing: []string{"plan", "submit"}}
	b, _ := json.Marshal(p)
	ms, err := notices[models.KindReportReminder].stored(models.Notification{Kind: models.KindReportReminder, Payload: string(b)}, sh)
	if err != nil || len(ms) != 1 {
		t.Fatalf("render: %v %v", ms, err)
	}
	m := ms[0]
	for _, want := range []string{"张三&lt;b&gt;同志", "2026年11月", "11月30日18:00", "下月计划未填写", "/report"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("reminder lacks %q:\n%s", want, m.Text)
		}
	}
	if len(m.Buttons) != 1 || m.Buttons[0][0].Data != "rp:2026-11" {
		t.Errorf("reminder button = %+v", m.Buttons)
	}
	p.Lang, p.Stage = texts.EN, models.StageOverdue
	b, _ = json.Marshal(p)
	ms, _ = notices[models.KindReportReminder].stored(models.Notification{Kind: models.KindReportReminder, Payload: string(b)}, sh)
	if !strings.Contains(ms[0].Text, "was due 11/30 18:00") || !strings.Contains(ms[0].Text, "not filled in") {
		t.Errorf("English overdue reminder:\n%s", ms[0].Text)
	}
}

func TestMissingListRendering(t *testing.T) {
	b, _ := json.Marshal(models.ReportMissing{Lang: texts.ZH, Unit: "城关镇", Period: "2026-11", Names: []string{"张三", "赵六"},
		DueAt: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)})
	ms, err := notices[models.KindReportMissing].stored(models.Notification{Kind: models.KindReportMissing, Payload: string(b)}, time.UTC)
	if err != nil || !strings.Contains(ms[0].Text, "2人未提交：张三、赵六") || !strings.Contains(ms[0].Text, "仅您可见") {
		t.Fatalf("missing list: %+v %v", ms, err)
	}
}

func TestReminderButtonOpensTheReport(t *testing.T) {
	h := reportHarness(t)
	got := h.tap("张三", "rp:2026-11")
	mustContain(t, "rp button", got, "2026年11月月度实绩", "本月完成情况")
	if got := h.tap("张三", "rp:garbage"); len(got) != 1 || !got[0].Alert {
		t.Fatalf("forged rp: %+v", got)
	}
}

// A reminder held while the cadre filled in achievements goes out saying
// what is missing now, not what was missing when it was written; once the
// report is submitted it lapses.
func TestHeldReminderShowsWhatIsMissingNow(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	sh, _ := time.LoadLocation("Asia/Shanghai")
	c := h.cadres["张三"]
	nov := models.Period{Year: 2026, Month: time.November}
	b, _ := json.Marshal(models.ReportReminder{CadreID: c.ID, Lang: texts.ZH, Name: c.Name, Period: nov.String(),
		DueAt: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC), Stage: models.StageBefore, Missing: []string{"not_started"}})
	n := models.Notification{ChatID: *c.ChatID, Kind: models.KindReportReminder, Payload: string(b)}
	rep, err := h.st.OpenReport(ctx, c, nov, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "完成征收 35 户"}}); err != nil {
		t.Fatal(err)
	}
	ms, err := Renderer(sh)(ctx, h.st, n)
	if err != nil || len(ms) != 1 {
		t.Fatalf("render: %+v %v", ms, err)
	}
	if !strings.Contains(ms[0].Text, "目前：下月计划未填写。") || strings.Contains(ms[0].Text, "尚未开始填写") {
		t.Errorf("stale reminder text:\n%s", ms[0].Text)
	}
	if _, err := h.st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "开工"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.st.Submit(ctx, rep.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	if ms, err := Renderer(sh)(ctx, h.st, n); !errors.Is(err, models.ErrLapsed) {
		t.Errorf("a reminder after submitting: %+v %v", ms, err)
	}
}

// Every kind a job writes is re-checked before it is sent: with nobody and
// nothing left for it to be about, each one lapses. A new kind needs its
// line here. Replies are never re-checked, nor is the rest of a message
// already partly sent.
func TestEveryJobKindIsRechecked(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	render := Renderer(time.UTC)
	aboutNothing := map[string]string{
		models.KindReportReminder:    `{"cadre_id":99,"period":"2026-11","stage":"before"}`,
		models.KindReportMissing:     `{"unit_id":99,"period":"2026-11"}`,
		models.KindTalkReminder:      `{"talk_id":99,"role":"cadre"}`,
		models.KindTalkDue:           `{"leader_id":99,"talks":[{"talk_id":99}]}`,
		models.KindTalkUnrecorded:    `{"talk_id":99}`,
		models.KindDigestLeader:      `{"reader_id":99,"leader":{"unit_id":99}}`,
		models.KindDigestAdmin:       `{"reader_id":99,"admin":{}}`,
		models.KindReportJudged:      `{"owner_id":99,"report_id":99,"period":"2026-11","outcome":"signed"}`,
		models.KindReportPosting:     `{"report_id":99,"period":"2026-11"}`,
		models.KindTalkReturnedTwice: `{"leader_id":99,"talk_id":99,"first":"2026-10","second":"2026-11"}`,
		models.KindReviewPrompt:      `{"cadre_id":99,"round_id":99,"source":"colleague"}`,
		models.KindReviewItem:        `{"cadre_id":99,"item_id":99,"dim":"style"}`,
		models.KindContestPrompt:     `{"reader_id":99,"unit_id":99,"tasks":["1. 征收"]}`,
		models.KindContestMeeting:    `{"reader_id":99,"meeting_id":99,"unit_id":99}`,
		models.KindTrainingInvite:    `{"invitation_id":99,"cadre_id":99}`,
		models.KindTrainingReminder:  `{"invitation_id":99,"cadre_id":99}`,
		models.KindTrainingChange:    `{"invitation_id":99,"cadre_id":99}`,
		models.KindLectureDue:        `{"cadre_id":99,"year":2026}`,
		models.KindCareLeave:         `{"cadre_id":99,"year":2026}`,
		models.KindCareLeaveUnit:     `{"leader_id":99,"year":2026}`,
		models.KindCareCheckup:       `{"cadre_id":99,"year":2026,"stage":"open"}`,
		models.KindCareRest:          `{"cadre_id":99,"rest_id":99,"starts_on":"2026-08-10"}`,
		models.KindCorrectionRemind:  `{"owner_id":99,"measure_id":99}`,
		models.KindAnnualRound:       `{"leader_id":99,"year":2026,"due":"2026-12-31","to_assess":2}`,
	}
	for kind := range notices {
		if kind == sender.KindText {
			continue
		}
		payload, ok := aboutNothing[kind]
		if !ok {
			t.Errorf("kind %s has no case here", kind)
			continue
		}
		ms, err := render(ctx, h.st, models.Notification{ChatID: 424242, Kind: kind, Payload: payload})
		if !errors.Is(err, models.ErrLapsed) {
			t.Errorf("%s about nothing: %+v %v, want lapsed", kind, ms, err)
		}
	}
	// A message cut into parts, some already sent, is finished as it began.
	partly := models.Notification{ChatID: 424242, Kind: models.KindReportReminder, PartsSent: 1,
		Payload: `{"cadre_id":99,"lang":"zh","name":"张三","period":"2026-11","stage":"before","missing":["plan"]}`}
	if ms, err := render(ctx, h.st, partly); err != nil || len(ms) != 1 || !strings.Contains(ms[0].Text, "下月计划未填写") {
		t.Errorf("a message partly sent: %+v %v", ms, err)
	}
	// A nil store: a reply must not need one.
	ms, err := render(ctx, nil, models.Notification{Kind: sender.KindText, Payload: `{"text":"好的"}`})
	if err != nil || len(ms) != 1 || ms[0].Text != "好的" {
		t.Errorf("a reply: %+v %v", ms, err)
	}
	if _, err := render(ctx, h.st, models.Notification{Kind: "photo"}); !errors.Is(err, sender.ErrUnrenderable) {
		t.Errorf("an unknown kind: %v", err)
	}
	if _, err := render(ctx, h.st, models.Notification{Kind: models.KindReportReminder, Payload: "{"}); !errors.Is(err, sender.ErrUnrenderable) {
		t.Errorf("a damaged payload: %v", err)
	}
}
