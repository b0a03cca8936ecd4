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
	{"web_nav_contest", "/contest", "contest", models.RoleCadre},
	{"web_nav_care", "/care", "care", models.RoleCadre},
	{"web_nav_annual", "/annual", "annual", models.RoleCadre},
	{"web_nav_roster", "/roster", "roster", models.RoleLeader},
	{"web_nav_training", "/training", "training", models.RoleLeader},
	{"web_nav_schedules", "/schedules", "schedules", models.RoleAdmin},
	{"web_nav_review", "/review", "review", models.RoleAdmin},
	{"web_nav_contest_admin", "/contest/settings", "contest_admin", models.RoleAdmin},
}

// authed is a handler for people logged in.
type authed func(w http.ResponseWriter, r *http.Request, v *visitor)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/{hash}/{name}", s.showAsset)
	mux.HandleFunc("GET /login/{token}", s.showLogin)
	mux.HandleFunc("POST /login/{token}", s.checkLogin)
	mux.HandleFunc("POST /logout", s.logout)
	// The outside respondents' form: no login, a one-time code instead.
	mux.HandleFunc("GET /form/{code}", s.showForm)
	mux.HandleFunc("POST /form/{code}", s.submitForm)
	mux.HandleFunc("GET /board/{token}", s.showBoard)
	mux.HandleFunc("GET /board/{token}/events", s.showBoardEvents)

	in := func(pattern string, h authed) { mux.Handle(pattern, s.loggedIn(h)) }
	in("GET /{$}", s.showOverview)
	in("GET /reports", s.showReports)
	in("GET /reports/{id}", s.showReport)
	in("POST /reports/sign", s.signReports)
	in("POST /reports/{id}/return", s.returnReport)
	in("POST /reports/{id}/reopen", s.reopenReport)
	in("GET /units/{id}/posting", s.showPosting)
	in("GET /contest", s.showContest)
	in("GET /contest/settings", s.showContestAdmin)
	in("POST /contest/{id}/ranking", s.setContestRanking)
	in("POST /contest/{id}/active", s.setContestActive)
	in("GET /contest/{id}/edit", s.showContestEdit)
	in("POST /contest/{id}/tasks", s.editContestTask)
	in("POST /contest/{id}/targets", s.setContestTargets)
	in("POST /contest/{id}/members", s.moveContestMember)
	in("POST /contest/{id}/tokens", s.createBoardToken)
	in("POST /contest/tokens/{id}/revoke", s.revokeBoardToken)
	in("GET /talks", s.showTalks)
	in("GET /talks/ledger", s.showLedger)
	in("GET /talks/{id}", s.showTalk)
	in("GET /training", s.showTrainings)
	in("GET /training/{id}", s.showTraining)
	in("GET /training/{id}/screen", s.showScreen)
	in("GET /training/{id}/code", s.screenCode)
	in("POST /training/{id}/present/{inv}", s.markPresent)
	in("GET /care", s.showCare)
	in("GET /annual", s.showAnnualList)
	in("GET /annual/{id}", s.showAnnual)
	in("POST /annual/{id}/{step}", s.judgeAnnual)
	in("GET /roster", s.showRoster)
	in("GET /roster/units/{id}", s.showRosterUnit)
	in("POST /roster/upload", s.uploadRoster)
	in("GET /roster/uploads/{id}", s.previewRoster)
	in("POST /roster/uploads/{id}/apply", s.applyRoster)
	in("POST /roster/invites", s.issueInvites)
	in("GET /review", s.showReview)
	in("GET /review/cadres/{id}", s.showReviewCadre)
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
