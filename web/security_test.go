package web_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/web"
)

var (
	inlineScript = regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`)
	scriptSrc    = regexp.MustCompile(`<script[^>]*\ssrc=`)
	inlineStyle  = regexp.MustCompile(`(?i)<style|\sstyle=|\son[a-z]+=`)
	assetRE      = regexp.MustCompile(`/static/[0-9a-f]{12}/[a-z]+\.(?:css|js|svg)`)
)

// Every page carries the security headers, no inline script or style
// (the CSP forbids them anyway), and is not cached; assets are cached
// for a year under content-hashed names.
func TestSecurityHeadersAndAssets(t *testing.T) {
	e := newEnv(t)
	admin := e.login("周部长")
	for _, path := range []string{"/", "/reports", "/talks", "/talks/ledger", "/roster", "/schedules", "/calendar", "/nope"} {
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
		resp, err := admin.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		h, body := resp.Header, string(b)
		for name, want := range map[string]string{
			"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"Cache-Control":           "no-store",
			"X-Frame-Options":         "DENY",
		} {
			if got := h.Get(name); got != want {
				t.Errorf("%s %s: %q", path, name, got)
			}
		}
		if inlineScript.MatchString(body) || !scriptSrc.MatchString(body) || inlineStyle.MatchString(body) {
			t.Errorf("%s has inline script or style", path)
		}
		if path == "/nope" && resp.StatusCode != http.StatusNotFound {
			t.Errorf("/nope: %d", resp.StatusCode)
		}
	}
	_, page := admin.get("/")
	assets := assetRE.FindAllString(page, -1)
	if len(assets) != 3 {
		t.Fatalf("assets linked: %v", assets)
	}
	for _, a := range assets {
		resp, err := http.Get(e.ts.URL + a)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || resp.Header.Get("ETag") == "" {
			t.Errorf("%s: %d %q", a, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+a, nil)
		req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
		if again, err := http.DefaultClient.Do(req); err != nil || again.StatusCode != http.StatusNotModified {
			t.Errorf("%s with its ETag: %v %v", a, again, err)
		}
	}
	stale := strings.Replace(assets[0], assets[0][8:20], "000000000000", 1)
	if resp, err := http.Get(e.ts.URL + stale); err != nil || resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("an asset under an old hash: %v %v", resp, err)
	}
}

// Over https the session cookie is Secure and host-only (__Host-), and
// HSTS is on; over plain http (tests, a LAN) it cannot be Secure.
func TestSessionCookieOverHTTPS(t *testing.T) {
	e := newEnv(t)
	tls := httptest.NewUnstartedServer(nil)
	tls.StartTLS()
	defer tls.Close()
	srv, err := web.New(web.Options{Store: e.st, PublicURL: tls.URL})
	if err != nil {
		t.Fatal(err)
	}
	tls.Config.Handler = srv
	for _, s := range []struct {
		url, name string
		secure    bool
		client    *http.Client
	}{{tls.URL, "__Host-ganshi_session", true, tls.Client()}, {e.ts.URL, "ganshi_session", false, http.DefaultClient}} {
		session, hsts := loginCookie(t, e, s.url, s.client)
		if session == nil || session.Name != s.name || session.Secure != s.secure || !session.HttpOnly ||
			session.SameSite != http.SameSiteLaxMode || session.Path != "/" || session.MaxAge != 12*3600 {
			t.Errorf("session cookie at %s: %+v", s.url, session)
		}
		if (hsts != "") != s.secure {
			t.Errorf("HSTS at %s: %q", s.url, hsts)
		}
	}
}

// loginCookie logs 李书记 in at base and returns the session cookie set
// and the HSTS header.
func loginCookie(t *testing.T, e *env, base string, hc *http.Client) (*http.Cookie, string) {
	t.Helper()
	link := e.link("李书记")
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Transport: hc.Transport, Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(base + link)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRE.FindSubmatch(b)
	if m == nil {
		t.Fatalf("no token on the login page at %s", base)
	}
	resp, err = c.PostForm(base+link, url.Values{"csrf": {string(m[1])}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if strings.Contains(ck.Name, "session") {
			return ck, resp.Header.Get("Strict-Transport-Security")
		}
	}
	return nil, resp.Header.Get("Strict-Transport-Security")
}
