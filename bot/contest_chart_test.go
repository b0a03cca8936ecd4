package bot

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
)

// The meeting reminder is a PNG of the group's standing with a caption
// naming what the chart letters and numbers, sent with sendPhoto.
func TestMeetingReminderIsAPicture(t *testing.T) {
	p := models.ContestMeetingNotice{Lang: "zh", Kind: models.MeetingProgress, Place: "三楼会议室", Zone: "Asia/Shanghai",
		StartsAt: time.Date(2026, 11, 10, 1, 0, 0, 0, time.UTC),
		Chart: models.GroupChart{Contest: "打擂", Group: "一组", Tasks: []string{"征收", "投资"},
			Units: []models.ChartUnit{{Name: "城关镇", Percent: 60, Tasks: []float64{50, 80}}, {Name: "河西乡", Percent: 20, Tasks: []float64{10, 40}}}}}
	ms, err := meetingMessages(p, time.UTC)
	if err != nil || len(ms) != 1 || ms[0].Photo == nil {
		t.Fatalf("meeting reminder: %v %+v", err, ms)
	}
	wantIn(t, "caption", ms[0].Text, "明天09:00召开推进会", "三楼会议室", "A 城关镇；B 河西乡", "1 征收；2 投资", "/web")
	img, err := png.Decode(bytes.NewReader(ms[0].Photo.Data))
	if err != nil {
		t.Fatal(err)
	}
	// 城关镇's total bar (60%) reaches further than 河西乡's (20%): sample
	// the row at 40% of the bar's width in each unit's thick bar.
	bounds := img.Bounds()
	x := 40 + 160 + (1200-80-160-200)*40/100
	first, second := img.At(x, 40+24), img.At(x, 40+48+8+2*(22+8)+16+24)
	if first == second || bounds.Dx() != 1200 {
		t.Fatalf("bars do not differ: %v %v (%v)", first, second, bounds)
	}

	fake := telegramtest.New(telegramtest.Options{})
	defer fake.Close()
	fake.AddUser(telegramtest.User{ID: 5, FirstName: "李"})
	c, err := telegram.New(telegramtest.DefaultToken, fake.URL(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Send(context.Background(), 5, ms[0]); err != nil {
		t.Fatalf("sendPhoto through the strict fake: %v", err)
	}
	if got := fake.BotMessages(5); len(got) != 1 || got[0].Method != "sendPhoto" || !strings.Contains(got[0].Plain, "推进会") {
		t.Fatalf("sent: %+v", got)
	}
}
