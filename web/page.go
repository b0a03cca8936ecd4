package web

import (
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// page is what every template gets: who is looking, in which language,
// the menu, the CSRF token for its forms, a notice from the last POST,
// and the page's own values in Data. Templates reach the language through
// methods ({{$.T "key"}}), so one parsed template serves every language.
type page struct {
	Lang  string
	Title string
	Nav   string // the menu section this page belongs to
	Me    *models.Cadre
	CSRF  string
	Flash string
	Menu  []navLink
	Asset func(name string) string
	Data  any
	loc   *time.Location
}

type navLink struct {
	Label, Path string
	Active      bool
}

// newPage starts a page for the visitor (nil on pages for anyone).
func (s *Server) newPage(v *visitor, titleKey, section string, data any) *page {
	p := &page{Lang: texts.ZH, Nav: section, Asset: s.assets.URL, Data: data, loc: s.loc}
	if v != nil {
		me := v.me
		p.Me, p.Lang, p.CSRF = &me, texts.Lang(me.Lang), v.session.CSRF
		for _, n := range nav {
			if me.AtLeast(n.MinRole) {
				p.Menu = append(p.Menu, navLink{Label: p.T(n.Key), Path: n.Path, Active: n.Section == section})
			}
		}
	}
	p.Title = p.T(titleKey)
	return p
}

// T is the text for key in the page's language.
func (p *page) T(key string, args ...any) string { return texts.T(p.Lang, key, args...) }

// Problem is an import problem in the page's language, its lines first.
func (p *page) Problem(pr models.LineProblem) string { return pr.Text(p.Lang) }

// Time writes an instant in the console's zone, to the minute.
func (p *page) Time(t time.Time) string { return t.In(p.loc).Format("2006-01-02 15:04") }

// TimeP is Time for an optional instant, a dash for none.
func (p *page) TimeP(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return p.Time(*t)
}

// Month writes 2026-11 as 2026年11月 (November 2026).
func (p *page) Month(period string) string {
	q, err := models.ParsePeriod(period)
	if err != nil {
		return period
	}
	return p.T("period", q.Year, int(q.Month))
}

// Role names the visitor's role.
func (p *page) Role() string {
	if p.Me == nil {
		return ""
	}
	return p.T("role_" + p.Me.Role)
}

// StateOf is a report status as the board names it (a draft is "in
// progress"), for the state badges.
func (p *page) StateOf(status string) string {
	if status == models.ReportDraft {
		return models.StateInProgress
	}
	return status
}
