package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/web"
)

// env is the console on httptest over a fresh database with a small
// county: 城关镇 (principal 李书记, cadres 张三 and 赵六, who is not bound)
// and 河西乡 (principal 王乡长, cadre 孙七), and 周部长 of the department.
// The clock stands at 2026-11-26 10:00 in Shanghai.
type env struct {
	t      *testing.T
	st     *models.Store
	clock  *modelstest.Clock
	srv    *web.Server
	ts     *httptest.Server
	cadres map[string]models.Cadre
	units  map[string]models.Unit
}

var (
	shanghai, _ = time.LoadLocation("Asia/Shanghai")
	lateNov     = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	nov         = models.Period{Year: 2026, Month: time.November}
)

func newEnv(t *testing.T) *env { return newEnvWith(t, func(o *web.Options) { o.LoginBurst = 1000 }) }

// newEnvWith is newEnv with options of the test's own.
func newEnvWith(t *testing.T, opt func(*web.Options)) *env {
	t.Helper()
	clock := modelstest.NewClock(lateNov)
	e := &env{t: t, st: modelstest.SQLite(t, clock.Now), clock: clock, cadres: map[string]models.Cadre{}, units: map[string]models.Unit{}}
	e.ts = httptest.NewUnstartedServer(nil)
	e.ts.Start()
	t.Cleanup(e.ts.Close)
	o := web.Options{Store: e.st, PublicURL: e.ts.URL, Location: shanghai, Scheduler: fakeScheduler{},
		BotUsername: func(context.Context) (string, error) { return "ganshi_bot", nil }, MaxUpload: 10 << 20}
	opt(&o)
	srv, err := web.New(o)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	e.ts.Config.Handler = srv
	e.unit("城关镇", "乡镇一类")
	e.unit("河西乡", "乡镇二类")
	e.cadre("李书记", "城关镇", models.RoleLeader, true)
	e.cadre("张三", "城关镇", models.RoleCadre, true)
	e.cadre("赵六", "城关镇", models.RoleCadre, false)
	e.cadre("王乡长", "河西乡", models.RoleLeader, true)
	e.cadre("孙七", "河西乡", models.RoleCadre, true)
	e.cadre("周部长", "", models.RoleAdmin, true)
	return e
}

type fakeScheduler struct{}

func (fakeScheduler) NextFires(spec, tz string, after time.Time, n int) ([]time.Time, error) {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = after.Add(time.Duration(i+1) * 24 * time.Hour)
	}
	return out, nil
}

func (e *env) unit(name, category string) {
	u := models.Unit{Name: name, Kind: models.UnitTownship, Category: category}
	e.must(e.st.DB().Create(&u).Error)
	e.units[name] = u
}

func (e *env) cadre(name, unit, role string, bound bool) {
	c := models.Cadre{Name: name, ExternalID: "GS-" + name, Role: role, Position: "职务", Lang: "zh", Active: true}
	if unit != "" {
		id := e.units[unit].ID
		c.UnitID = &id
	}
	e.must(e.st.DB().Create(&c).Error)
	if bound {
		uid := c.ID + 1000
		c.TelegramUserID, c.ChatID = &uid, &uid
		e.must(e.st.DB().Save(&c).Error)
	}
	e.cadres[name] = c
	if role == models.RoleLeader {
		u := e.units[unit]
		u.PrincipalID = &c.ID
		e.must(e.st.DB().Save(&u).Error)
		e.units[unit] = u
	}
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// submitted gives the named cadre a submitted November report.
func (e *env) submitted(name string) models.Report {
	e.t.Helper()
	ctx := context.Background()
	rep, err := e.st.OpenReport(ctx, e.cadres[name], nov, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	e.must(err)
	_, err = e.st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "完成棚户区改造征收 35 户"}})
	e.must(err)
	_, err = e.st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "完成剩余 12 户签约"}})
	e.must(err)
	rep, err = e.st.Submit(ctx, rep.ID, e.cadres[name].ID)
	e.must(err)
	return rep
}

// client is one browser: its own cookie jar.
type client struct {
	e        *env
	http     *http.Client
	csrf     string
	location string // where the last response redirected
	lastPath string // the last page followed to
}

func (e *env) browser() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// login logs a new browser in as name through a link, as /web gives one.
func (e *env) login(name string) *client {
	e.t.Helper()
	c := e.browser()
	c.loginWith(e.link(name))
	return c
}

func (e *env) link(name string) string {
	e.t.Helper()
	token, err := e.st.IssueLoginLink(context.Background(), e.cadres[name].ID)
	e.must(err)
	return "/login/" + token
}

func (c *client) loginWith(path string) {
	c.e.t.Helper()
	if status, body := c.get(path); status != http.StatusOK {
		c.e.t.Fatalf("GET %s: %d\n%s", path, status, body)
	}
	if status, body := c.post(path, url.Values{}); status != http.StatusSeeOther {
		c.e.t.Fatalf("POST %s: %d\n%s", path, status, body)
	}
	c.get("/") // picks up the session's CSRF token
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) (int, string) {
	c.e.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	c.location = resp.Header.Get("Location")
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.e.t.Fatal(err)
	}
	if m := csrfRE.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return resp.StatusCode, string(b)
}

func (c *client) get(path string) (int, string) {
	req, _ := http.NewRequest(http.MethodGet, c.e.ts.URL+path, nil)
	return c.do(req)
}

// redirected follows the last redirect and returns that page.
func (c *client) redirected(t *testing.T) string {
	t.Helper()
	if c.location == "" {
		t.Fatal("the last response did not redirect")
	}
	c.lastPath = c.location
	status, body := c.get(c.lastPath)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d", c.lastPath, status)
	}
	return body
}

// post sends a form with the CSRF token of the last page seen.
func (c *client) post(path string, form url.Values) (int, string) {
	if form.Get("csrf") == "" && c.csrf != "" {
		form.Set("csrf", c.csrf)
	}
	return c.postRaw(path, form)
}

func (c *client) postRaw(path string, form url.Values) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, c.e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// follow GETs where the last POST redirected, returning that page.
func (c *client) postFollow(path string, form url.Values) (int, string) {
	c.e.t.Helper()
	if form.Get("csrf") == "" {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return resp.StatusCode, string(b)
	}
	return c.get(resp.Header.Get("Location"))
}

func mustHave(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Fatalf("%s lacks %q:\n%s", what, w, body)
		}
	}
}

func mustLack(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(body, u) {
			t.Fatalf("%s shows %q:\n%s", what, u, body)
		}
	}
}
