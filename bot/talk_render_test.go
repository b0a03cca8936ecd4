package bot

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

func renderOne(t *testing.T, kind string, payload any) (string, string) {
	t.Helper()
	b, _ := json.Marshal(payload)
	ms, err := notices[kind].stored(models.Notification{Kind: kind, Payload: string(b)}, time.UTC)
	if err != nil || len(ms) != 1 {
		t.Fatalf("render %s: %+v %v", kind, ms, err)
	}
	var data string
	if len(ms[0].Buttons) > 0 {
		data = ms[0].Buttons[0][0].Data
	}
	return ms[0].Text, data
}

func TestRenderTalk(t *testing.T) {
	start := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC) // 15:00 in Shanghai
	p := models.TalkReminder{Lang: texts.ZH, Role: models.TalkRoleCadre, TalkID: 7, Cadre: "张三", Leader: "李书记<b>",
		StartsAt: start, Place: "会议室", Zone: "Asia/Shanghai"}
	text, data := renderOne(t, models.KindTalkReminder, p)
	if !strings.Contains(text, "李书记&lt;b&gt;约您的谈心谈话将于2026年12月3日（周四）15:00在会议室") || data != "tk:v:7" {
		t.Errorf("cadre reminder: %s %s", text, data)
	}
	p.Role, p.Lang = models.TalkRoleLeader, texts.EN
	if text, _ = renderOne(t, models.KindTalkReminder, p); !strings.Contains(text, "your talk with 张三 is at Thu 3 Dec 2026, 15:00") {
		t.Errorf("leader reminder: %s", text)
	}
	p.Zone = ""
	if text, _ = renderOne(t, models.KindTalkReminder, p); !strings.Contains(text, "15:00") {
		t.Errorf("a payload without a zone is shown in the default zone: %s", text)
	}

	owed := models.TalksOwed{Lang: texts.ZH, Today: "2026-12-08", Talks: []models.TalkDueItem{
		{TalkID: 1, Cadre: "张三", Reason: models.TalkFamily, DueBy: "2026-12-07"},
		{TalkID: 2, Cadre: "赵六", Reason: models.TalkSetback, DueBy: "2026-12-09"},
	}}
	text, data = renderOne(t, models.KindTalkDue, owed)
	if !strings.Contains(text, "您有2项谈心谈话待安排") || !strings.Contains(text, "张三（家庭发生重大变故），请于2026年12月7日（周一）前完成，已逾期") ||
		strings.Contains(text, "赵六（工作遇到重大挫折），请于2026年12月9日（周三）前完成，已逾期") || data != "tk:s:1" {
		t.Errorf("owed: %s %s", text, data)
	}

	text, data = renderOne(t, models.KindTalkUnrecorded, models.TalkUnrecorded{Lang: texts.ZH, TalkID: 3, Cadre: "张三", StartsAt: start, Zone: "Asia/Shanghai"})
	if !strings.Contains(text, "您与张三在2026年12月3日（周四）15:00的谈心谈话尚未记录") || data != "tk:rec:3" {
		t.Errorf("unrecorded: %s %s", text, data)
	}

	if _, err := notices[models.KindTalkDue].stored(models.Notification{Kind: models.KindTalkDue, Payload: "{"}, time.UTC); !errors.Is(err, sender.ErrUnrenderable) {
		t.Errorf("a broken payload: %v", err)
	}
}

// Every talk reason has a name in the catalog.
func TestTalkReasonsNamed(t *testing.T) {
	for _, r := range models.TalkReasons {
		if !texts.Has("reason_" + r) {
			t.Errorf("reason %s has no name", r)
		}
	}
	for _, s := range []string{models.TalkDue, models.TalkScheduled, models.TalkHeld, models.TalkRecorded, models.TalkClosed, models.TalkCancelled} {
		if !texts.Has("status_" + s) {
			t.Errorf("status %s has no name", s)
		}
	}
}
