package bot

import (
	"context"
	"strings"
	"testing"
	"time"
)

func (h *harness) invite(name, code string, valid time.Duration) {
	h.t.Helper()
	if err := h.st.IssueInvite(context.Background(), h.cadres[name].ID, code, h.clock.Now().Add(valid)); err != nil {
		h.t.Fatal(err)
	}
}

func TestStartWithCodeBindsAndGreets(t *testing.T) {
	h := newHarness(t)
	h.invite("赵六", "K7M2QX9PDA", 24*time.Hour)
	got := h.say("赵六", "/start K7M2QX9PDA")
	if len(got) != 2 {
		t.Fatalf("got %d messages, want a greeting and a menu", len(got))
	}
	for _, want := range []string{"赵六", "城关镇", "干部", "月度实绩", "/help"} {
		if !strings.Contains(got[0].Text, want) {
			t.Errorf("greeting lacks %q:\n%s", want, got[0].Text)
		}
	}
	if got[1].Menu == nil || len(got[1].Menu.Commands) == 0 {
		t.Fatalf("second message is not a command menu: %+v", got[1])
	}
	c, err := h.st.CadreByTelegram(context.Background(), h.user("赵六"))
	if err != nil || c.ID != h.cadres["赵六"].ID || c.ChatID == nil {
		t.Fatalf("not bound: %+v, %v", c, err)
	}
	// Opening the link again is harmless.
	if again := joined(h.say("赵六", "/start K7M2QX9PDA")); !strings.Contains(again, "已完成绑定") {
		t.Fatalf("second /start: %s", again)
	}
}

func TestStartAcceptsCodeAsPeopleTypeIt(t *testing.T) {
	for _, typed := range []string{"/start  k7m2 qx9pda ", "/start Ｋ７Ｍ２ＱＸ９ＰＤＡ", "/start K7M2-QX9P-DA"} {
		h := newHarness(t)
		h.invite("赵六", "K7M2QX9PDA", time.Hour)
		if got := joined(h.say("赵六", typed)); !strings.Contains(got, "绑定成功") {
			t.Errorf("%q did not bind: %s", typed, got)
		}
	}
}

func TestStartRefusalsChangeNothing(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(h *harness)
		sender string
		text   string
		want   string
	}{
		{"no code", nil, "赵六", "/start", "邀请链接"},
		{"unknown code", nil, "赵六", "/start NOPE", "邀请码无效"},
		{"expired", func(h *harness) { h.invite("赵六", "OLDCODE22", time.Hour); h.clock.Advance(2 * time.Hour) }, "赵六", "/start OLDCODE22", "已过期"},
		{"replaced", func(h *harness) {
			h.invite("赵六", "FIRSTCODE", time.Hour)
			h.invite("赵六", "SECONDCODE", time.Hour)
		}, "赵六", "/start FIRSTCODE", "取代"},
		{"account bound to someone else", func(h *harness) { h.invite("赵六", "ZHAOCODE2", time.Hour) }, "张三", "/start ZHAOCODE2", "已绑定其他干部"},
		{"used by another account", func(h *harness) {
			h.invite("赵六", "ZHAOCODE3", time.Hour)
			h.say("陌生人", "/start ZHAOCODE3")
		}, "赵六", "/start ZHAOCODE3", "已被使用"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			if tt.setup != nil {
				tt.setup(h)
				h.newReplies()
			}
			before, _ := h.st.CadreByTelegram(context.Background(), h.user(tt.sender))
			got := joined(h.say(tt.sender, tt.text))
			if !strings.Contains(got, tt.want) {
				t.Fatalf("reply lacks %q:\n%s", tt.want, got)
			}
			after, _ := h.st.CadreByTelegram(context.Background(), h.user(tt.sender))
			if before.ID != after.ID {
				t.Fatalf("binding changed from cadre %d to %d", before.ID, after.ID)
			}
		})
	}
}

func TestStrangersOnlyGetThePointer(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{"你好", "/help", "/me", "/onboarding", "/unbind 张三"} {
		got := h.say("陌生人", text)
		if len(got) != 1 || !strings.Contains(got[0].Text, "邀请链接") || !strings.Contains(got[0].Text, "invitation link") {
			t.Errorf("%q from a stranger: %s", text, joined(got))
		}
	}
	if got := h.sticker("陌生人"); len(got) != 1 || !strings.Contains(got[0].Text, "邀请链接") {
		t.Errorf("sticker from a stranger: %s", joined(got))
	}
	got := h.tap("陌生人", "unbind:1")
	if len(got) != 2 || got[0].CallbackID == "" || !strings.Contains(got[1].Text, "邀请链接") {
		t.Errorf("button from a stranger: %+v", got)
	}
	if c, _ := h.st.GetCadre(context.Background(), h.cadres["张三"].ID); !c.Bound() {
		t.Error("a stranger's forged unbind changed the roster")
	}
}

func TestNonTextAndEditsAreAnsweredPolitely(t *testing.T) {
	h := newHarness(t)
	if got := joined(h.sticker("张三")); !strings.Contains(got, "文字") {
		t.Errorf("sticker: %s", got)
	}
	got := h.handle(editedText(h.user("张三"), "改过的内容"))
	if !strings.Contains(joined(got), "重新发送") {
		t.Errorf("edit: %s", joined(got))
	}
}

func TestGroupChatterIgnored(t *testing.T) {
	h := newHarness(t)
	if got := h.inGroup(-100, "张三", "大家好"); len(got) != 0 {
		t.Fatalf("bot answered group chatter: %s", joined(got))
	}
	if got := h.inGroup(-100, "陌生人", "/help"); len(got) != 0 {
		t.Fatalf("bot answered a command meant for someone else: %s", joined(got))
	}
}

func TestUnreachableClearedWhenPersonWritesAgain(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.st.MarkUnreachable(ctx, h.user("张三"), "Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	if c, _ := h.st.GetCadre(ctx, h.cadres["张三"].ID); !c.Unreachable {
		t.Fatal("cadre not marked unreachable with the chat")
	}
	h.say("张三", "/me")
	if c, _ := h.st.GetCadre(ctx, h.cadres["张三"].ID); c.Unreachable {
		t.Fatal("still unreachable after writing to the bot")
	}
}
