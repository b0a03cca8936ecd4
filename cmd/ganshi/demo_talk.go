package main

import (
	"context"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/models"
)

// talks plays a post change that makes a talk owed, its scheduling, the
// cadre's confirmation, a reminder, the record and the follow-up.
func (d *demo) talks(ctx context.Context, _ map[string]string) error {
	d.scene("岗位变动后的谈心谈话", "A heart-to-heart talk after a change of post")
	steps := []func() error{
		func() error {
			return d.say(ctx, zhou, "/event 陈晓燕 岗位变动 调任城关镇副镇长，分管城建")
		},
		func() error { return d.tap(ctx, zhang, "现在安排谈话") },
		func() error { return d.say(ctx, zhang, "明天上午10点") },
	}
	if err := doAll(steps); err != nil {
		return err
	}
	return d.talkRest(ctx)
}

func (d *demo) talkRest(ctx context.Context) error {
	steps := []func() error{
		func() error { return d.say(ctx, zhang, "党委书记办公室") },
		func() error { return d.tap(ctx, zhang, "确认并通知") },
		func() error { return d.tap(ctx, chen, "确认参加") },
	}
	if err := doAll(steps); err != nil {
		return err
	}
	var talk models.Talk
	if err := d.st.DB().Order("id DESC").Take(&talk).Error; err != nil {
		return err
	}
	d.later(time.Date(2026, 11, 27, 9, 5, 0, 0, d.loc), "第二天 9:05，谈话前一小时", "The next day at 9:05, an hour before the talk")
	more := []func() error{
		func() error { return d.say(ctx, zhou, "/schedule run talk-remind") },
		func() error {
			d.later(time.Date(2026, 11, 27, 11, 0, 0, 0, d.loc), "谈话结束后", "After the talk")
			return d.say(ctx, zhang, fmt.Sprintf("/record %d", talk.ID))
		},
		func() error {
			return d.say(ctx, zhang, "交流了新岗位的工作思路，重点是老城区征收和背街小巷改造")
		},
		func() error { return d.say(ctx, zhang, "担心征收任务重、经验不足") },
		func() error { return d.say(ctx, zhang, "安排城建办主任协助，每两周碰一次头") },
		func() error { return d.say(ctx, zhang, "否") },
		func() error { return d.say(ctx, zhang, "2026-12-28") },
		func() error { return d.say(ctx, zhang, "/talks 陈晓燕") },
		func() error {
			d.note("谈话记录只有谈话人和组织部能看到；干部本人只看到时间、地点和状态", "Only the leader who held it and the department see the record; the cadre sees time, place and status")
			return d.say(ctx, chen, "/talks")
		},
	}
	return doAll(more)
}
