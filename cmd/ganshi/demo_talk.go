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
			return d.say(ctx, zhou, d.zh("/event 陈晓燕 岗位变动 调任城关镇副镇长，分管城建",
				"/event 陈晓燕 post_change moved to deputy head of 城关镇, in charge of urban construction"))
		},
		func() error { return d.tap(ctx, zhang, d.button("btn_arrange_now")) },
		func() error { return d.say(ctx, zhang, d.zh("明天上午10点", "tomorrow 10am")) },
		func() error { return d.say(ctx, zhang, d.zh("党委书记办公室", "the Party secretary's office")) },
		func() error { return d.tap(ctx, zhang, d.button("btn_confirm")) },
		func() error { return d.tap(ctx, chen, d.button("btn_attend")) },
		func() error {
			d.note("陈晓燕只看到谈话的时间、地点和状态，看不到事由", "陈晓燕 sees the time, the place and the status, not the reason")
			return d.say(ctx, chen, "/talks")
		},
	}
	if err := doAll(steps); err != nil {
		return err
	}
	return d.talkRest(ctx)
}

func (d *demo) talkRest(ctx context.Context) error {
	var talk models.Talk
	if err := d.st.DB().Order("id DESC").Take(&talk).Error; err != nil {
		return err
	}
	d.later(time.Date(2026, 11, 27, 9, 5, 0, 0, d.loc), "第二天9:05，谈话前一小时", "The next day at 9:05, an hour before the talk")
	steps := []func() error{
		func() error { return d.say(ctx, zhou, "/schedule run talk-remind") },
		func() error {
			d.later(time.Date(2026, 11, 27, 11, 0, 0, 0, d.loc), "谈话结束后", "After the talk")
			return d.say(ctx, zhang, fmt.Sprintf("/record %d", talk.ID))
		},
		func() error {
			return d.say(ctx, zhang, d.zh("交流了新岗位的工作思路，重点是老城区征收和背街小巷改造",
				"Her plans for the new post: relocation in the old town and rebuilding the back alleys"))
		},
		func() error {
			return d.say(ctx, zhang, d.zh("担心征收任务重、经验不足", "She worries that the relocation work is heavy and she lacks experience"))
		},
		func() error {
			return d.say(ctx, zhang, d.zh("安排城建办主任协助，每两周碰一次头",
				"The head of the urban construction office will help her; they meet every two weeks"))
		},
		func() error { return d.tap(ctx, zhang, d.button("btn_no")) },
		func() error { return d.say(ctx, zhang, d.zh("12月28日", "Dec 28")) },
		func() error {
			d.note("谈话记录只有谈话人和组织部能看到", "Only the leader who held the talk and the department see its record")
			return d.say(ctx, zhang, "/talks 陈晓燕")
		},
	}
	return doAll(steps)
}
