package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestAdminUnbindsWithConfirmation(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	zhang := h.cadres["张三"]
	got := h.say("周部长", "/unbind 张三")
	if len(got) != 1 || len(got[0].Buttons) != 1 || got[0].Buttons[0][0].Data != fmt.Sprintf("unbind:%d", zhang.ID) {
		t.Fatalf("/unbind 张三: %+v", got)
	}
	if c, _ := h.st.GetCadre(ctx, zhang.ID); !c.Bound() {
		t.Fatal("unbound before the confirmation tap")
	}
	var notice bool
	got = h.tap("周部长", got[0].Buttons[0][0].Data)
	if !strings.Contains(joined(got), "已解除张三") {
		t.Fatalf("tap: %s", joined(got))
	}
	var n int64
	h.st.DB().Table("notifications").Where("chat_id = ? AND payload LIKE ?", h.user("张三"), "%解除%").Count(&n)
	notice = n == 1
	if !notice {
		t.Error("张三 was not told that the binding was removed")
	}
	if c, _ := h.st.GetCadre(ctx, zhang.ID); c.Bound() {
		t.Fatal("still bound after the tap")
	}
	if es, _ := h.st.AuditEntries(ctx, "cadre.unbind", 5); len(es) != 1 || es[0].Target != zhang.ExternalID {
		t.Fatalf("audit = %+v", es)
	}
	if got := joined(h.tap("周部长", fmt.Sprintf("unbind:%d", zhang.ID))); !strings.Contains(got, "无需重复") {
		t.Fatalf("second tap: %s", got)
	}
	if got := joined(h.say("周部长", "/unbind 没这人")); !strings.Contains(got, "没有找到") {
		t.Fatalf("no match: %s", got)
	}
}

func TestForgedUnbindButtonIsRefusedAndLogged(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	target := h.cadres["孙七"] // 河西乡
	got := h.tap("李书记", fmt.Sprintf("unbind:%d", target.ID))
	if len(got) != 1 || got[0].CallbackID == "" || !got[0].Alert {
		t.Fatalf("forged tap answer: %+v", got)
	}
	if c, _ := h.st.GetCadre(ctx, target.ID); !c.Bound() {
		t.Fatal("a leader's forged callback unbound a cadre of another unit")
	}
	if es, _ := h.st.AuditEntries(ctx, "refused", 5); len(es) != 1 || !strings.Contains(es[0].Target, "unbind") {
		t.Fatalf("refusal not audited: %+v", es)
	}
	if got := h.tap("张三", "nonsense:1"); len(got) != 1 || !got[0].Alert {
		t.Fatalf("unknown button: %+v", got)
	}
}

func TestBindGroup(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if got := joined(h.inGroup(-500, "张三", "/bindgroup 城关镇")); !strings.Contains(got, "没有权限") {
		t.Fatalf("cadre binding a group: %s", got)
	}
	if got := joined(h.inGroup(-500, "周部长", "/bindgroup 不存在镇")); !strings.Contains(got, "没有名为") {
		t.Fatalf("unknown unit: %s", got)
	}
	if got := joined(h.inGroup(-500, "周部长", "/bindgroup@ganshi_bot 城关镇")); !strings.Contains(got, "公示群") {
		t.Fatalf("bind: %s", got)
	}
	u, _ := h.st.UnitByName(ctx, "城关镇")
	if u.GroupChatID == nil || *u.GroupChatID != -500 {
		t.Fatalf("group not bound: %+v", u)
	}
	if got := joined(h.say("周部长", "/bindgroup 城关镇")); !strings.Contains(got, "群内发送") {
		t.Fatalf("/bindgroup in private: %s", got)
	}
}

func TestOnboardingOverviewByScope(t *testing.T) {
	h := newHarness(t)
	leader := joined(h.say("李书记", "/onboarding"))
	if !strings.Contains(leader, "城关镇：2/3") || !strings.Contains(leader, "赵六") || strings.Contains(leader, "河西乡") {
		t.Fatalf("leader's view:\n%s", leader)
	}
	h.st.MarkUnreachable(context.Background(), h.user("孙七"), "bot was blocked by the user")
	admin := joined(h.say("周部长", "/onboarding"))
	for _, want := range []string{"城关镇：2/3", "河西乡：2/2", "孙七（bot was blocked by the user）"} {
		if !strings.Contains(admin, want) {
			t.Errorf("admin's view lacks %q:\n%s", want, admin)
		}
	}
}
