package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	tgmodels "github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
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
	if len(got) != 1 {
		t.Fatalf("got %d messages, want only a greeting (a cadre's menu is every private chat's default)", len(got))
	}
	for _, want := range []string{"赵六", "城关镇", "干部", "月度实绩", "/help"} {
		if !strings.Contains(got[0].Text, want) {
			t.Errorf("greeting lacks %q:\n%s", want, got[0].Text)
		}
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

// sayFrom sends a private text as the named person from a Telegram client
// in the given language.
func (h *harness) sayFrom(name, clientLang, text string) []telegram.Message {
	uid := h.user(name)
	return h.handle(&tgmodels.Update{Message: &tgmodels.Message{
		Text: text, From: &tgmodels.User{ID: uid, LanguageCode: clientLang}, Chat: tgmodels.Chat{ID: uid, Type: tgmodels.ChatTypePrivate},
	}})
}

// A binding brings a menu of the chat's own only where the person's
// differs from the default their client shows: a leader's; a Chinese
// cadre's in an English client; not a cadre whose client is in their
// language, nor one whose client language has no menu of its own.
func TestBindingSetsAChatMenuOnlyWhereItDiffers(t *testing.T) {
	for _, tc := range []struct {
		name, role, client string
		own                bool
	}{
		{"陈干事", models.RoleCadre, "zh-hans", false},
		{"钱干事", models.RoleCadre, "", false},
		{"孔干事", models.RoleCadre, "ru", false},
		{"冯干事", models.RoleCadre, "en", true},
		{"褚干事", models.RoleCadre, "en-gb", true},
		{"卫书记", models.RoleLeader, "zh-hans", true},
	} {
		h := newHarness(t)
		h.unit("东风乡", models.UnitTownship)
		h.cadre(tc.name, "东风乡", tc.role, false)
		h.invite(tc.name, "K7M2QX9PDA", time.Hour)
		got := h.sayFrom(tc.name, tc.client, "/start K7M2QX9PDA")
		if own := len(got) == 2 && got[1].Menu != nil && len(got[1].Menu.Commands) > 0; own != tc.own || len(got) > 2 {
			t.Errorf("%s (%s, client %q): %d messages, a menu of its own %v, want %v", tc.name, tc.role, tc.client, len(got), own, tc.own)
		}
		if got := h.sayFrom(tc.name, tc.client, "/me"); len(got) != 1 {
			t.Errorf("%s: /me after binding sent %d messages", tc.name, len(got))
		}
	}
}
