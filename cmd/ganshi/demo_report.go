package main

import (
	"context"

	"github.com/ganshi/ganshi/models"
)

// lastMonth gives 陈晓燕 a signed October report whose plan becomes
// November's checklist. In the English story she wrote it in English.
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
	if err := add(models.SectionAchievement, d.zh("完成老城区棚户区改造入户调查120户",
		"Door-to-door survey of 120 households for the old town's shantytown renovation")); err != nil {
		return err
	}
	if err := add(models.SectionPlan, d.zh("完成棚户区改造入户评估30户", "Assess 30 households for the shantytown renovation"),
		d.zh("启动和平路拓宽工程", "Start widening Heping Road"), d.zh("开展燃气安全专项检查", "Run a gas safety inspection campaign")); err != nil {
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
		func() error { return d.tap(ctx, chen, d.button("btn_done")) },
		func() error {
			return d.say(ctx, chen, d.zh("部分完成，和平路拓宽已完成设计招标", "partly, the design tender for the widening is done"))
		},
		func() error { return d.tap(ctx, chen, d.button("btn_not_done")) },
		func() error {
			return d.say(ctx, chen, d.zh("1. 完成棚户区改造征收35户\n2、签约率92%\n③ 新建背街小巷道路3.5公里",
				"1. Relocation agreements signed with 35 households in the shantytown renovation\n2. Signing rate 92%\n3. 3.5 km of back-alley roads rebuilt"))
		},
		func() error { return d.tap(ctx, chen, d.button("btn_to_plan")) },
		func() error {
			return d.say(ctx, chen, d.zh("1. 完成剩余12户征收签约\n2. 和平路拓宽工程开工",
				"1. Sign with the remaining 12 households\n2. Start work on widening Heping Road"))
		},
		func() error { return d.tap(ctx, chen, d.button("btn_to_preview")) },
		func() error { return d.tap(ctx, chen, d.button("btn_submit")) },
	}
	return doAll(steps)
}

func (d *demo) signOff(ctx context.Context, _ map[string]string) error {
	d.scene("主要负责同志退回，干部修改后重新提交", "The principal returns it; the cadre revises and resubmits")
	steps := []func() error{
		func() error { return d.tap(ctx, zhang, d.button("btn_return")) },
		func() error {
			return d.say(ctx, zhang, d.zh("A4签约率请写明已签约户数", "A4: please give the number of households signed, not only the rate"))
		},
		func() error { return d.tap(ctx, chen, d.button("btn_fix")) },
		func() error {
			return d.say(ctx, chen, d.zh("/edit A4 签约率92%，已签约46户", "/edit A4 Signing rate 92%: 46 households signed"))
		},
		func() error { return d.tap(ctx, chen, d.button("btn_submit")) },
		func() error {
			d.scene("签字确认并在单位工作群公示", "Signed and posted in the unit's group")
			if d.lang == "en" {
				d.note("", "The posting in the unit's group is in Chinese: the group is the unit's, whatever language its members chose")
			}
			return d.tap(ctx, zhang, d.button("btn_sign"))
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
