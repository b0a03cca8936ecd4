package bot

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

var loginLinkRE = regexp.MustCompile(`https://console\.example\.gov\.cn/login/([A-Za-z0-9_-]{43})`)

func webHarness(t *testing.T) *harness {
	h := newHarness(t)
	h.r = NewRouter(Options{Location: h.r.loc, WebURL: "https://console.example.gov.cn/"})
	return h
}

// loginToken sends /web as name and returns the token of the link sent.
func (h *harness) loginToken(name string) string {
	h.t.Helper()
	got := h.say(name, "/web")
	m := loginLinkRE.FindStringSubmatch(joined(got))
	if m == nil {
		h.t.Fatalf("/web sent no login link:\n%s", joined(got))
	}
	return m[1]
}

func TestWebLinkIsTheCallersOnceAndExpires(t *testing.T) {
	h := webHarness(t)
	ctx := context.Background()
	for _, name := range []string{"周部长", "李书记", "张三"} {
		token := h.loginToken(name)
		l, err := h.st.PeekLoginLink(ctx, token)
		if err != nil || l.CadreID != h.cadres[name].ID {
			t.Fatalf("%s's link belongs to cadre %d (%v)", name, l.CadreID, err)
		}
	}
	first := h.loginToken("张三")
	second := h.loginToken("张三")
	if _, err := h.st.PeekLoginLink(ctx, first); err == nil {
		t.Error("an older link still works after a new /web")
	}
	if _, _, err := h.st.UseLoginLink(ctx, second); err != nil {
		t.Fatalf("fresh link: %v", err)
	}
	if _, _, err := h.st.UseLoginLink(ctx, second); err == nil {
		t.Error("a link logged in twice")
	}
	late := h.loginToken("张三")
	h.clock.Advance(models.LoginLinkTTL + time.Second)
	if _, _, err := h.st.UseLoginLink(ctx, late); err == nil {
		t.Error("a link logged in after 10 minutes")
	}
	mustContain(t, "/web", h.say("张三", "/web"), "10分钟内有效", "请勿转发")
}

func TestWebNotConfigured(t *testing.T) {
	h := newHarness(t)
	mustContain(t, "/web without GANSHI_PUBLIC_URL", h.say("李书记", "/web"), "网页控制台尚未配置", "GANSHI_PUBLIC_URL")
}

// /web logout, /unbind and a roster that drops someone all end that
// person's web sessions.
func TestWebSessionsEndWithLogoutAndUnbind(t *testing.T) {
	h := webHarness(t)
	ctx := context.Background()
	live := func(name string) int64 {
		n, err := h.st.LiveWebSessions(ctx, h.cadres[name].ID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for range 2 {
		if _, _, err := h.st.UseLoginLink(ctx, h.loginToken("李书记")); err != nil {
			t.Fatal(err)
		}
	}
	mustContain(t, "/web logout", h.say("李书记", "/web logout"), "结束了2个浏览器会话")
	if n := live("李书记"); n != 0 {
		t.Errorf("%d sessions live after /web logout", n)
	}
	if _, _, err := h.st.UseLoginLink(ctx, h.loginToken("张三")); err != nil {
		t.Fatal(err)
	}
	h.tap("周部长", fmt.Sprintf("unbind:%d", h.cadres["张三"].ID))
	if n := live("张三"); n != 0 {
		t.Errorf("%d sessions live after /unbind", n)
	}
}

// An admin reopens a signed report with a reason, as on the web; the
// cadre is told in chat.
func TestAdminReopensSignedReport(t *testing.T) {
	h := reportHarness(t)
	id := fillAndSubmit(t, h)
	mustContain(t, "sign", h.say("李书记", fmt.Sprintf("/sign %d", id)), "已签字确认")
	got := h.say("周部长", fmt.Sprintf("/reopen %d 数字有误", id))
	mustContain(t, "admin reopen", got, "已重新打开张三")
	if msg, ok := h.lastTo("张三"); !ok || !regexp.MustCompile(`重新打开.*数字有误`).MatchString(msg.Text) {
		t.Errorf("the cadre was not told: %+v", msg)
	}
	mustContain(t, "cadre reopen", h.say("孙七", fmt.Sprintf("/reopen %d 想改", id)), "没有权限")
}
