package browsertest

import (
	"strings"
	"testing"
)

// A principal sends /web, opens the link the bot sent, presses 登录 and
// lands on 总览; the link works once only.
func TestLoginThroughTheBotsLink(t *testing.T) {
	w := newWorld(t)
	link := w.loginLink("李书记")
	tb := w.browser("李书记")
	if status := tb.open(link); status != 200 {
		t.Fatalf("the link answered %d", status)
	}
	tb.sees("the confirmation page", "李书记，您好", "登录", "10分钟内有效")
	// Opening it again (as a link preview would) spends nothing.
	tb.open(link)
	if status := tb.press("button.primary"); status != 200 {
		t.Fatalf("logging in answered %d", status)
	}
	tb.sees("the overview", "2026年11月总览", "城关镇", "待我签字（2份）", "李书记 · 单位主要负责同志")

	other := w.browser("someone else")
	if status := other.open(link); status != 410 {
		t.Errorf("a used link answered %d", status)
	}
	other.sees("a used link", "已经使用过", "/web")
	if status := other.open("/"); status != 401 {
		t.Errorf("without a session / answered %d", status)
	}
	if strings.Contains(other.text(), "城关镇") {
		t.Error("the overview shows data to a browser that is not logged in")
	}
}
