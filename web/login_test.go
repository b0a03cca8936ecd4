package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/web"
)

// A forged, a used and an expired link each say what happened and what
// to do, and log nobody in; opening a link (GET) spends nothing.
func TestBadLoginLinks(t *testing.T) {
	e := newEnv(t)
	c := e.browser()
	status, body := c.get("/login/" + strings.Repeat("A", 43))
	if status != http.StatusNotFound {
		t.Errorf("forged link: %d", status)
	}
	mustHave(t, "forged link", body, "此登录链接无效", "/web")

	link := e.link("李书记")
	for range 3 { // previews and prefetchers
		if status, _ := c.get(link); status != http.StatusOK {
			t.Fatalf("GET of a fresh link: %d", status)
		}
	}
	if status, _ := c.post(link, url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("login: %d", status)
	}
	other := e.browser()
	status, body = other.get(link)
	if status != http.StatusGone {
		t.Errorf("used link: %d", status)
	}
	mustHave(t, "used link", body, "此登录链接已经使用过")
	if status, _ := other.get("/"); status != http.StatusUnauthorized {
		t.Errorf("a used link logged a second browser in: %d", status)
	}

	late := e.link("张三")
	e.clock.Advance(models.LoginLinkTTL + time.Second)
	status, body = e.browser().get(late)
	if status != http.StatusGone {
		t.Errorf("expired link: %d", status)
	}
	mustHave(t, "expired link", body, "此登录链接已过期")
}

// A link opened in a browser logged in as someone else is neither spent
// nor allowed to switch the session; its owner can still use it.
func TestLinkOpenedInAnotherPersonsSession(t *testing.T) {
	e := newEnv(t)
	zhang := e.login("张三")
	link := e.link("李书记")
	status, body := zhang.get(link)
	if status != http.StatusForbidden {
		t.Errorf("GET: %d", status)
	}
	mustHave(t, "the confirmation page", body, "当前浏览器已以张三的身份登录", "此链接属于另一位同志")
	status, body = zhang.post(link, url.Values{})
	if status != http.StatusForbidden {
		t.Errorf("POST: %d", status)
	}
	mustHave(t, "the refusal", body, "此链接属于另一位同志")
	if _, body := zhang.get("/"); !strings.Contains(body, "张三 · 干部") {
		t.Error("the browser is no longer 张三's")
	}
	e.browser().loginWith(link) // still good for its owner
}

// Unbinding or deactivating someone logs their browsers out at once.
func TestSessionEndsWithUnbindingAndDeactivation(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	zhang, sun := e.login("张三"), e.login("孙七")
	if status, _ := zhang.get("/"); status != http.StatusOK {
		t.Fatalf("before unbinding: %d", status)
	}
	e.must(e.st.Unbind(ctx, e.cadres["张三"].ID))
	status, body := zhang.get("/")
	if status != http.StatusUnauthorized {
		t.Errorf("cookie after unbinding: %d", status)
	}
	mustLack(t, "the page after unbinding", body, "城关镇")

	e.must(e.st.DB().Model(&models.Cadre{}).Where("id = ?", e.cadres["孙七"].ID).Update("active", false).Error)
	if status, _ := sun.get("/"); status != http.StatusUnauthorized {
		t.Errorf("cookie of a cadre made inactive: %d", status)
	}
}

// Logging out ends this browser's session; /web logout ends all of them.
func TestLogout(t *testing.T) {
	e := newEnv(t)
	c := e.login("李书记")
	other := e.login("李书记")
	status, body := c.post("/logout", url.Values{})
	if status != http.StatusOK {
		t.Fatalf("logout: %d", status)
	}
	mustHave(t, "after logout", body, "您已退出网页控制台", "/web")
	if status, _ := c.get("/"); status != http.StatusUnauthorized {
		t.Errorf("after logout: %d", status)
	}
	if status, _ := other.get("/"); status != http.StatusOK {
		t.Errorf("logging out one browser ended another: %d", status)
	}
	if _, err := e.st.EndWebSessions(context.Background(), e.cadres["李书记"].ID); err != nil {
		t.Fatal(err)
	}
	if status, _ := other.get("/"); status != http.StatusUnauthorized {
		t.Errorf("after /web logout: %d", status)
	}
}

// The login path answers 429 to a client that hammers it.
func TestLoginRateLimit(t *testing.T) {
	e := newEnvWith(t, func(*web.Options) {})
	c := e.browser()
	var last int
	for range 11 {
		last, _ = c.get("/login/" + strings.Repeat("B", 43))
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("the 11th try in a burst: %d", last)
	}
	e.clock.Advance(time.Minute)
	if status, _ := c.get("/login/" + strings.Repeat("B", 43)); status != http.StatusNotFound {
		t.Errorf("a minute later: %d", status)
	}
}
