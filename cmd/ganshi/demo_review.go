package main

import (
	"context"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets/roster"
)

// The check-up's extra people: two colleagues of 陈晓燕 and a liaison of
// the county's petitions bureau (not on the sample roster; added here).
var (
	liu    = telegramtest.User{ID: 7002, FirstName: "刘志强"} // 城关镇 镇长, cadre
	yang   = telegramtest.User{ID: 7004, FirstName: "杨帆"}  // 城关镇 组织委员, cadre
	liaise = telegramtest.User{ID: 7041, FirstName: "钱卫东"} // 县信访局, liaison
)

// review plays a quarter's check-up: the department opens the round, the
// principal answers in one message, two colleagues raise a concern
// anonymously (too few to be shown), a department files a finding, and the
// department confirms the corroborated item into a talk the principal owes.
func (d *demo) review(ctx context.Context, _ map[string]string) error {
	d.later(time.Date(2026, 12, 1, 10, 30, 0, 0, d.loc), "12月1日10:30，组织部开启第四季度多维体检", "1 December 10:30: the department opens the fourth quarter's check-up")
	d.scene("季度多维体检", "The quarterly check-up")
	liaise.FirstName = d.zh("钱卫东", "Qian Weidong")
	d.names[liu.ID], d.names[yang.ID], d.names[liaise.ID] = liu.FirstName, yang.FirstName, liaise.FirstName
	codes, err := d.reviewPeople(ctx)
	if err != nil {
		return err
	}
	for _, u := range []telegramtest.User{liu, yang, liaise} {
		if err := d.say(ctx, u, "/start "+codes[u.ID]); err != nil {
			return err
		}
	}
	return doAll([]func() error{
		func() error { return d.say(ctx, zhou, "/review open 2026Q4 5") },
		func() error { return d.say(ctx, zhou, "/schedule run review-prompt") },
		func() error { return d.say(ctx, zhang, "/review") },
		func() error { return d.tap(ctx, zhang, d.button2("btn_review_ok", liu.FirstName)) },
		func() error { return d.tap(ctx, zhang, d.button2("btn_review_ok", yang.FirstName)) },
		func() error {
			return d.say(ctx, zhang, d.zh("/review 陈晓燕 作风 征收工作中对群众解释不够耐心", "/review 陈晓燕 style not patient enough with residents during relocation"))
		},
		func() error {
			d.note("两位同事匿名评价：库里不存评价人，重答会替换原答复", "Two colleagues answer anonymously: nothing stored says who; answering again replaces the answer")
			return d.say(ctx, liu, d.zh("/review 陈晓燕 作风 有群众反映办事拖沓", "/review 陈晓燕 style residents say she is slow to act"))
		},
		func() error {
			return d.say(ctx, yang, d.zh("/review 陈晓燕 作风,遵纪 会议经常迟到", "/review 陈晓燕 style,discipline often late to meetings"))
		},
		func() error { return d.say(ctx, liaise, "/finding") },
		func() error { return d.say(ctx, liaise, "陈晓燕") },
		func() error { return d.tap(ctx, liaise, d.button("review_dim_style")) },
		func() error {
			return d.say(ctx, liaise, d.zh("11月两件信访件反映其征收入户时态度生硬", "Two petitions in November say she was curt on relocation visits"))
		},
		func() error { return d.say(ctx, liaise, d.zh("信访〔2026〕41号", "XF-2026-41")) },
		func() error { return d.tap(ctx, liaise, d.button("review_sev_warn")) },
		func() error {
			d.later(time.Date(2026, 12, 8, 10, 0, 0, 0, d.loc), "一周后，作答截止，组织部研判", "A week later the answers are in; the department weighs them")
			return d.say(ctx, zhou, "/review consult")
		},
		func() error { return d.say(ctx, zhou, "/review 陈晓燕") },
		func() error { return d.tap(ctx, zhou, d.button2("btn_review_dispose", d.button("review_dim_style"))) },
		func() error { return d.tap(ctx, zhou, d.button("review_disp_talk")) },
		func() error {
			d.note("陈晓燕只看到维度和处置方式，看不到是谁反映的", "陈晓燕 sees the dimension and the disposition, never who raised it")
			return d.say(ctx, chen, "/review")
		},
		func() error { return d.say(ctx, zhang, "/talks") },
	})
}

func (d *demo) button2(key string, arg string) string { return fmt.Sprintf(d.button(key), arg) }

// reviewPeople adds the liaison to the roster and invites the three, as
// the department would with `ganshi import` and `ganshi invite`.
func (d *demo) reviewPeople(ctx context.Context) (map[int64]string, error) {
	unit, person := d.zh("县信访局", "County Petitions Bureau"), d.zh("钱卫东", "Qian Weidong")
	post, duty := d.zh("信访督查股股长", "head of petitions follow-up"), d.zh("信访件转办督办", "petitions")
	csv := fmt.Sprintf("单位,单位类型,类别,姓名,职务,分工,角色,工号\n%s,县直单位,政法类,%s,%s,%s,职能部门联络员,GS0041\n", unit, person, post, duty)
	rows, err := roster.Parse("liaison.csv", []byte(csv), "")
	if err != nil {
		return nil, err
	}
	if _, err := d.st.ApplyRoster(ctx, rows, models.ApplyOptions{Source: "liaison.csv"}); err != nil {
		return nil, err
	}
	codes := map[int64]string{}
	for ext, u := range map[string]telegramtest.User{"GS0002": liu, "GS0004": yang, "GS0041": liaise} {
		c, err := d.st.CadreByExternalID(ctx, ext)
		if err != nil {
			return nil, err
		}
		if d.lang == "en" {
			if err := d.st.SetLang(ctx, c.ID, "en"); err != nil {
				return nil, err
			}
		}
		code := models.NewInviteCode()
		if err := d.st.IssueInvite(ctx, c.ID, code, d.st.Now().Add(30*24*time.Hour)); err != nil {
			return nil, err
		}
		codes[u.ID] = code
	}
	d.note(d.zh("ganshi import：名册新增县信访局的职能部门联络员；ganshi invite：刘志强、杨帆和联络员各一个邀请链接", ""),
		"ganshi import: the petitions bureau's liaison joins the roster; ganshi invite: a link each for 刘志强, 杨帆 and the liaison")
	return codes, nil
}
