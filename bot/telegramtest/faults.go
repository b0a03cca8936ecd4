package telegramtest

import (
	"net/http"
	"strings"
	"time"
)

// Fault makes matching requests fail (or stall) instead of being performed.
type Fault struct {
	Method string // e.g. "sendMessage", case-insensitive; "" = any method
	ChatID int64  // 0 = any request; otherwise only requests with this chat_id
	// Status is the HTTP status and error_code, e.g. 429, 500, 502, 403, 400.
	// 0 with a Delay means: stall, then perform the request normally.
	Status      int
	RetryAfter  int    // for 429: parameters.retry_after; 0 means 1, as Telegram always sends one
	MigrateTo   int64  // for 400: parameters.migrate_to_chat_id
	Description string // default derived from Status
	Count       int    // how many requests it applies to; 0 = until cleared
	// Delay holds the request this long before answering, to simulate a
	// slow or hung Telegram. If the client gives up first, nothing is
	// performed and nothing is answered.
	Delay time.Duration
}

type faultState struct {
	f    Fault
	left int // remaining uses when f.Count > 0
}

// Inject adds a fault. Faults are checked before any validation, in
// injection order; the first match applies.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultState{f: f, left: f.Count})
	s.notify()
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
	s.notify()
}

// ActiveFaults is the faults still in force, in injection order; Count is
// the number of uses left (0 = until cleared).
func (s *Server) ActiveFaults() []Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Fault, 0, len(s.faults))
	for _, fs := range s.faults {
		f := fs.f
		f.Count = fs.left
		out = append(out, f)
	}
	return out
}

// takeFault finds the first fault matching the request and uses it up once.
func (s *Server) takeFault(method string, p params) (Fault, bool) {
	chatID, _, _ := p.int64("chat_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, fs := range s.faults {
		if fs.f.Method != "" && !strings.EqualFold(fs.f.Method, method) {
			continue
		}
		if fs.f.ChatID != 0 && fs.f.ChatID != chatID {
			continue
		}
		if fs.f.Count > 0 {
			fs.left--
			if fs.left == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		s.notify()
		return fs.f, true
	}
	return Fault{}, false
}

// applyFault reports whether the request should go on to be performed; if
// not, ae is the answer to give (nil when the client is gone).
func (s *Server) applyFault(r *http.Request, method string, p params) (proceed bool, ae *apiError) {
	f, ok := s.takeFault(method, p)
	if !ok {
		return true, nil
	}
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-r.Context().Done():
			s.logf("telegramtest: %s → client gave up during injected delay", method)
			return false, nil
		case <-s.closed:
			return false, &apiError{code: http.StatusInternalServerError, desc: "Internal Server Error"}
		case <-t.C:
		}
	}
	if f.Status == 0 {
		return true, nil
	}
	return false, faultError(f)
}

func faultError(f Fault) *apiError {
	ae := &apiError{code: f.Status, desc: f.Description, migrateTo: f.MigrateTo}
	if f.Status == http.StatusTooManyRequests {
		ae.retryAfter = max(f.RetryAfter, 1)
	}
	if ae.desc == "" {
		ae.desc = defaultDescription(f.Status, ae.retryAfter, f.MigrateTo)
	}
	return ae
}

func defaultDescription(status, retryAfter int, migrateTo int64) string {
	switch {
	case status == http.StatusTooManyRequests:
		return tooMany(retryAfter).desc
	case status == http.StatusBadRequest && migrateTo != 0:
		return "Bad Request: group chat was upgraded to a supergroup chat"
	case status == http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	}
	if text := http.StatusText(status); text != "" {
		return text
	}
	return "Error " + itoa(int64(status))
}
