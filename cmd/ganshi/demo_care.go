package main

import (
	"context"
	"time"

	"github.com/ganshi/ganshi/examples"
	"github.com/ganshi/ganshi/models"
)

// careLeave shows the fourth quarter's leave reminder in November: the
// department sets 陈晓燕's entitlement (the sample roster has no 参加工作年份
// column), the scheduler reminds her and tells the principal who has days
// left, she enters her leave and the principal confirms it.
func (d *demo) careLeave(ctx context.Context, _ map[string]string) error {
	d.later(time.Date(2026, 11, 30, 10, 5, 0, 0, d.loc), "11月30日上午，第四季度的年休假提醒", "30 November, the fourth quarter's leave reminder")
	d.scene("关心关爱：年休假真正休上", "Care: annual leave actually taken")
	return doAll([]func() error{
		func() error {
			return d.say(ctx, zhou, d.zh("/care entitle 陈晓燕 10", "/care entitle 陈晓燕 10"))
		},
		func() error {
			d.note("提醒每月一次、只发私信；这里由组织部立即运行一次", "Once a month, privately; here the department runs it now")
			return d.say(ctx, zhou, "/schedule run care-leave")
		},
		func() error { return d.say(ctx, chen, "/care leave 2026-12-07 2026-12-09") },
		func() error { return d.tap(ctx, zhang, d.button("care_btn_leave_confirm")) },
		func() error { return d.say(ctx, chen, "/care") },
	})
}

// tolerance shows a case from application to 容错免责, and its correction
// measure followed up by the scheduler and recorded done.
func (d *demo) tolerance(ctx context.Context, _ map[string]string) error {
	d.later(time.Date(2026, 12, 11, 9, 30, 0, 0, d.loc), "12月11日", "11 December")
	d.scene("容错纠错：把失误和失职区分开来", "Error tolerance: a mistake told apart from a failure of duty")
	data, err := examples.Files.ReadFile("tolerance-situations.csv")
	if err != nil {
		return err
	}
	list, err := models.ParseSituationsCSV(data)
	if err != nil {
		return err
	}
	if _, err := d.st.ImportSituations(ctx, nil, list); err != nil {
		return err
	}
	d.note("ganshi tolerance situations import examples/tolerance-situations.csv：导入18条容错情形（示例文字）",
		"ganshi tolerance situations import examples/tolerance-situations.csv: 18 situations (sample texts)")
	steps := []func() error{
		func() error {
			return d.say(ctx, zhou, d.zh("/tolerance new 陈晓燕 1,3 单位 老城区征收先行先试，一户签约后反悔致工期延误两周",
				"/tolerance new 陈晓燕 1,3 unit relocation pilot in the old town: one household withdrew after signing, two weeks lost"))
		},
		func() error { return d.say(ctx, zhou, d.zh("/tolerance step 1 核实", "/tolerance step 1 verify")) },
		func() error {
			return d.say(ctx, zhou, d.zh("/tolerance decide 1 容错免责 政策界限不明确时先行先试，出于公心、未谋私利，已主动补救",
				"/tolerance decide 1 exempt a pilot where the policy was unclear, for the public good, no private gain, remedied at once"))
		},
		func() error { return d.say(ctx, zhou, d.zh("/tolerance step 1 告知", "/tolerance step 1 notify")) },
		func() error { return d.say(ctx, zhou, d.zh("/tolerance step 1 备案", "/tolerance step 1 file")) },
		func() error {
			return d.say(ctx, zhou, d.zh("/tolerance measure 1 陈晓燕 2026-12-22 完善征收协议的反悔处理条款",
				"/tolerance measure 1 陈晓燕 2026-12-22 add a withdrawal clause to the relocation agreement"))
		},
		func() error {
			d.note("本人和本单位主要负责同志可以查看，其他人看不到", "The cadre and the unit's principal may read it; nobody else")
			return d.say(ctx, chen, "/tolerance 1")
		},
		func() error {
			d.later(time.Date(2026, 12, 21, 10, 5, 0, 0, d.loc), "12月21日，纠错措施到期前", "21 December, before the measure's deadline")
			return d.say(ctx, zhou, "/schedule run correction-follow")
		},
		func() error { return d.say(ctx, chen, "/tolerance done 1") },
	}
	return doAll(steps)
}
