package web

import (
	"encoding/json"
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// showScreen is GET /training/{id}/screen: the check-in screen for the
// room's projector. The page shows the code of now; static/checkin.js
// fetches the next one from /training/{id}/code as each expires (no
// inline script: the CSP forbids it).
func (s *Server) showScreen(w http.ResponseWriter, r *http.Request, v *visitor) {
	t, ok := s.runnable(w, r, v)
	if !ok {
		return
	}
	now := s.st.Now()
	sc := t.Screen(now)
	p := s.newPage(v, "web_training_screen", "training", struct {
		ID     int64
		Screen models.CheckinScreen
		MsLeft int64 // until the next code; the script fetches it then
	}{t.ID, sc, max(sc.ValidUntil.Sub(now).Milliseconds(), 10000*boolInt(!sc.Open))})
	p.Title = t.Title
	s.render(w, r, http.StatusOK, "training_screen", p)
}

// screenCode is GET /training/{id}/code: the screen's code as JSON, for
// the organiser only, never cached.
func (s *Server) screenCode(w http.ResponseWriter, r *http.Request, v *visitor) {
	t, ok := s.runnable(w, r, v)
	if !ok {
		return
	}
	now := s.st.Now()
	sc := t.Screen(now)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]any{"open": sc.Open, "out": sc.Out, "code": sc.Code,
		"ms_left": max(sc.ValidUntil.Sub(now).Milliseconds(), 0)})
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
