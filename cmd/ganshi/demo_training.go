package main

import (
	"context"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// training plays a Party lecture in 城关镇: the department plans it and
// invites the town, 陈晓燕 asks for leave and 张建国 approves it, 张建国
// checks in with the code on the projector, and 周敏 reads the list.
func (d *demo) training(ctx context.Context, _ map[string]string) error {
	d.scene("乡镇专题党课：通知、请假、现场签到", "A Party lecture in a township: invitations, leave, check-in at the venue")
	s, err := d.planLecture(ctx)
	if err != nil {
		return err
	}
	if err := d.settle(ctx); err != nil {
		return err
	}
	steps := []func() error{
		func() error { return d.tap(ctx, chen, d.button("btn_training_leave")) },
		func() error {
			return d.say(ctx, chen, d.zh("12月10日上午在县里参加征收政策培训", "A county course on relocation policy that morning"))
		},
		func() error { return d.tap(ctx, zhang, d.button("btn_training_approve")) },
		func() error {
			d.later(time.Date(2026, 12, 10, 8, 50, 0, 0, d.loc), "12月10日8:50，会场投影打开签到屏", "10 December, 8:50: the check-in screen is on the projector")
			code := s.Screen(d.st.Now()).Code
			d.note("网页控制台 /training/"+fmt.Sprint(s.ID)+"/screen 显示签到码 "+code+"，每30秒更换",
				"the console's /training/"+fmt.Sprint(s.ID)+"/screen shows the code "+code+", a new one every 30 seconds")
			return d.say(ctx, zhang, code)
		},
		func() error { return d.say(ctx, zhou, fmt.Sprintf("/training %d", s.ID)) },
		func() error { return d.tap(ctx, zhou, texts.T(d.lang, "btn_training_present", "杨帆")) },
	}
	return doAll(steps)
}

// planLecture is what `ganshi training create` and `ganshi training
// invite 1 --unit 城关镇` do.
func (d *demo) planLecture(ctx context.Context) (models.TrainingSession, error) {
	zhangC, err := d.st.CadreByExternalID(ctx, "GS0001")
	if err != nil {
		return models.TrainingSession{}, err
	}
	zhouC, err := d.st.CadreByExternalID(ctx, "GS9001")
	if err != nil {
		return models.TrainingSession{}, err
	}
	u, err := d.st.UnitByName(ctx, "城关镇")
	if err != nil {
		return models.TrainingSession{}, err
	}
	s, err := d.st.CreateTraining(ctx, models.NewTraining{Kind: models.TrainingLecture, Title: d.zh("学习贯彻全会精神专题党课", "Party lecture on the plenum"),
		Place: d.zh("城关镇政府三楼会议室", "城关镇 town hall, 3rd floor"), Bring: d.zh("笔记本", "a notebook"),
		StartsAt: time.Date(2026, 12, 10, 9, 0, 0, 0, d.loc), EndsAt: time.Date(2026, 12, 10, 11, 0, 0, 0, d.loc),
		OrganiserID: zhouC.ID, Lecturer: zhangC.Name, LecturerID: &zhangC.ID, Hours: 2, UnitID: &u.ID})
	if err != nil {
		return s, err
	}
	ids, err := d.st.AudienceCadres(ctx, models.Audience{UnitIDs: []int64{u.ID}})
	if err != nil {
		return s, err
	}
	sum, err := d.st.InviteToTraining(ctx, s.ID, ids, d.loc.String())
	if err != nil {
		return s, err
	}
	d.note(fmt.Sprintf("ganshi training create …；ganshi training invite %d --unit 城关镇：邀请%d人，%d人尚未绑定机器人，名单上单独标出", s.ID, sum.Added, len(sum.Unreachable)),
		fmt.Sprintf("ganshi training create …; ganshi training invite %d --unit 城关镇: %d invited, %d not in chat yet (shown apart on the list)", s.ID, sum.Added, len(sum.Unreachable)))
	return s, nil
}
