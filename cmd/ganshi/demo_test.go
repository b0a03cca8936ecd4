package main

import (
	"context"
	"strings"
	"testing"
)

// The README's first command: it must run without a token or network and
// tell the whole story.
func TestDemoTellsTheStory(t *testing.T) {
	if testing.Short() {
		t.Skip("plays the whole demo")
	}
	for _, lang := range []string{"zh", "en"} {
		var out, errOut strings.Builder
		if err := run(context.Background(), []string{"demo", "--lang", lang}, env(), &out, &errOut); err != nil {
			t.Fatalf("demo --lang %s: %v\n%s\n%s", lang, err, out.String(), errOut.String())
		}
		for _, want := range []string{
			"请点击组织部发放的邀请链接", "陈晓燕，您好！绑定成功", "该邀请码已被使用过", // onboarding
			"上月计划（第 1/3 条）", "已记录本月完成情况 3 条", "签约率请写明已签约户数", // report, checklist, return
			"【干事 → 城关镇", "【月度实绩公示】", "签字人：张建国", // signature and posting
			"请于 2026年12月7日（周一） 前与其谈心谈话", "张建国约您谈心谈话", "提醒：您与 陈晓燕 的谈心谈话", // a talk owed, scheduled, reminded
			"谈话记录已保存", "事由：跟踪回访", // recorded, follow-up owed
			"城关镇 · 2026年11月 工作提示", "全县 · 2026年11月 汇总", "不作排名", // digests
		} {
			if lang == "zh" && !strings.Contains(out.String(), want) {
				t.Errorf("demo transcript lacks %q", want)
			}
		}
		if lang == "en" && !strings.Contains(out.String(), "The organization department imports the roster") {
			t.Errorf("English demo has no English narration:\n%s", out.String()[:500])
		}
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"demo", "--lang", "fr"}, env(), &out, &out); err == nil {
		t.Fatal("demo --lang fr accepted")
	}
}
