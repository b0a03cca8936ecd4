package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

func TestReminderRendering(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	due := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	p := models.ReportReminder{Lang: texts.ZH, Name: "张三<b>", Period: "2026-11", DueAt: due, Stage: models.StageBefore,
		Missing: []string{"plan", "submit"}}
	b, _ := json.Marshal(p)
	ms, err := Renderer(sh)(models.Notification{Kind: models.KindReportReminder, Payload: string(b)})
	if err != nil || len(ms) != 1 {
		t.Fatalf("render: %v %v", ms, err)
	}
	m := ms[0]
	for _, want := range []string{"张三&lt;b&gt;同志", "2026年11月", "11月30日 18:00", "下月计划未填写", "/report"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("reminder lacks %q:\n%s", want, m.Text)
		}
	}
	if len(m.Buttons) != 1 || m.Buttons[0][0].Data != "rp:2026-11" {
		t.Errorf("reminder button = %+v", m.Buttons)
	}
	p.Lang, p.Stage = texts.EN, models.StageOverdue
	b, _ = json.Marshal(p)
	ms, _ = Renderer(sh)(models.Notification{Kind: models.KindReportReminder, Payload: string(b)})
	if !strings.Contains(ms[0].Text, "was due 11/30 18:00") || !strings.Contains(ms[0].Text, "not filled in") {
		t.Errorf("English overdue reminder:\n%s", ms[0].Text)
	}
}

func TestMissingListRendering(t *testing.T) {
	b, _ := json.Marshal(models.ReportMissing{Lang: texts.ZH, Unit: "城关镇", Period: "2026-11", Names: []string{"张三", "赵六"},
		DueAt: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)})
	ms, err := Renderer(time.UTC)(models.Notification{Kind: models.KindReportMissing, Payload: string(b)})
	if err != nil || !strings.Contains(ms[0].Text, "2 人未提交：张三；赵六") || !strings.Contains(ms[0].Text, "仅您可见") {
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
