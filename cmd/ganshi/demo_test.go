package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/ganshi/ganshi/examples"
	"github.com/ganshi/ganshi/sheets/roster"
	"github.com/ganshi/ganshi/texts"
)

func playedDemo(t *testing.T, lang string) string {
	t.Helper()
	var out, errOut strings.Builder
	if err := run(context.Background(), []string{"demo", "--lang", lang}, env(), &out, &errOut); err != nil {
		t.Fatalf("demo --lang %s: %v\n%s\n%s", lang, err, out.String(), errOut.String())
	}
	return out.String()
}

// botMessage is one message of the bot in a transcript: to whom, and its
// text with its buttons.
type botMessage struct{ to, text string }

// botMessages reads the bot's messages out of a transcript: a line that
// starts with head ("  【干事 → " or "  [Ganshi → "), then its indented lines.
func botMessages(transcript, head, closing string) []botMessage {
	var out []botMessage
	for _, l := range strings.Split(transcript, "\n") {
		switch {
		case strings.HasPrefix(l, head):
			to, text, _ := strings.Cut(strings.TrimPrefix(l, head), closing)
			out = append(out, botMessage{to, text})
		case strings.HasPrefix(l, "    ") && len(out) > 0:
			out[len(out)-1].text += "\n" + strings.TrimSpace(l)
		}
	}
	return out
}

// The README's first command: it must run without a token or network and
// tell the whole story, in Chinese written as Chinese is written.
func TestDemoTellsTheStory(t *testing.T) {
	if testing.Short() {
		t.Skip("plays the whole demo")
	}
	out := playedDemo(t, "zh")
	for _, want := range []string{
		"请点击组织部发放的邀请链接", "陈晓燕，您好！绑定成功", "该邀请码已被使用过", // onboarding
		"上月计划（第1/3条）", "已记录本月完成情况3条", "A3 完成棚户区改造征收35户", "签约率请写明已签约户数", // report, checklist, return
		"已推送给张建国签字确认", "【干事 → 城关镇", "【月度实绩公示】", "签字人：张建国", // signature and posting
		"请于2026年12月7日（周一）前与其谈心谈话", "张建国约您谈心谈话", "提醒：您与陈晓燕的谈心谈话将于2026年11月27日（周五）10:00在党委书记办公室进行", // a talk owed, scheduled, reminded
		"谈话记录已保存", "事由：跟踪回访", // recorded, follow-up owed
		"城关镇·2026年11月工作提示", "全县·2026年11月汇总", "不作排名", // digests
		"已开启2026Q4季度体检", "[陈晓燕：无问题] [有意见]", "作答不足3人，干部群众议暂不显示", "★作风：两个以上渠道反映，多方印证", // the check-up
		"已为其主要负责同志生成一次待办谈话", "【季度体检提醒】", "• 作风：提醒谈话", "陈晓燕（发现问题苗头）",
		"1. 棚户区改造征收：尚未填报，目标120户", "河西乡，重点项目投资：0.35亿元", "已核实#1：城关镇·棚户区改造征收：35户", "现在显示：35户、0.35亿元", // competition
		"您收到一场培训的通知", "请假已获批准", "签到成功：“学习贯彻全会精神专题党课”", "应到4人", "已标记杨帆到场", // training
		"2026年您还有10天带薪年休假未休", "· 陈晓燕：10天", "[不再提醒]", "已确认陈晓燕的年休假", "剩余7天（应休10天）", // a leave reminder in November
		"认定结果：容错免责", "备案（12月11日）", "纠错措施“完善征收协议的反悔处理条款”应于12月22日前完成", "已登记完成", // a tolerance case and its correction
		"2026年度对标研判已开始", "已记录对陈晓燕的2026年度评价", "陈晓燕·2026年度实绩画像", "暂无数据（数据来源尚未接入）", // annual benchmarking
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo transcript lacks %q", want)
		}
	}
	msgs := botMessages(out, "  【干事 → ", "】")
	if len(msgs) < 50 {
		t.Fatalf("%d bot messages read from the transcript:\n%s", len(msgs), out)
	}
	for _, m := range msgs {
		if bad := texts.StraySpaces(m.text); bad != nil {
			t.Errorf("stray spaces %q in the message to %s:\n%s", bad, m.to, m.text)
		}
	}
	var errOut strings.Builder
	if err := run(context.Background(), []string{"demo", "--lang", "fr"}, env(), &errOut, &errOut); err == nil {
		t.Fatal("demo --lang fr accepted")
	}
}

// rosterWords are the story's proper nouns, which stay as the roster has
// them in any language: names, units, categories, posts and duties.
func rosterWords(t *testing.T) []string {
	t.Helper()
	rows, err := roster.Parse("roster.csv", examples.Roster, "")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, r := range rows {
		words = append(words, r.Name, r.Unit, r.Category, r.Position, r.Duty)
	}
	// The competition's file is data too: its name, groups, tasks and
	// measures, and what the story's people type as notes.
	words = append(words, "2026年度结对打擂", "首批签约", "产业园项目开工")
	for _, l := range strings.Split(string(examples.Contest), "\n")[1:] {
		words = append(words, strings.Split(l, ",")...)
	}
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) }) // 城关镇工作群 before 城关镇
	return words
}

// hanOutside is the Chinese, characters and full-width punctuation, left
// in s once the story's proper nouns are taken out.
func hanOutside(s string, nouns []string) string {
	for _, n := range nouns {
		if n != "" {
			s = strings.ReplaceAll(s, n, "")
		}
	}
	var han []rune
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || strings.ContainsRune("，。、；：？！（）【】", r) {
			han = append(han, r)
		}
	}
	return string(han)
}

// In English the people of the story read and type English, so the whole
// transcript is English but for names, units and posts (data) and what is
// Chinese by design: the unit group's posting, and the greeting to a
// stranger, whose language is not known, in both languages.
func TestDemoInEnglish(t *testing.T) {
	if testing.Short() {
		t.Skip("plays the whole demo")
	}
	out := playedDemo(t, "en")
	nouns := rosterWords(t)
	msgs := botMessages(out, "  [Ganshi → ", "] ")
	if len(msgs) < 50 {
		t.Fatalf("%d bot messages read from the transcript:\n%s", len(msgs), out)
	}
	for _, m := range msgs {
		switch m.to {
		case "Chengguan town group":
			if !strings.Contains(m.text, "【月度实绩公示】") && hanOutside(m.text, nouns) != "" {
				t.Errorf("Chinese in the group's message:\n%s", m.text)
			}
		case stranger.FirstName:
			if !strings.Contains(m.text, "\n\n") || !strings.ContainsAny(m.text, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("a stranger is not answered in both languages:\n%s", m.text)
			}
		default:
			if han := hanOutside(m.text, nouns); han != "" {
				t.Errorf("Chinese %q in the English message to %s:\n%s", han, m.to, m.text)
			}
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "(") || strings.HasPrefix(l, "==") {
			if han := hanOutside(strings.ReplaceAll(l, "语言", ""), nouns); han != "" {
				t.Errorf("Chinese %q in the narration: %s", han, l)
			}
		}
	}
	for _, want := range []string{
		"Hello 陈晓燕, your account is linked", "Last month's plan (item 1 of 3)", "Recorded 3 achievement item(s)", // bound in English; checklist
		"A4 Signing rate 92%: 46 households signed", "Signed 陈晓燕's report for 2026-11", // the return and the fix
		"Time: Fri 27 Nov 2026, 10:00", "A follow-up is set for Mon 28 Dec 2026", // "tomorrow 10am" and "Dec 28" read
		"Reminder: your talk with 陈晓燕 is at Fri 27 Nov 2026, 10:00, the Party secretary's office",
		"城关镇 · 2026-11 digest", "County · 2026-11 summary", "not ranked", // digests
		"Check-up 2026Q4 is open", "★work style: raised by two or more sources", "Their principal now owes a talk", // the check-up
		"[Quarterly check-up]", "• work style: reminder talk",
		"You are invited to a session", "was approved", "Checked in: \"Party lecture on the plenum\"", "Invited 4", // training
	} {
		if !strings.Contains(out, want) {
			t.Errorf("English demo transcript lacks %q", want)
		}
	}
}
