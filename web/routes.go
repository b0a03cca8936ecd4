package web

import (
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// navItem is one entry of the console's menu. A later page (check-up
// rounds, the competition board, annual profiles) plugs in with a line
// here, its routes below, a handler file and a template.
type navItem struct {
	Key     string // texts key of its label
	Path    string
	Section string // what page.Nav is set to on its pages
	MinRole string
}

var nav = []navItem{
	{"web_nav_overview", "/", "overview", models.RoleCadre},
	{"web_nav_reports", "/reports", "reports", models.RoleCadre},
	{"web_nav_talks", "/talks", "talks", models.RoleCadre},
	{"web_nav_annual", "/annual", "annual", models.RoleCadre},
	{"web_nav_roster", "/roster", "roster", models.RoleLeader},
	{"web_nav_schedules", "/schedules", "schedules", models.RoleAdmin},
}

// authed is a handler for people logged in.
type authed func(w http.ResponseWriter, r *http.Request, v *visitor)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/{hash}/{name}", s.showAsset)
	mux.HandleFunc("GET /login/{token}", s.showLogin)
	mux.HandleFunc("POST /login/{token}", s.checkLogin)
	mux.HandleFunc("POST /logout", s.logout)

	in := func(pattern string, h authed) { mux.Handle(pattern, s.loggedIn(h)) }
	in("GET /{$}", s.showOverview)
	in("GET /reports", s.showReports)
	in("GET /reports/{id}", s.showReport)
	in("POST /reports/sign", s.signReports)
	in("POST /reports/{id}/return", s.returnReport)
	in("POST /reports/{id}/reopen", s.reopenReport)
	in("GET /units/{id}/posting", s.showPosting)
	in("GET /talks", s.showTalks)
	in("GET /talks/ledger", s.showLedger)
	in("GET /talks/{id}", s.showTalk)
	in("GET /annual", s.showAnnualList)
	in("GET /annual/{id}", s.showAnnual)
	in("POST /annual/{id}/{step}", s.judgeAnnual)
	in("GET /roster", s.showRoster)
	in("GET /roster/units/{id}", s.showRosterUnit)
	in("POST /roster/upload", s.uploadRoster)
	in("GET /roster/uploads/{id}", s.previewRoster)
	in("POST /roster/uploads/{id}/apply", s.applyRoster)
	in("POST /roster/invites", s.issueInvites)
	in("GET /schedules", s.showSchedules)
	in("POST /schedules/{name}", s.updateSchedule)
	in("GET /calendar", s.showCalendar)
	in("POST /calendar", s.addCalendarDay)
	in("POST /calendar/{date}/delete", s.deleteCalendarDay)
	mux.HandleFunc("/", s.notFound)
	return mux
}

// loggedIn runs h for a visitor with a live session; anyone else is told
// how to log in.
func (s *Server) loggedIn(h authed) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := visitorOf(r)
		if v == nil {
			s.fail(w, r, nil, http.StatusUnauthorized, "web_err_login_needed")
			return
		}
		h(w, r, v)
	})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, visitorOf(r), http.StatusNotFound, "web_err_not_found")
}
