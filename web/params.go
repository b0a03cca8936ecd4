package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// pageSize is how many rows a long list shows at once: a province's 5,000
// units must not make a page of a megabyte.
const pageSize = 50

// period reads ?month=2026-11, defaulting to the live month (the one
// /reports and the digests show). ok is false for a malformed month.
func (s *Server) period(r *http.Request) (models.Period, bool) {
	m := strings.TrimSpace(r.URL.Query().Get("month"))
	if m == "" {
		return models.DigestPeriod(s.st.Now(), s.loc), true
	}
	p, err := models.ParsePeriod(m)
	return p, err == nil
}

// pathID reads a numeric path value such as {id}.
func pathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}

// queryID reads an optional numeric query value; 0 when absent or bad.
func queryID(r *http.Request, name string) int64 {
	id, err := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// pager is one page of a long list.
type pager struct {
	Page, Pages, Total int
	Prev, Next         string // links, "" when there is none
}

// paginate cuts n rows into pages and returns the bounds of the asked-for
// one; link makes the URL of another page.
func paginate(r *http.Request, n int, link func(page int) string) (pager, int, int) {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	pages := max(1, (n+pageSize-1)/pageSize)
	page = min(max(page, 1), pages)
	pg := pager{Page: page, Pages: pages, Total: n}
	if page > 1 {
		pg.Prev = link(page - 1)
	}
	if page < pages {
		pg.Next = link(page + 1)
	}
	from := (page - 1) * pageSize
	return pg, from, min(from+pageSize, n)
}

func itoa(n int) string { return strconv.Itoa(n) }
