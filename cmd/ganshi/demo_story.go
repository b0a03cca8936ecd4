package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/examples"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets/roster"
)

// The demo's people, from examples/roster.csv. Telegram user ids are made up.
var (
	chen     = telegramtest.User{ID: 7003, FirstName: "陈晓燕"} // 城关镇 副镇长, cadre
	zhang    = telegramtest.User{ID: 7001, FirstName: "张建国"} // 城关镇 党委书记, principal
	zhou     = telegramtest.User{ID: 7901, FirstName: "周敏"}  // 县委组织部, admin
	stranger = telegramtest.User{ID: 7999, FirstName: "王五"}
)

const groupChat = -1001234

func playDemo(ctx context.Context, d *demo) error {
	d.names = map[int64]string{chen.ID: chen.FirstName, zhang.ID: zhang.FirstName, zhou.ID: zhou.FirstName,
		stranger.ID: stranger.FirstName, groupChat: d.zh("城关镇工作群", "Chengguan town group")}
	codes, err := d.setUp(ctx)
	if err != nil {
		return err
	}
	steps := []func(context.Context, map[string]string) error{d.onboarding, d.lastMonth, d.fillReport, d.signOff, d.talks, d.careLeave, d.digests, d.annual, d.review, d.contest, d.training, d.tolerance}
	for _, step := range steps {
		if err := step(ctx, codes); err != nil {
			return err
		}
	}
	d.scene("演示结束", "End of the demo")
	return nil
}

// setUp imports the sample roster and issues invitations, as the
// organization department would with `ganshi import` and `ganshi invite`.
func (d *demo) setUp(ctx context.Context) (map[string]string, error) {
	d.scene("组织部导入名册并发放邀请链接", "The organization department imports the roster and issues invitations")
	data := examples.Roster
	if d.lang == "en" {
		data = withColumn(data, "语言", "en")
	}
	rows, err := roster.Parse("roster.csv", data, "")
	if err != nil {
		return nil, err
	}
	sum, err := d.st.ApplyRoster(ctx, rows, models.ApplyOptions{Source: "examples/roster.csv"})
	if err != nil {
		return nil, err
	}
	d.note(fmt.Sprintf("ganshi import examples/roster.csv：新增%d个单位、%d名干部", sum.UnitsAdded, sum.Total.Added),
		fmt.Sprintf("ganshi import examples/roster.csv: %d units and %d cadres added", sum.UnitsAdded, sum.Total.Added))
	if d.lang == "en" {
		d.note("", "In this story the roster's 语言 (lang) column says en for everyone, so the bot speaks English to them from their first message; anyone can switch with /lang zh or /lang en")
	}
	codes := map[string]string{}
	for _, ext := range []string{"GS0001", "GS0003", "GS9001"} {
		c, err := d.st.CadreByExternalID(ctx, ext)
		if err != nil {
			return nil, err
		}
		code := models.NewInviteCode()
		if err := d.st.IssueInvite(ctx, c.ID, code, d.st.Now().Add(30*24*time.Hour)); err != nil {
			return nil, err
		}
		codes[ext] = code
	}
	d.note("ganshi invite：每人一个一次性邀请链接，例如：https://t.me/ganshi_bot?start="+codes["GS0003"],
		"ganshi invite: one single-use link per person, e.g. https://t.me/ganshi_bot?start="+codes["GS0003"])
	d.fake.AddGroup(groupChat, "城关镇工作群")
	return codes, nil
}

func (d *demo) onboarding(ctx context.Context, codes map[string]string) error {
	d.scene("未受邀请的人打开机器人", "Someone without an invitation opens the bot")
	if err := d.say(ctx, stranger, "/start"); err != nil {
		return err
	}
	d.scene("干部点击邀请链接完成绑定", "Cadres open their invitation links")
	for _, step := range []struct {
		u    telegramtest.User
		text string
	}{
		{chen, "/start " + codes["GS0003"]},
		{zhang, "/start " + codes["GS0001"]},
		{zhou, "/start " + codes["GS9001"]},
		{stranger, "/start " + codes["GS0003"]},
	} {
		if err := d.say(ctx, step.u, step.text); err != nil {
			return err
		}
	}
	d.scene("组织部查看绑定情况，并把机器人加入单位工作群", "The department checks onboarding and binds the unit's group")
	if err := d.say(ctx, zhou, "/onboarding"); err != nil {
		return err
	}
	return d.sayIn(ctx, groupChat, zhou, "/bindgroup 城关镇")
}

// withColumn adds a column holding value on every row of a CSV file, as a
// department would add 语言 to its roster.
func withColumn(csv []byte, name, value string) []byte {
	lines := strings.Split(strings.TrimRight(string(csv), "\n"), "\n")
	for i, l := range lines {
		if i == 0 {
			lines[i] = l + "," + name
		} else if l != "" {
			lines[i] = l + "," + value
		}
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}
