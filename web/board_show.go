package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ganshi/ganshi/models"
)

// defaultRotate is how many seconds a display shows each category.
const defaultRotate = 30

// boardPage is what the board's page template gets.
type boardPage struct {
	Title, CSS, JS, Events string
	Rotate                 int
	Body                   template.HTML
}

// boardToken checks the token a board URL carries: 403 for a guessed or
// revoked one, the same page for both (a guess learns nothing).
func (s *Server) boardToken(w http.ResponseWriter, r *http.Request) (models.BoardToken, bool) {
	bt, err := s.st.BoardTokenFor(r.Context(), r.PathValue("token"))
	switch {
	case errors.Is(err, models.ErrNotFound), errors.Is(err, models.ErrTokenRevoked):
		s.log.Warn("web: board token refused", "revoked", errors.Is(err, models.ErrTokenRevoked))
		s.fail(w, r, nil, http.StatusForbidden, "board_forbidden")
		return bt, false
	case err != nil:
		s.serverError(w, r, nil, err)
		return bt, false
	}
	return bt, true
}

// showBoard is the live board for a display screen: public, read-only,
// opened by its token. ?category= shows one category; ?rotate=N shows
// each category N seconds in turn (0: all at once).
func (s *Server) showBoard(w http.ResponseWriter, r *http.Request) {
	bt, ok := s.boardToken(w, r)
	if !ok {
		return
	}
	category := r.URL.Query().Get("category")
	rotate := defaultRotate
	if v, err := strconv.Atoi(r.URL.Query().Get("rotate")); err == nil && v >= 0 && v <= 3600 {
		rotate = v
	}
	q := url.Values{}
	if category != "" {
		q.Set("category", category)
	}
	s.renderBoard(w, r, bt.ContestID, category, rotate, "/board/"+url.PathEscape(r.PathValue("token"))+"/events?"+q.Encode())
}

func (s *Server) renderBoard(w http.ResponseWriter, r *http.Request, contest int64, category string, rotate int, events string) {
	body, err := s.boards.frame(r.Context(), contest, category)
	if err != nil {
		s.serverError(w, r, nil, err)
		return
	}
	c, err := s.st.ContestByID(r.Context(), contest)
	if err != nil {
		s.serverError(w, r, nil, err)
		return
	}
	p := boardPage{Title: c.Name, CSS: s.assets.URL("board.css"), JS: s.assets.URL("board.js"), Events: events,
		Rotate: rotate, Body: template.HTML(body)} // rendered by html/template in the hub
	var b bytes.Buffer
	if err := s.boardTpl.page.ExecuteTemplate(&b, "page.html", p); err != nil {
		s.serverError(w, r, nil, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = b.WriteTo(w)
}

// CloseBoards ends every open board stream: call it when the HTTP server
// shuts down (http.Server.RegisterOnShutdown), or the streams hold it up.
func (s *Server) CloseBoards() { s.boards.close() }

// boardFrames is for tests and benchmarks: how many standings the hub
// computed so far.
func (s *Server) boardFrames() int {
	s.boards.mu.Lock()
	defer s.boards.mu.Unlock()
	return s.boards.computed
}
