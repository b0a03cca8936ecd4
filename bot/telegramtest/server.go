package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Bot identity returned by getMe and used as the sender of bot messages.
const (
	BotID        int64 = 123456
	BotFirstName       = "Ganshi"
)

// DefaultToken is the fake's token unless Options say otherwise. It has a
// real token's shape (bot id, colon, 30+ characters of [A-Za-z0-9_-]) so
// that `ganshi serve` accepts it.
const DefaultToken = "123456:TEST-fake-telegram-secret-0123456789"

// Options configures a Server. The zero value is usable.
type Options struct {
	// Token is the bot token accepted in /bot<token>/METHOD; default
	// DefaultToken.
	Token string
	// BotUsername is returned by getMe; default "ganshi_bot".
	BotUsername string
	// EnforceLimits answers 429 like Telegram when the bot sends more than
	// 30 messages/s overall, 1 message/s to one chat (100ms tolerance) or
	// 20 messages/min to one group.
	EnforceLimits bool
	// Now is the clock for message dates and flood limits; default time.Now.
	// Long-poll timeouts and fault delays always use real time.
	Now func() time.Time
	// Logf, when set, receives one line per API request and its outcome.
	Logf func(format string, args ...any)
}

// Server is a running fake Bot API. All methods are safe for concurrent use.
type Server struct {
	opts    Options
	httpSrv *httptest.Server
	closed  chan struct{}
	once    sync.Once

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every state change
	state    *state
	requests map[string]int // lower-case method name → count
	n429     int
	faults   []*faultState
	polling  bool // a getUpdates is in progress
}

// New starts a fake Bot API server. Call Close when done.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.BotUsername == "" {
		opts.BotUsername = "ganshi_bot"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{
		opts:     opts,
		closed:   make(chan struct{}),
		changed:  make(chan struct{}),
		state:    newState(),
		requests: make(map[string]int),
	}
	s.httpSrv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the base URL to configure as the Bot API server; the client calls
// URL()+"/bot"+Token()+"/"+method.
func (s *Server) URL() string { return s.httpSrv.URL }

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.opts.Token }

// Close wakes any long poll or delayed request, then shuts the server down.
// httptest.Server.Close waits for in-flight requests, so they must end first.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closed) })
	s.httpSrv.Close()
}

// notify wakes every waiter; callers hold s.mu.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) now() time.Time { return s.opts.Now() }

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// apiError is a refusal in Telegram's envelope.
type apiError struct {
	code       int
	desc       string
	retryAfter int
	migrateTo  int64
}

func badRequest(desc string) *apiError {
	return &apiError{code: http.StatusBadRequest, desc: "Bad Request: " + desc}
}

func forbidden(desc string) *apiError {
	return &apiError{code: http.StatusForbidden, desc: "Forbidden: " + desc}
}

func tooMany(retryAfter int) *apiError {
	return &apiError{
		code:       http.StatusTooManyRequests,
		desc:       "Too Many Requests: retry after " + itoa(int64(retryAfter)),
		retryAfter: retryAfter,
	}
}

type envelope struct {
	OK          bool        `json:"ok"`
	Result      any         `json:"result,omitempty"`
	ErrorCode   int         `json:"error_code,omitempty"`
	Description string      `json:"description,omitempty"`
	Parameters  *parameters `json:"parameters,omitempty"`
}

type parameters struct {
	RetryAfter      int   `json:"retry_after,omitempty"`
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v envelope) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client may be gone; nothing to do
}

func (s *Server) writeResult(w http.ResponseWriter, method string, result any) {
	s.logf("telegramtest: %s → ok", method)
	writeJSON(w, http.StatusOK, envelope{OK: true, Result: result})
}

func (s *Server) writeError(w http.ResponseWriter, method string, e *apiError) {
	s.logf("telegramtest: %s → %d %s", method, e.code, e.desc)
	env := envelope{ErrorCode: e.code, Description: e.desc}
	if e.retryAfter != 0 || e.migrateTo != 0 {
		env.Parameters = &parameters{RetryAfter: e.retryAfter, MigrateToChatID: e.migrateTo}
	}
	if e.code == http.StatusTooManyRequests {
		s.mu.Lock()
		s.n429++
		s.notify()
		s.mu.Unlock()
	}
	writeJSON(w, e.code, env)
}

// serve routes /bot<token>/<method>.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	token, method, ok := splitPath(r.URL.Path)
	if !ok {
		s.writeError(w, r.URL.Path, &apiError{code: http.StatusNotFound, desc: "Not Found"})
		return
	}
	s.countRequest(method)
	if token != s.opts.Token {
		s.writeError(w, method, &apiError{code: http.StatusUnauthorized, desc: "Unauthorized"})
		return
	}
	p, err := parseParams(r)
	if err != nil {
		s.writeError(w, method, badRequest(err.Error()))
		return
	}
	proceed, fe := s.applyFault(r, method, p)
	if !proceed {
		if fe != nil {
			s.writeError(w, method, fe)
		}
		return
	}
	h, found := handlers[strings.ToLower(method)]
	if !found {
		s.writeError(w, method, &apiError{code: http.StatusNotFound, desc: "Not Found"})
		return
	}
	result, ae := h(s, r, p)
	if ae != nil {
		s.writeError(w, method, ae)
		return
	}
	s.writeResult(w, method, result)
}

func splitPath(path string) (token, method string, ok bool) {
	rest, found := strings.CutPrefix(path, "/bot")
	if !found {
		return "", "", false
	}
	token, method, found = strings.Cut(rest, "/")
	if !found || method == "" || strings.Contains(method, "/") {
		return "", "", false
	}
	return token, method, true
}

func (s *Server) countRequest(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[strings.ToLower(method)]++
	s.notify()
}

// Requests counts requests received for method (case-insensitive),
// including refused ones.
func (s *Server) Requests(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[strings.ToLower(method)]
}

// Count429 is how many 429 answers were given, injected or enforced.
func (s *Server) Count429() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n429
}
