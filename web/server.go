package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
)

// Scheduler is what the 日程 page needs from the job engine; cmd wires it
// (web does not import jobs, as bot does not).
type Scheduler interface {
	NextFires(spec, tz string, after time.Time, n int) ([]time.Time, error)
}

// Options configure the console.
type Options struct {
	Store *models.Store
	// PublicURL is GANSHI_PUBLIC_URL, the console's address as browsers
	// see it. Its scheme decides whether cookies are Secure, and a POST
	// whose Origin is another site is refused.
	PublicURL string
	Location  *time.Location // for dates and months; default UTC
	Logger    *slog.Logger   // default: discard
	Scheduler Scheduler      // next fire times on 日程; nil: not shown
	// BotUsername names the bot for invitation links (t.me/<name>?start=…);
	// nil: the roster page cannot issue invitations.
	BotUsername func(context.Context) (string, error)
	// MaxUpload bounds an uploaded roster file; default 10 MB.
	MaxUpload int64
	// TallyTTL is how long 总览 reuses the county's figures; default 20 s.
	TallyTTL time.Duration
	// LoginBurst is how many login requests one client may make at once
	// before being slowed to one every few seconds; default 10.
	LoginBurst int
	// FormBurst and FormEvery limit the outside respondents' form per
	// client: FormBurst requests at once, then one every FormEvery;
	// defaults 30 and 2 s (a village office behind one address).
	FormBurst int
	FormEvery time.Duration
	// BoardPoll is how often the live board's broadcaster looks for a
	// verified entry; default 500 ms (a board shows it within a second).
	BoardPoll time.Duration
}

// Server is the web console, an http.Handler.
type Server struct {
	st          *models.Store
	log         *slog.Logger
	loc         *time.Location
	sched       Scheduler
	botName     func(context.Context) (string, error)
	origin      string // scheme://host of PublicURL
	secure      bool
	maxUp       int64
	tpl         *templates
	assets      *assets
	limiter     *limiter
	formLimiter *limiter
	tallies     *tallyCache
	boards      *hub
	boardTpl    *boardTemplates
	handler     http.Handler
}

// New builds the console. It fails when the public URL is not an http(s)
// URL or a template does not parse.
func New(o Options) (*Server, error) {
	if o.Store == nil {
		return nil, errors.New("web: no store")
	}
	u, err := url.Parse(o.PublicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" {
		return nil, fmt.Errorf("web: public URL must be an http(s) URL of a site root, got %q", o.PublicURL)
	}
	s := &Server{st: o.Store, log: o.Logger, loc: o.Location, sched: o.Scheduler, botName: o.BotUsername,
		origin: u.Scheme + "://" + u.Host, secure: u.Scheme == "https", maxUp: o.MaxUpload}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.maxUp <= 0 {
		s.maxUp = 10 << 20
	}
	if o.TallyTTL <= 0 {
		o.TallyTTL = 20 * time.Second
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.tpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	if o.LoginBurst <= 0 {
		o.LoginBurst = loginBurst
	}
	s.limiter = newLimiter(o.LoginBurst, loginEvery, s.st.Now)
	if o.FormBurst <= 0 {
		o.FormBurst = 30
	}
	if o.FormEvery <= 0 {
		o.FormEvery = 2 * time.Second
	}
	s.formLimiter = newLimiter(o.FormBurst, o.FormEvery, s.st.Now)
	s.tallies = newTallyCache(o.TallyTTL, s.st.Now)
	if s.boardTpl, err = parseBoardTemplates(s.loc); err != nil {
		return nil, err
	}
	if o.BoardPoll <= 0 {
		o.BoardPoll = 500 * time.Millisecond
	}
	s.boards = newHub(s.st, s.log, o.BoardPoll, s.boardTpl.boardBody)
	s.handler = s.middleware(s.routes())
	return s, nil
}

// ServeHTTP serves the console.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// isUpload tells whether a request carries a file (a larger body limit).
func isUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/roster/upload")
}
