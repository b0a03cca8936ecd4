package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// A lecture in 城关镇 organised by 周部长, starting 10 minutes from now;
// 张三 and the unbound 赵六 are invited.
func trainingEnv(t *testing.T) (*env, models.TrainingSession) {
	e := newEnv(t)
	ctx := context.Background()
	u := e.units["城关镇"]
	s, err := e.st.CreateTraining(ctx, models.NewTraining{Kind: models.TrainingLecture, Title: "专题党课", Place: "三楼会议室",
		StartsAt: e.clock.Now().Add(10 * time.Minute), EndsAt: e.clock.Now().Add(2 * time.Hour),
		OrganiserID: e.cadres["周部长"].ID, Hours: 2, UnitID: &u.ID})
	e.must(err)
	_, err = e.st.InviteToTraining(ctx, s.ID, []int64{e.cadres["张三"].ID, e.cadres["赵六"].ID}, "Asia/Shanghai")
	e.must(err)
	return e, s
}

func TestTrainingScreenAndList(t *testing.T) {
	e, s := trainingEnv(t)
	org := e.login("周部长")
	status, body := org.get(fmt.Sprintf("/training/%d/screen", s.ID))
	want := s.Screen(e.clock.Now()).Code
	mustHave(t, "screen", body, "专题党课", want, "checkin.js")
	if status != 200 {
		t.Fatalf("screen: %d", status)
	}
	_, js := org.get(fmt.Sprintf("/training/%d/code", s.ID))
	var got struct {
		Open bool   `json:"open"`
		Code string `json:"code"`
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil || !got.Open || got.Code != want {
		t.Fatalf("code: %s %v", js, err)
	}
	if _, err := e.st.CheckIn(context.Background(), e.cadres["张三"].ID, got.Code); err != nil {
		t.Fatalf("the screen's code was refused: %v", err)
	}
	_, list := org.get(fmt.Sprintf("/training/%d", s.ID))
	mustHave(t, "list", list, "张三", "已到", "赵六", "无法联系", "标记到场")
	var inv models.TrainingInvitation
	e.must(e.st.DB().Where("cadre_id = ?", e.cadres["赵六"].ID).Take(&inv).Error)
	_, after := org.postFollow(fmt.Sprintf("/training/%d/present/%d", s.ID, inv.ID), url.Values{})
	mustHave(t, "marked", after, "已标记赵六到场")
}

// Only the organiser (or an admin) sees the screen: a cadre invited to the
// session may not read the codes.
func TestTrainingScreenForbiddenToInvitees(t *testing.T) {
	e, s := trainingEnv(t)
	c := e.login("张三")
	for _, p := range []string{"/training/%d/screen", "/training/%d/code", "/training/%d"} {
		if status, _ := c.get(fmt.Sprintf(p, s.ID)); status != 403 {
			t.Errorf("%s for an invitee: %d", p, status)
		}
	}
}
