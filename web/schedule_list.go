package web

import (
	"net/http"
	"time"

	"github.com/ganshi/ganshi/models"
)

// schedulesPage is 日程: every schedule with its next fire times and a form
// to change it; Problem is the refusal of the last spec entered.
type schedulesPage struct {
	Rows    []scheduleRow
	Problem string
	For     string // the schedule the problem is about
	Entered string
}

type scheduleRow struct {
	models.Schedule
	Next []time.Time
}

// showSchedules is GET /schedules, for admins.
func (s *Server) showSchedules(w http.ResponseWriter, r *http.Request, v *visitor) {
	if v.me.Role != models.RoleAdmin {
		s.refuse(w, r, v, "schedules")
		return
	}
	s.renderSchedules(w, r, v, http.StatusOK, schedulesPage{})
}

func (s *Server) renderSchedules(w http.ResponseWriter, r *http.Request, v *visitor, status int, data schedulesPage) {
	scs, err := s.st.Schedules(r.Context())
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	now := s.st.Now()
	for _, sc := range scs {
		row := scheduleRow{Schedule: sc}
		if s.sched != nil && sc.Enabled {
			row.Next, _ = s.sched.NextFires(sc.Spec, sc.TZ, now, 3) // a stored spec was validated
		}
		data.Rows = append(data.Rows, row)
	}
	s.render(w, r, status, "schedules", s.newPage(v, "web_nav_schedules", "schedules", data))
}
