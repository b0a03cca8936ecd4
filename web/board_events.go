package web

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"
)

// keepAlive is how often an idle stream gets a comment line, so proxies
// and the browser keep the connection and a dead one is noticed.
const keepAlive = 25 * time.Second

// showBoardEvents streams the board's body as Server-Sent Events: the
// current one at once, then each change the hub broadcasts. EventSource
// reconnects by itself; the retry hint is spread over 1–4 s so that many
// screens coming back after a restart do not arrive in one burst. A
// revoked token ends the stream with a "revoked" event; a server shutting
// down ends it without one, so the screens come back to the next server.
func (s *Server) showBoardEvents(w http.ResponseWriter, r *http.Request) {
	bt, ok := s.boardToken(w, r)
	if !ok {
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		s.serverError(w, r, nil, fmt.Errorf("streaming unsupported"))
		return
	}
	category := r.URL.Query().Get("category")
	sub := s.boards.subscribe(bt.ContestID, bt.ID, category)
	defer s.boards.unsubscribe(sub)
	first, err := s.boards.frame(r.Context(), bt.ContestID, category)
	if err != nil {
		s.serverError(w, r, nil, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: %d\n\n", 1000+rand.IntN(3000))
	writeFrame(w, first)
	fl.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-sub.gone:
			if sub.revoked {
				fmt.Fprint(w, "event: revoked\ndata: -\n\n")
				fl.Flush()
			}
			return // a server shutting down: the screen reconnects to the next one
		case f := <-sub.frames:
			writeFrame(w, f)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		fl.Flush()
	}
}

// writeFrame sends one HTML body as a "board" event, a data line per line.
func writeFrame(w http.ResponseWriter, f []byte) {
	var b bytes.Buffer
	b.WriteString("event: board\n")
	for _, line := range bytes.Split(f, []byte("\n")) {
		b.WriteString("data: ")
		b.Write(bytes.TrimSuffix(line, []byte("\r")))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	_, _ = w.Write(b.Bytes())
}
