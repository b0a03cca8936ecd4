package main

import (
	"context"

	"github.com/ganshi/ganshi/models"
)

// lastMonth gives 陈晓燕 a signed October report whose plan becomes
// November's checklist.
func (d *demo) lastMonth(ctx context.Context, _ map[string]string) error {
	c, err := d.st.CadreByExternalID(ctx, "GS0003")
	if err != nil {
		return err
	}
	p, _ := models.ParsePeriod("2026-10")
	rep, err := d.st.OpenReport(ctx, c, p, models.DefaultDueRule.Due(p, d.loc, models.WeekdayCalendar{}))
	if err != nil {
		return err
	}
	add := func(section string, texts ...string) error {
		var its []models.NewItem
		for _, t := range texts {
			its = append(its, models.NewItem{Text: t})
		}
		_, err := d.st.AddItems(ctx, rep.ID, section, its)
		return err
	}
	if err := add(models.SectionAchievement, "完成老城区棚户区改造入户调查 120 户"); err != nil {
		return err
	}
	if err := add(models.SectionPlan, "完成棚户区改造入户评估 30 户", "启动和平路拓宽工程", "开展燃气安全专项检查"); err != nil {
		return err
	}
	if _, err := d.st.Submit(ctx, rep.ID, c.ID); err != nil {
		return err
	}
	principal, err := d.st.CadreByExternalID(ctx, "GS0001")
	if err != nil {
		return err
	}
	if _, err := d.st.Sign(ctx, rep.ID, 0, principal.ID); err != nil {
		return err
	}
	d.scene("11月26日：陈晓燕填报11月月度实绩", "26 November: 陈晓燕 files her November report")
	d.note("背景：她10月的报告已签字，其中下月计划3条，现在自动变成本月的核对清单",
		"Background: her signed October report had 3 plan items; they now come back as this month's checklist")
	return nil
}

func (d *demo) fillReport(ctx context.Context, _ map[string]string) error {
	steps := []func() error{
		func() error { return d.say(ctx, chen, "/report") },
		func() error { return d.tap(ctx, chen, "✅ 完成") },
		func() error { return d.say(ctx, chen, "部分完成 和平路拓宽已完成设计招标") },
		func() error { return d.tap(ctx, chen, "✗ 未完成（结转下月）") },
		func() error {
			return d.say(ctx, chen, "1. 完成棚户区改造征收 35 户\n2、签约率 92%\n③ 新建背街小巷道路 3.5 公里")
		},
		func() error { return d.tap(ctx, chen, "下一步：填写下月计划") },
		func() error {
			return d.say(ctx, chen, "1. 完成剩余 12 户征收签约\n2. 和平路拓宽工程开工")
		},
		func() error { return d.tap(ctx, chen, "预览并提交") },
		func() error { return d.tap(ctx, chen, "✅ 提交") },
	}
	return doAll(steps)
}

func (d *demo) signOff(ctx context.Context, _ map[string]string) error {
	d.scene("主要负责同志退回，干部修改后重新提交", "The principal returns it; the cadre revises and resubmits")
	steps := []func() error{
		func() error { return d.tap(ctx, zhang, "↩️ 退回") },
		func() error { return d.say(ctx, zhang, "签约率请写明已签约户数") },
		func() error { return d.tap(ctx, chen, "去修改") },
		func() error { return d.say(ctx, chen, "/edit A4 签约率 92%，已签约 46 户") },
		func() error { return d.tap(ctx, chen, "✅ 提交") },
		func() error {
			d.scene("签字确认并在单位工作群公示", "Signed and posted in the unit's group")
			return d.tap(ctx, zhang, "✍️ 签字确认")
		},
		func() error { return d.say(ctx, chen, "/reports") },
	}
	return doAll(steps)
}

func doAll(steps []func() error) error {
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}
