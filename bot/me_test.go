package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

func TestMeShowsBindingAndRole(t *testing.T) {
	h := newHarness(t)
	got := joined(h.say("李书记", "/me"))
	for _, want := range []string{"李书记", "GS-李书记", "城关镇", "单位主要负责同志", "2026-11-02 09:00"} {
		if !strings.Contains(got, want) {
			t.Errorf("/me lacks %q:\n%s", want, got)
		}
	}
}

func TestLanguageSwitch(t *testing.T) {
	h := newHarness(t)
	if got := h.say("张三", "/lang"); len(got) != 1 || len(got[0].Buttons) != 1 || len(got[0].Buttons[0]) != 2 {
		t.Fatalf("/lang without argument offers no buttons: %+v", got)
	}
	got := h.say("张三", "/lang en")
	if !strings.Contains(got[0].Text, "English") || len(got) != 2 || got[1].Menu == nil || !strings.Contains(fmt.Sprint(got[1].Menu.Commands), "what you can do") {
		t.Fatalf("/lang en: %+v", got)
	}
	if got := joined(h.say("张三", "/me")); !strings.Contains(got, "Unit: 城关镇") {
		t.Fatalf("/me after /lang en is not English:\n%s", got)
	}
	if got := joined(h.say("张三", "/lang fr")); !strings.Contains(got, "/lang zh") {
		t.Fatalf("/lang fr: %s", got)
	}
	got = h.tap("张三", "lang:zh")
	if got[0].CallbackID == "" || !strings.Contains(joined(got), "已切换为中文") {
		t.Fatalf("tap lang:zh: %+v", got)
	}
	if got := h.tap("张三", "lang:xx"); len(got) != 1 || !got[0].Alert {
		t.Fatalf("forged language button: %+v", got)
	}
}

func TestCancelKeepsDrafts(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if got := joined(h.say("张三", "/cancel")); !strings.Contains(got, "没有进行中的操作") {
		t.Fatalf("/cancel with nothing: %s", got)
	}
	chat := h.user("张三")
	if err := h.st.SaveConversation(ctx, models.Conversation{ChatID: chat, Flow: "report", Step: "plan"}); err != nil {
		t.Fatal(err)
	}
	if got := joined(h.say("张三", "/cancel")); !strings.Contains(got, "已退出") {
		t.Fatalf("/cancel: %s", got)
	}
	if _, err := h.st.GetConversation(ctx, chat); err != models.ErrNotFound {
		t.Fatalf("conversation still there: %v", err)
	}
}
